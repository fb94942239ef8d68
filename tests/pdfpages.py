"""Newspaper PDF pages made with reportlab and a CJK font, and the truth about them (for tests/test_pdf.py).

Page 1 has three columns: a kicker and headline over two columns with an article running down both, an
article with a picture and its caption in the third, and an advert block across the foot. Page 2 has four
columns and two articles of two columns each, their text stored row by row across all four columns (the
stored order is wrong on purpose). Page 3 (asked for by name) has a picture whose caption has no caption
words and a framed block with no advert words: a caption and an advert only by their places.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
W, H = 600.0, 800.0
MARGIN = 30.0
BODY = 10.0
LEAD = 15.0

A_BODY = [
    "浙江省委提出实施干部为事业担当组织为干部担当激励保护行动，进一步落实容错纠错机制和澄清正名机制，"
    "激励干部大胆开拓担当作为。杭州市富阳区常安镇党委书记徐华对此深有感触，去年镇党委曾提出通过异地换土法"
    "来修复工业污染土地，但因为没有具体政策依据，实际推进有顾虑。",
    "富阳区最终对常安镇这项工作适用容错办法，帮助基层干部破除了干事的思想障碍，土壤修复工作得以顺利推进。"
    "目前已有十一家省直单位制定了容错细化清单，去年全省共实施容错纠错二百四十一起，为担当者撑腰。",
    "浙江还将建立健全干部关爱机制，对受到诬告错告的干部及时澄清正名，让干部放开手脚干事创业。",
]
B_BODY = [
    "北京市丰台区推行政务服务一网通办，企业开办时间压缩到一天以内，群众办事少跑腿。",
    "区政务服务中心设立帮办代办窗口，为老年人提供上门服务，全年办理事项超过十万件。",
]
C_BODY = [
    "长江流域生态保护修复取得积极进展，沿江各地关停化工企业，岸线复绿面积持续扩大，江豚频繁现身。",
    "湖北宜昌建设长江大保护示范区，推动产业绿色转型，沿江一公里内化工企业全部清零。",
]
D_BODY = [
    "新疆棉花进入采收季，机采率超过八成，无人机植保和北斗导航播种广泛应用，棉农增收明显。",
    "阿克苏地区推广节水滴灌技术，每亩节水三成，棉花单产稳步提高，品质不断提升。",
]
CAPTION = "图为丰台区政务服务中心帮办窗口。李明摄"
ADVERT = ["人民日报社订阅热线：010-65369330", "邮发代号：1-1 欢迎订阅"]


@dataclass
class Truth:
    """What was printed, in reading order: (role, text) per paragraph, and the articles."""

    order: list[tuple[str, str]] = field(default_factory=list)
    articles: dict[str, list[str]] = field(default_factory=dict)  # headline -> body paragraphs


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", str(FONT_FILE), subfontIndex=0))
    return "wqy"


def _wrap(paragraphs: list[str], width: float, size: float = BODY) -> list[tuple[str, float]]:
    """Lines (text, indent) of paragraphs set in a column ``width`` wide, first lines indented two chars."""
    per = int(width // size)
    out: list[tuple[str, float]] = []
    for p in paragraphs:
        first, rest = p[: per - 2], p[per - 2 :]
        out.append((first, 2 * size))
        out += [(rest[i : i + per], 0.0) for i in range(0, len(rest), per)]
    return out


def _draw_lines(c: object, lines: list[tuple[str, float]], x: float, top: float, size: float = BODY) -> float:
    for k, (text, indent) in enumerate(lines):
        c.setFont("wqy", size)  # type: ignore[attr-defined]
        c.drawString(x + indent, top - size - k * LEAD * size / BODY, text)  # type: ignore[attr-defined]
    return top - len(lines) * LEAD * size / BODY


def _picture() -> object:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("RGB", (40, 30), (120, 140, 160)))


def _page_one(c: object, t: Truth) -> None:
    col = (W - 2 * MARGIN - 2 * 15) / 3
    xs = [MARGIN + i * (col + 15) for i in range(3)]
    top = H - MARGIN
    c.setFont("wqy", 13)  # type: ignore[attr-defined]
    c.drawString(xs[0], top - 13, "浙江推进激励保护——")  # type: ignore[attr-defined]
    c.setFont("wqy", 22)  # type: ignore[attr-defined]
    c.drawString(xs[0], top - 42, "激励干部大胆开拓担当作为")  # type: ignore[attr-defined]
    lines = _wrap(A_BODY, col)
    half = (len(lines) + 1) // 2
    _draw_lines(c, lines[:half], xs[0], top - 62)
    _draw_lines(c, lines[half:], xs[1], top - 62)
    c.setFont("wqy", 18)  # type: ignore[attr-defined]
    c.drawString(xs[2], top - 20, "丰台审批服务改革")  # type: ignore[attr-defined]
    y = _draw_lines(c, _wrap(B_BODY, col), xs[2], top - 40)
    c.drawImage(_picture(), xs[2], y - 110, width=col, height=100)  # type: ignore[attr-defined]
    c.setFont("wqy", 8)  # type: ignore[attr-defined]
    cap = [CAPTION[:21], CAPTION[21:]]
    for k, s in enumerate(cap):
        c.drawString(xs[2], y - 110 - 10 - k * 11, s)  # type: ignore[attr-defined]
    c.rect(MARGIN, 40, W - 2 * MARGIN, 60)  # type: ignore[attr-defined]
    c.setFont("wqy", 12)  # type: ignore[attr-defined]
    for k, s in enumerate(ADVERT):
        c.drawString(MARGIN + 20, 80 - k * 20, s)  # type: ignore[attr-defined]
    t.order += [("kicker", "浙江推进激励保护——"), ("headline", "激励干部大胆开拓担当作为")]
    t.order += [("body", p) for p in A_BODY]
    t.order += [("headline", "丰台审批服务改革"), *(("body", p) for p in B_BODY), ("caption", CAPTION)]
    t.order += [("advert", s) for s in ADVERT]
    t.articles["激励干部大胆开拓担当作为"] = A_BODY
    t.articles["丰台审批服务改革"] = B_BODY


def _page_two(c: object, t: Truth) -> None:
    col = (W - 2 * MARGIN - 3 * 12) / 4
    xs = [MARGIN + i * (col + 12) for i in range(4)]
    top = H - MARGIN
    heads = [("长江生态保护修复见成效", C_BODY), ("新疆棉花喜获丰收", D_BODY)]
    columns: list[list[tuple[str, float]]] = []
    for k, (head, body) in enumerate(heads):
        c.setFont("wqy", 20)  # type: ignore[attr-defined]
        c.drawString(xs[2 * k], top - 20, head)  # type: ignore[attr-defined]
        lines = _wrap(body, col)
        half = (len(lines) + 1) // 2
        columns += [lines[:half], lines[half:]]
        t.order += [("headline", head), *(("body", p) for p in body)]
        t.articles[head] = body
    # Stored row by row across the four columns: the stored order interleaves the two articles.
    for row in range(max(len(x) for x in columns)):
        for k, lines in enumerate(columns):
            if row < len(lines):
                text, indent = lines[row]
                c.setFont("wqy", BODY)  # type: ignore[attr-defined]
                c.drawString(xs[k] + indent, top - 45 - BODY - row * LEAD, text)  # type: ignore[attr-defined]


E_BODY = [
    "社区食堂开到了家门口，老人花十元钱就能吃上两荤一素，子女们也放了心。",
    "街道还为行动不便的老人提供送餐上门服务，每天送餐超过两百份。",
]
PLAIN_CAPTION = "社区食堂里正在用餐的老人们"
FRAMED = ["春季家电焕新季", "以旧换新 全场八折 送货上门"]


def _page_three(c: object, t: Truth) -> None:
    """Two columns: an article with a picture whose caption has no caption words, and a framed block
    without any advert words (an advert only by its place)."""
    col = (W - 2 * MARGIN - 15) / 2
    xs = [MARGIN, MARGIN + col + 15]
    top = H - MARGIN
    c.setFont("wqy", 20)  # type: ignore[attr-defined]
    c.drawString(xs[0], top - 20, "社区食堂暖人心")  # type: ignore[attr-defined]
    y = _draw_lines(c, _wrap(E_BODY, col), xs[0], top - 40)
    c.drawImage(_picture(), xs[0], y - 110, width=col, height=100)  # type: ignore[attr-defined]
    c.setFont("wqy", 8)  # type: ignore[attr-defined]
    c.drawString(xs[0], y - 120, PLAIN_CAPTION)  # type: ignore[attr-defined]
    c.rect(xs[1], top - 120, col, 100)  # type: ignore[attr-defined]
    c.setFont("wqy", 12)  # type: ignore[attr-defined]
    for k, s in enumerate(FRAMED):
        c.drawString(xs[1] + 15, top - 50 - k * 30, s)  # type: ignore[attr-defined]
    t.order += [("headline", "社区食堂暖人心"), *(("body", p) for p in E_BODY), ("caption", PLAIN_CAPTION)]
    t.order += [("advert", s) for s in FRAMED]
    t.articles["社区食堂暖人心"] = E_BODY


_PAGES = {"one": _page_one, "two": _page_two, "three": _page_three}


def newspaper_pdf(
    path: Path | None = None, *, pages: tuple[str, ...] = ("one", "two")
) -> tuple[bytes, Truth]:
    """The PDF (written to ``path`` too when given) and its truth."""
    from reportlab.pdfgen import canvas

    _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.setTitle("人民日报 测试版")
    truth = Truth()
    for name in pages:
        _PAGES[name](c, truth)
        c.showPage()
    c.save()
    data = buf.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data, truth

"""Text pages -> articles, measured against each page's printed structure.

    python -m bench.pages [DIR] [--part dev|held|all] [--misses]

``DIR`` (default ``../shared/data/pages-dev`` next to the repository) holds one ``.txt`` file per printed
newspaper page and ``truth.jsonl``: per page its articles in print order, each as ``kicker``, ``title``,
``subtitle`` and ``first_paragraph``. The data is read where it lies and never copied into the project.

Each page is read with :func:`rag.documents.read_documents` and split with
:func:`rag.articles.split_articles`, exactly as ``rag index`` does. Reported, per part of the set:

* **title recall / precision**: a predicted article (a record of kind ``article`` or ``advert``: the truth
  lists adverts as articles) matches a true article when their titles are equal after removing whitespace
  and punctuation; each title matches at most once.
* **exact pages**: the share of pages whose predicted titles are the true titles, in print order.
* **body characters**: the share of the true articles' body characters (everything after the title and
  subtitle up to the next article's first header line, whitespace aside) that lie in the record matched to
  that article: in a block, a section heading or the header (a dateline), or in a caption attached to it.
  Editor lines (``本版责编：…``) belong to the page, not to an article, and are not counted.

Parts: a fixed fifth of the pages (chosen by a hash of the file name, not by looking at them) is held aside
as a check on rules developed on the rest; ``dev`` is the rest.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.articles import Article, split_articles
from rag.documents import read_documents

__all__ = [
    "DEFAULT_DIR",
    "PageScore",
    "Summary",
    "held_aside",
    "main",
    "score_page",
    "score_pages",
    "summarise",
]

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pages-dev"
PARTS = ("dev", "held", "all")

_NOT_WORD = re.compile(r"[\W_]+")
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # lines up to a blank line
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_EDITOR_LINE = re.compile(
    r"^(?:本版责编|本版编辑|责任编辑|本版统筹|版式设计|美术编辑|本版美编|本版制图|责编)[：:]"
)


def norm(text: str | None) -> str:
    """A title as compared: without whitespace and punctuation."""
    return _NOT_WORD.sub("", text or "")


def held_aside(name: str) -> bool:
    """Whether a page belongs to the held-aside part (a fixed fifth, by a hash of its file name)."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


@dataclass(frozen=True)
class _TrueArticle:
    title: str
    body: tuple[tuple[int, int], ...]  # paragraph spans of the body in the page text


@dataclass
class PageScore:
    """One page: true and predicted titles, and how many body characters landed in the right record."""

    file: str
    true_titles: list[str]
    predicted_titles: list[str]
    matched: int
    body_chars: int
    body_right: int
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return [norm(t) for t in self.true_titles] == [norm(t) for t in self.predicted_titles]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    pattern = _PARAGRAPH if re.search(r"\n[ \t]*\n", text) else _LINE
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _locate(text: str, articles: Sequence[dict[str, str | None]]) -> list[_TrueArticle]:
    """Find each true article in the page text, in order: its header lines, then its first paragraph."""
    paras = _paragraphs(text)
    words = [norm(text[s:e]) for s, e in paras]
    heads: list[tuple[int, int]] = []  # (index of the first header paragraph, index of the first body one)
    j = 0
    for a in articles:
        found = _find_head(words, j, a)
        if found is None:
            raise ValueError(f"cannot find {a['title']!r} in the page text")
        heads.append(found)
        j = found[1]
    out: list[_TrueArticle] = []
    for n, (a, (_, body)) in enumerate(zip(articles, heads, strict=True)):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(paras)
        spans = tuple(p for p in paras[body:end] if not _EDITOR_LINE.match(text[p[0] : p[1]]))
        out.append(_TrueArticle(str(a["title"]), spans))
    return out


def _find_head(words: list[str], start: int, a: dict[str, str | None]) -> tuple[int, int] | None:
    first = norm(a.get("first_paragraph"))[:30]
    for k in range(start, len(words)):
        if words[k] != norm(a["title"]):
            continue
        head = k
        if a.get("kicker"):
            if k == 0 or words[k - 1] != norm(a["kicker"]):
                continue
            head = k - 1
        body = k + 1
        if a.get("subtitle"):
            if body >= len(words) or words[body] != norm(a["subtitle"]):
                continue
            body += 1
        if not first or (body < len(words) and words[body].startswith(first)):
            return head, body
    return None


def _owned(text: str, r: Article) -> list[tuple[int, int]]:
    spans = [(b.start, b.end) for b in r.blocks] + [(h.start, h.end) for h in r.head]
    return spans + [(s.start, s.end) for s in r.sections]


def _match(true: list[_TrueArticle], predicted: list[Article]) -> dict[int, Article]:
    """{index of a true article: the predicted article with its title}, each used once, in print order."""
    used: set[int] = set()
    out: dict[int, Article] = {}
    for n, t in enumerate(true):
        for k, p in enumerate(predicted):
            if k not in used and norm(p.title) == norm(t.title):
                used.add(k)
                out[n] = p
                break
    return out


def score_page(path: Path, truth: dict[str, object], *, lines: bool = False) -> PageScore:
    """Split one page with rag's splitter and compare it with its truth.

    With ``lines``, the page's blank lines are removed first (one paragraph per line, as some sites save).
    """
    docs, _ = read_documents([path])
    doc = docs[0]
    if lines:
        doc = dataclasses.replace(doc, text=re.sub(r"\n[ \t]*\n+", "\n", doc.text))
    records = split_articles(doc)
    true = _locate(doc.text, truth["articles"])  # type: ignore[arg-type]
    predicted = [r for r in records if r.kind in ("article", "advert")]
    matched = _match(true, predicted)
    owner: dict[int, str] = {}
    for r in records:
        rid = r.attached_to if r.kind == "caption" and r.attached_to else r.article_id
        for s, e in _owned(doc.text, r):
            for i in range(s, e):
                owner[i] = rid
    chars = right = 0
    for n, t in enumerate(true):
        want = matched[n].article_id if n in matched else None
        for s, e in t.body:
            for i in range(s, e):
                if not doc.text[i].isspace():
                    chars += 1
                    right += want is not None and owner.get(i) == want
    hit = {id(p) for p in matched.values()}
    return PageScore(
        file=path.name,
        true_titles=[t.title for t in true],
        predicted_titles=[p.title for p in predicted],
        matched=len(matched),
        body_chars=chars,
        body_right=right,
        missing=[t.title for n, t in enumerate(true) if n not in matched],
        extra=[p.title for p in predicted if id(p) not in hit],
    )


@dataclass(frozen=True)
class Summary:
    """The figures of one part of the set."""

    part: str
    pages: int
    articles: int
    recall: float
    precision: float
    exact: float
    body: float


def summarise(part: str, scores: Sequence[PageScore]) -> Summary:
    true = sum(len(s.true_titles) for s in scores)
    predicted = sum(len(s.predicted_titles) for s in scores)
    matched = sum(s.matched for s in scores)
    chars = sum(s.body_chars for s in scores)
    return Summary(
        part=part,
        pages=len(scores),
        articles=true,
        recall=matched / true if true else 0.0,
        precision=matched / predicted if predicted else 0.0,
        exact=sum(s.exact for s in scores) / len(scores) if scores else 0.0,
        body=sum(s.body_right for s in scores) / chars if chars else 0.0,
    )


def score_pages(folder: Path, *, lines: bool = False) -> list[PageScore]:
    """Every page listed in ``folder/truth.jsonl``, scored."""
    scores = []
    with open(folder / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                truth = json.loads(line)
                scores.append(score_page(folder / truth["file"], truth, lines=lines))
    return scores


def in_part(part: str, name: str) -> bool:
    return part == "all" or (part == "held") == held_aside(name)


def _print_table(summaries: Sequence[Summary]) -> None:
    print(f"{'part':<6}{'pages':>7}{'articles':>10}{'recall':>9}{'precision':>11}{'exact':>8}{'body':>8}")
    for s in summaries:
        print(
            f"{s.part:<6}{s.pages:>7}{s.articles:>10}{s.recall:>9.3f}{s.precision:>11.3f}"
            f"{s.exact:>8.3f}{s.body:>8.3f}"
        )


def _print_misses(scores: Sequence[PageScore]) -> None:
    for s in scores:
        if s.exact:
            continue
        print(f"\n{s.file}: {s.matched}/{len(s.true_titles)} titles, {len(s.predicted_titles)} predicted")
        for t in s.missing:
            print(f"  missing  {t}")
        for t in s.extra:
            print(f"  extra    {t}")
        if not s.missing and not s.extra:
            print("  order    " + " | ".join(s.predicted_titles))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, help="pages and truth.jsonl")
    ap.add_argument("--part", choices=PARTS, default=None, help="report one part (default: all three)")
    ap.add_argument("--misses", action="store_true", help="list the pages not split exactly right")
    ap.add_argument("--lines", action="store_true", help="remove blank lines first: one paragraph per line")
    args = ap.parse_args(argv)
    if not (args.folder / "truth.jsonl").is_file():
        print(f"no truth.jsonl in {args.folder}", file=sys.stderr)
        return 2
    scores = score_pages(args.folder, lines=args.lines)
    parts = [args.part] if args.part else list(PARTS)
    _print_table([summarise(p, [s for s in scores if in_part(p, s.file)]) for p in parts])
    if args.misses:
        _print_misses([s for s in scores if in_part(args.part or "all", s.file)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Files and folders -> :class:`Document`.

One job: turn what the user points at into decoded text with a stable identity, and say plainly why any file
was left out. Nothing here knows about articles or chunks.

Formats
    ``.txt``, ``.md``/``.markdown``: the decoded file, character for character (a byte-order mark is
    removed; line endings are kept as they are). ``.html``/``.htm``: visible text extracted with
    BeautifulSoup's stdlib ``html.parser``: scripts, styles, ``noscript``, ``nav`` and page-level
    ``header``/``footer`` are dropped, ``<h1>`` becomes a line ``# heading`` and ``<h2>``/``<h3>`` become
    ``## heading`` (what :mod:`rag.articles` looks for), paragraphs are separated by blank lines.
    ``.jsonl`` and ``.jsonl.gz``: one article per line (``text`` required; ``title``, ``date``, ``url``,
    ``id`` optional); the file is streamed line by line, never loaded whole, and a bad line is skipped with a
    reason naming the file and line while the rest goes on.

Encodings (``.txt``, ``.md``, ``.html``)
    UTF-8 is tried first, strictly (a BOM gives ``"utf-8-sig"``; UTF-16/32 BOMs are honoured). Otherwise
    both Chinese legacy codecs are tried strictly: GB18030 (a superset of GBK and GB2312) and Big5. When only
    one decodes, it is used. When both decode (nearly all Big5 text is also valid GB18030, and short GBK
    text is often valid Big5), the decodings are compared by how plausible their characters are (common
    GB2312/Big5 level-1 hanzi score up; kana, Greek, box drawing, private-use and similar debris that a
    wrong decoding produces score down), and charset-normalizer breaks ties (charset-normalizer alone
    guesses short Chinese text wrong far more often; docs/experiments.md has the measurement). When no
    Chinese decoding is
    plausible (Japanese, Latin-1, traditional text stored as GB18030, random bytes), the bytes go to
    charset-normalizer over all codecs, and are "undecodable" when it finds nothing coherent. A file with
    NUL bytes in its first 8 KB (and no UTF-16/32 byte-order mark) is a "binary file".

Folders
    Walked recursively in sorted order; hidden files and folders (``.name``) are skipped; symbolic links to
    folders are followed once, and a link back to a folder being walked is reported as "symlink loop".
    Inside a folder, files of other types are ignored silently, except those that look like documents a user
    may have meant to include (``.pdf``, ``.docx``, ...), which are reported as skipped. A file named
    explicitly with an unsupported suffix is always reported. The same file reached twice is read once.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import errno
import gzip
import hashlib
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from rag.errors import InputError

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "Skipped",
    "date_from_name",
    "doc_id_for",
    "iter_documents",
    "read_documents",
    "read_text_file",
]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".jsonl.gz")

# Suffixes that look like documents: inside a folder these are reported as skipped, other files are ignored.
_DOCUMENT_LIKE = (
    ".pdf", ".doc", ".docx", ".rtf", ".odt", ".epub", ".pages", ".wps", ".xhtml", ".mhtml", ".json",
    ".csv", ".tsv", ".xml", ".gz", ".zip",
)  # fmt: skip

_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".docx": "docx",
    ".pdf": "pdf",
}

_SNIFF_BYTES = 8192
_SCORE_CHARS = 20000


def doc_id_for(source: str) -> str:
    """The stable id of a document: the first 16 hex characters of the SHA-1 of its ``source``."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_JSONL_SOURCE = re.compile(r"^(.*?\.jsonl(?:\.gz)?)#(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Document:
    """One unit of input text with a stable identity.

    ``text`` is what citations point into: for ``.txt``/``.md`` exactly the decoded file (BOM removed), for
    HTML the extracted text, for JSONL the line's ``text`` field. ``source`` is the resolved path (plus
    ``#<id>`` for a JSONL line) and ``doc_id`` is derived from it (:func:`doc_id_for`).
    """

    doc_id: str
    source: str
    text: str
    format: str
    encoding: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    #: For a PDF, the page and box of every character of ``text`` (:mod:`rag.pdf`, encoded); else None.
    layout: str | None = None

    @property
    def name(self) -> str:
        """A short display name: the file name, or ``stories.jsonl.gz#<id>`` for a JSONL line."""
        if self.format == "jsonl":
            m = _JSONL_SOURCE.match(self.source)
            if m:
                return f"{_basename(m.group(1))}#{m.group(2)}"
        return _basename(self.source)

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 (hex) of ``text``; computed once per instance."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Skipped:
    """A file (or JSONL line) that was not read, and why, in one line."""

    path: str
    reason: str


def _basename(path: str) -> str:
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


# ----------------------------------------------------------------------------------------------------
# Dates

_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_ANY_DATE = re.compile(
    r"^\s*((?:19|20)\d\d)\s*(?:[-/.年]\s*)?(\d{1,2})\s*(?:[-/.月]\s*)?(\d{1,2})\s*日?"
    r"(?:$|[T\s]|[+-]\d\d:?\d\d$)"
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_from_name(name: str) -> str | None:
    """An ISO date found in a file name (``news-page-2024-03-29.txt``, ``20240329.txt``), else ``None``."""
    for m in _NAME_DATE.finditer(_basename(name)):
        iso = _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if iso:
            return iso
    return None


def _normalise_date(value: object) -> str | None:
    """``2024-03-29``, ``20240329``, ``2024/3/29``, ``2024年3月29日`` or an ISO timestamp -> ISO date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _ANY_DATE.match(text)
    if m is None:
        m2 = re.fullmatch(r"((?:19|20)\d\d)(\d\d)(\d\d)", text)
        return _iso(int(m2.group(1)), int(m2.group(2)), int(m2.group(3))) if m2 else None
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# ----------------------------------------------------------------------------------------------------
# Decoding


class _Undecodable(Exception):
    """Internal: why bytes could not be turned into text (one line, becomes Skipped.reason)."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _odd(o: int) -> bool:
    """Characters a wrong CJK decoding produces and real Chinese prose rarely contains."""
    return (
        0x80 <= o <= 0x9F  # C1 controls
        or 0x0370 <= o <= 0x052F  # Greek, Cyrillic
        or 0x2474 <= o <= 0x24FF  # enclosed alphanumerics other than ①-⑳
        or 0x2500 <= o <= 0x259F  # box drawing, blocks
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3100 <= o <= 0x312F  # bopomofo
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or 0xE000 <= o <= 0xF8FF  # private use
        or 0xF900 <= o <= 0xFAFF  # CJK compatibility ideographs
        or 0xFE10 <= o <= 0xFE6F  # vertical and small forms
        or 0xFF61 <= o <= 0xFF9F  # half-width katakana
    )


def _plausibility(text: str, codec: str) -> int:
    """Score a decoding: +1 per common character of that codec's script, -1 per rare, -3 per odd one."""
    table = "gb2312" if codec == "gb18030" else "big5"
    score = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            continue
        if _odd(o):
            score -= 3
            continue
        try:
            b = ch.encode(table)
        except UnicodeEncodeError:
            score -= 1
            continue
        if len(b) != 2:
            score -= 1
            continue
        if table == "gb2312":
            common = 0xB0 <= b[0] <= 0xD7 or b[0] in (0xA1, 0xA3)  # level-1 hanzi, punctuation, full-width
        else:
            v = b[0] << 8 | b[1]
            common = 0xA440 <= v <= 0xC67E or 0xA140 <= v <= 0xA1FF  # level-1 hanzi, punctuation
        score += 1 if common else -1
    return score


def _cn_best(data: bytes, isolation: list[str] | None) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=isolation).best() if isolation else from_bytes(data).best()
    if best is None:
        return None
    return str(best), str(best.encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, codec). Raises _Undecodable with a one-line reason."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise _Undecodable(
                    f"undecodable (has a {codec} byte-order mark but is not {codec})"
                ) from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise _Undecodable("binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    # A sample is enough to tell the codecs apart and keeps a 100 MB file from taking seconds.
    scores = {codec: _plausibility(text[:_SCORE_CHARS], codec) for codec, text in candidates.items()}
    chosen: str | None = None
    if len(candidates) == 1:
        chosen = next(iter(candidates))
    elif len(candidates) == 2:
        if scores["gb18030"] != scores["big5"]:
            chosen = max(scores, key=lambda c: scores[c])
        else:
            found = _cn_best(data, ["gb18030", "big5"])
            chosen = found[1] if found and found[1] in candidates else "gb18030"
    if chosen is not None and scores[chosen] > 0:
        return candidates[chosen], chosen
    # Neither Chinese codec gives plausible Chinese (random bytes, Japanese, traditional text in GB18030...):
    # let charset-normalizer decide among all codecs, and give up when it finds nothing coherent either.
    found = _cn_best(data, None)
    if found is not None and "\x00" not in found[0]:
        return found
    raise _Undecodable("undecodable (tried utf-8, gb18030, big5 and charset detection)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _read_bytes(path: Path, limit: int) -> bytes:
    with open(path, "rb") as f:
        # Never ask for more than the file holds: read(limit + 1) would reserve the whole limit up front.
        size = os.fstat(f.fileno()).st_size
        return f.read(min(size, limit) + 1)


def read_text_file(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read a text file as ``(text, encoding)`` with the detection described in the module docstring.

    Raises :class:`InputError` when the file is missing, unreadable, binary or undecodable.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file or folder: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; give a text file") from None
    except OSError as e:
        raise InputError(f"cannot read {path}: {_os_reason(e)}") from None
    try:
        return _decode(data)
    except _Undecodable as e:
        raise InputError(f"{path}: {e}; give a UTF-8, GB18030/GBK or Big5 text file") from None


def _os_reason(e: BaseException) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror.lower()
    return str(e) or type(e).__name__


# ----------------------------------------------------------------------------------------------------
# HTML

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "iframe", "svg", "form", "button", "select")
_DROP_ROLES = ("navigation", "banner", "contentinfo", "search")
_BLOCK_TAGS = frozenset(
    ("p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "blockquote", "pre", "table",
     "thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption",
     "dd", "dt", "dl", "address", "hr", "body", "center", "caption", "header", "footer", "details", "summary")
)  # fmt: skip
_DATE_META = ("article:published_time", "publishdate", "pubdate", "date", "datepublished")
_BR = "\u2028"  # stands for <br> while whitespace is collapsed
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


def _html_to_text(markup: str) -> tuple[str, str | None, str | None, str | None]:
    """HTML -> (text, title, date, url)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title: str | None = None
    if soup.title is not None:
        title = _SPACES.sub(" ", soup.title.get_text()).strip() or None
    date, url = _html_date_url(soup)
    _drop_chrome(soup)
    paragraphs = _html_paragraphs(soup)
    h1_text = next((p[2:].strip() for p in paragraphs if p.startswith("# ")), None)
    if h1_text and (title is None or h1_text in title):
        title = h1_text
    return "\n\n".join(paragraphs), title, date, url


def _html_date_url(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """The publication date and the canonical URL that the page's ``<meta>`` and ``<link>`` declare."""
    from bs4.element import Tag

    date = None
    url = None
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if not isinstance(content, str):
            continue
        if date is None and key in _DATE_META:
            date = _normalise_date(content)
        elif url is None and key == "og:url":
            url = content.strip() or None
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and isinstance(link.get("href"), str):
        url = str(link.get("href")).strip() or url
    return date, url


def _drop_chrome(soup: BeautifulSoup) -> None:
    """Remove what is not the page's text: scripts, navigation, page-level header and footer; mark <br>."""
    from bs4.element import NavigableString

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(("header", "footer")):
        if tag.decomposed:
            continue
        if tag.find_parent(("article", "main")) is None:
            tag.decompose()
    for tag in soup.find_all(role=True):
        if not tag.decomposed and str(tag.get("role")).lower() in _DROP_ROLES:
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString(_BR))


def _html_paragraphs(soup: BeautifulSoup) -> list[str]:
    """The visible text, one paragraph per block element (and per ``<br>``); headings get ``#``/``##``."""
    from bs4.element import NavigableString

    paragraphs: list[str] = []
    current: list[str] = []
    current_owner: object = None
    current_prefix = ""

    def flush() -> None:
        raw = _CJK_BREAK.sub("", "".join(current))
        for piece in raw.split(_BR):
            text = _SPACES.sub(" ", piece).strip()
            if text:
                paragraphs.append(current_prefix + text)
        current.clear()

    root = soup.body or soup
    for s in root.find_all(string=True):
        if type(s) is not NavigableString:  # comments, doctype, CDATA, processing instructions
            continue
        owner, prefix = _block_owner(s)
        if owner is not current_owner:
            flush()
            current_owner = owner
            current_prefix = prefix
        current.append(str(s))
    flush()
    return paragraphs


def _block_owner(s: NavigableString) -> tuple[object, str]:
    """The block element a piece of text belongs to, and the heading prefix that block gives its text."""
    for parent in s.parents:
        name = getattr(parent, "name", None)
        if name in _BLOCK_TAGS:
            if name == "h1":
                return parent, "# "
            if name in ("h2", "h3"):
                return parent, "## "
            return parent, ""
    return None, ""


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    try:
        return _decode(data)
    except _Undecodable:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        codec = m.group(1).decode("ascii").lower()
        try:
            codecs.lookup(codec)
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(data)


# ----------------------------------------------------------------------------------------------------
# Walking


def _suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    dot = lower.rfind(".")
    return lower[dot:] if dot > 0 else ""


def _dangling_link_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symlink loop"
    return "broken symlink"


def _collect(given: Path, emit_skip: Callable[[Skipped], None]) -> list[Path]:
    """Supported files under a folder, in sorted order (see the module docstring for the rules)."""
    found: list[Path] = []
    active: set[str] = set()

    def walk(folder: Path) -> None:
        real = os.path.realpath(folder)
        if real in active:
            emit_skip(Skipped(str(folder), "symlink loop"))
            return
        active.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            emit_skip(Skipped(str(folder), f"unreadable: {_os_reason(e)}"))
            active.discard(real)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as e:
                emit_skip(Skipped(str(path), f"unreadable: {_os_reason(e)}"))
                continue
            if is_dir:
                walk(path)
                continue
            suffix = _suffix(entry.name)
            if not is_file:
                if suffix in _FORMATS and entry.is_symlink() and not os.path.exists(path):
                    emit_skip(Skipped(str(path), _dangling_link_reason(path)))
                continue
            if suffix in _FORMATS:
                found.append(path)
            elif suffix in _DOCUMENT_LIKE:
                emit_skip(Skipped(str(path), f"unsupported type {suffix} (convert it to .txt, .md or .html)"))
        active.discard(real)

    walk(given)
    return found


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    max_bytes: int = 200 * 2**20,
    on_page: Callable[[str, int, int], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents in ``paths`` (files and folders), reporting every file left out to ``on_skip``
    and, for a PDF, ``on_page(file name, page, pages)`` after each page is read (a long file takes a while).

    All paths are checked before anything is read: a missing path raises ``InputError("no such file or
    folder: X")`` and a folder without a single supported file raises ``InputError("no .txt, .md, .html or
    .jsonl files under X")``. Files over ``max_bytes`` are skipped (JSONL files are streamed, so they are
    not limited, but a single line over ``max_bytes`` is). Each source is yielded once.
    """

    def skip(s: Skipped) -> None:
        logger.debug("skipped %s: %s", s.path, s.reason)
        if on_skip is not None:
            on_skip(s)

    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    seen: set[str] = set()
    for item in _plan([Path(p) for p in paths]):
        if isinstance(item, Skipped):
            skip(item)
            continue
        try:
            resolved = str(item.resolve(strict=True))
        except (OSError, RuntimeError) as e:
            loop = isinstance(e, RuntimeError) or "loop" in str(e).lower()
            skip(Skipped(str(item), "symlink loop" if loop else f"unreadable: {_os_reason(e)}"))
            continue
        if resolved in seen:
            continue
        seen.add(resolved)
        fmt = _FORMATS[_suffix(item.name)]
        if fmt == "jsonl":
            yield from _read_jsonl(item, resolved, skip, max_bytes)
            continue
        doc = _read_file(item, resolved, fmt, skip, max_bytes, on_page)
        if doc is not None:
            yield doc


def _plan(given: list[Path]) -> list[Path | Skipped]:
    """Every file to read and every file to report as skipped, in order; raises before anything is read."""
    if not given:
        raise InputError("no paths given; pass at least one file or folder")
    plan: list[Path | Skipped] = []
    for p in given:
        if not os.path.lexists(p):
            raise InputError(f"no such file or folder: {p}")
        if os.path.isdir(p):
            found_skips: list[Skipped] = []
            files = _collect(p, found_skips.append)
            if not files:
                raise InputError(f"no .txt, .md, .html or .jsonl files under {p}")
            plan.extend(found_skips)
            plan.extend(files)
        elif not os.path.exists(p):
            plan.append(Skipped(str(p), _dangling_link_reason(p)))
        elif _suffix(p.name) not in _FORMATS:
            suffix = _suffix(p.name) or "without a suffix"
            plan.append(Skipped(str(p), f"unsupported type {suffix} (use .txt, .md, .html or .jsonl)"))
        else:
            plan.append(p)
    return plan


def read_documents(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = 200 * 2**20
) -> tuple[list[Document], list[Skipped]]:
    """All documents in ``paths`` and everything skipped; raises like :func:`iter_documents`."""
    skipped: list[Skipped] = []
    docs = list(iter_documents(paths, on_skip=skipped.append, max_bytes=max_bytes))
    return docs, skipped


def _read_file(
    path: Path,
    resolved: str,
    fmt: str,
    skip: Callable[[Skipped], None],
    max_bytes: int,
    on_page: Callable[[str, int, int], None] | None = None,
) -> Document | None:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            skip(Skipped(str(path), "not a regular file"))
            return None
        if st.st_size > max_bytes:
            skip(Skipped(str(path), f"too large ({_mb(st.st_size)} MB > {_mb(max_bytes)} MB limit)"))
            return None
        if fmt in ("docx", "pdf"):
            return _read_packaged(path, resolved, fmt, skip, on_page)
        data = _read_bytes(path, max_bytes)
    except OSError as e:
        skip(Skipped(str(path), f"unreadable: {_os_reason(e)}"))
        return None
    if len(data) > max_bytes:  # grew while we looked
        skip(Skipped(str(path), f"too large (> {_mb(max_bytes)} MB limit)"))
        return None
    try:
        if fmt == "html":
            markup, encoding = _decode_html(data)
        else:
            text, encoding = _decode(data)
    except _Undecodable as e:
        skip(Skipped(str(path), str(e)))
        return None
    title = date = url = None
    if fmt == "html":
        text, title, date, url = _html_to_text(markup)
    date = date or date_from_name(path.name)
    return Document(
        doc_id=doc_id_for(resolved),
        source=resolved,
        text=text,
        format=fmt,
        encoding=encoding,
        title=title,
        date=date,
        url=url,
    )


def _read_packaged(
    path: Path,
    resolved: str,
    fmt: str,
    skip: Callable[[Skipped], None],
    on_page: Callable[[str, int, int], None] | None = None,
) -> Document | None:
    """A Word file (:mod:`rag.wordfile`) or a PDF (:mod:`rag.pdf`): text built from its parts, or a skip."""
    layout = None
    if fmt == "docx":
        from rag.wordfile import NotWordFile, read_docx

        try:
            text, title = read_docx(path)
        except NotWordFile as e:
            skip(Skipped(str(path), str(e)))
            return None
    else:
        from rag.pdf import NotReadable, read_pdf

        try:
            read = read_pdf(path, None if on_page is None else lambda n, total: on_page(path.name, n, total))
        except NotReadable as e:
            skip(Skipped(str(path), str(e)))
            return None
        text, layout, title = read.text, read.layout, read.title
        for note in read.notes:  # pages left out; the rest of the file is read
            skip(Skipped(str(path), note))
    if not text.strip():
        skip(Skipped(str(path), f"no text in this {fmt.upper()} file"))
        return None
    return Document(
        doc_id=doc_id_for(resolved),
        source=resolved,
        text=text,
        format=fmt,
        encoding="utf-8",
        title=title,
        date=date_from_name(path.name),
        layout=layout,
    )


def _mb(n: int) -> str:
    value = n / 2**20
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


_NO_TEXT = "missing or empty 'text'"


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")  # closed by the caller's with-block


def _read_jsonl(
    path: Path, resolved: str, skip: Callable[[Skipped], None], max_bytes: int
) -> Iterator[Document]:
    name = path.name
    file_date = date_from_name(name)
    seen_ids: dict[str, int] = {}
    try:
        fh = _open_binary(path)
    except OSError as e:
        skip(Skipped(str(path), f"unreadable: {_os_reason(e)}"))
        return
    # Lines without 'text' are held back until the first good line: a file where no line has any (a QA set,
    # a config dump) is then reported once instead of once per line.
    held: list[Skipped] | None = []

    def skip_line(s: Skipped) -> None:
        if held is not None and s.reason.endswith(_NO_TEXT):
            held.append(s)
        else:
            skip(s)

    with fh:
        number = 0
        while True:
            try:
                raw = fh.readline(max_bytes + 1)
            except (OSError, EOFError, zlib.error) as e:
                skip(Skipped(str(path), f"{name}: damaged after line {number} ({_os_reason(e)})"))
                return
            if not raw:
                break
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # Skip the rest of an over-long line without holding it.
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(max_bytes + 1)
                skip(Skipped(str(path), f"{name} line {number}: too large (> {_mb(max_bytes)} MB limit)"))
                continue
            doc = _jsonl_document(raw, number, name, resolved, file_date, seen_ids, path, skip_line)
            if doc is not None:
                if held:
                    for s in held:
                        skip(s)
                held = None
                yield doc
    if held:
        skip(Skipped(str(path), f"{name}: no line has a 'text' field ({len(held)} lines); not a corpus file"))


def _jsonl_document(
    raw: bytes,
    number: int,
    name: str,
    resolved: str,
    file_date: str | None,
    seen_ids: dict[str, int],
    path: Path,
    skip: Callable[[Skipped], None],
) -> Document | None:
    rec = _jsonl_record(raw, number)
    if isinstance(rec, str):
        if rec:
            skip(Skipped(str(path), f"{name} line {number}: {rec}"))
        return None
    # JSON can carry lone surrogates ("\ud800") that are no characters: replace each with U+FFFD, which
    # keeps every offset and keeps the story.
    text = _SURROGATE.sub("\ufffd", cast(str, rec["text"]))
    raw_id = rec.get("id")
    ident = str(raw_id).strip() if isinstance(raw_id, (str, int)) and str(raw_id).strip() else f"L{number}"
    if ident in seen_ids:
        why = f"duplicate id {ident!r} (first on line {seen_ids[ident]})"
        skip(Skipped(str(path), f"{name} line {number}: {why}"))
        return None
    seen_ids[ident] = number
    source = f"{resolved}#{ident}"
    return Document(
        doc_id=doc_id_for(source),
        source=source,
        text=text,
        format="jsonl",
        encoding="utf-8",
        title=_stripped(rec.get("title")),
        date=_normalise_date(rec.get("date")) or file_date,
        url=_jsonl_url(rec),
    )


def _jsonl_record(raw: bytes, number: int) -> dict[str, object] | str:
    """One line -> its JSON object with a non-empty ``text``, or why it is not one ("" for a blank line)."""
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if not raw.strip():
        return ""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 (JSON Lines must be UTF-8)"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return f"not valid JSON ({e.msg} at column {e.colno})"
    if not isinstance(rec, dict):
        return "not a JSON object"
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return _NO_TEXT
    return rec


def _stripped(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _jsonl_url(rec: dict[str, object]) -> str | None:
    """The record's ``url``, else its ``source`` when that is a web address."""
    url = _stripped(rec.get("url"))
    source_field = rec.get("source")
    if url is None and isinstance(source_field, str) and re.match(r"https?://", source_field.strip()):
        url = source_field.strip()
    return url

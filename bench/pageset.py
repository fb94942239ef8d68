"""Turn transcribed newspaper pages into a page set for ``python -m bench.pages``.

A page file (``d*.txt``) holds one printed page: a first line ``@@ DATE PAGE``, then for each article, in print
order, an optional ``### KICKER`` line, a ``# TITLE`` line, an optional ``## SUBTITLE`` line and its paragraphs,
one per line. The set written to OUT is the pages-dev form: ``rmrb-YYYYMMDD-PP.txt`` (header lines, then
paragraphs, blank lines between) and ``truth.jsonl`` (kicker, title, subtitle, first paragraph per article).
This is how the unseen sets of docs/experiments.md were made from public People's Daily crawls; the pages
themselves belong to their publisher and stay out of the project.

    python -m bench.pageset TRANSCRIBED_DIR OUT_DIR
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class _Article:
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    paras: list[str] = field(default_factory=list)


def read_page(path: Path) -> tuple[str, int, list[_Article]]:
    """The date, page number and articles of one page file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines or not lines[0].startswith("@@ "):
        raise ValueError(f"{path}: the first line must be '@@ DATE PAGE'")
    _, date, page = lines[0].split()
    articles: list[_Article] = []
    kicker: str | None = None
    for line in lines[1:]:
        if line.startswith("### "):
            kicker = line[4:].strip()
        elif line.startswith("# "):
            articles.append(_Article(line[2:].strip(), kicker))
            kicker = None
        elif line.startswith("## ") and articles:
            articles[-1].subtitle = line[3:].strip()
        elif articles:
            articles[-1].paras.append(line)
        else:
            raise ValueError(f"{path}: text before the first '# TITLE' line")
    return date, int(page), articles


def write_set(pages: Sequence[Path], out: Path) -> tuple[int, int]:
    """Write the page set; returns (pages, articles)."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    n_articles = 0
    for path in pages:
        date, page, articles = read_page(path)
        items: list[str] = []
        truth = []
        for a in articles:
            if not a.paras:
                raise ValueError(f"{path}: article {a.title!r} has no paragraph")
            items += [x for x in (a.kicker, a.title, a.subtitle) if x] + a.paras
            truth.append(
                {"kicker": a.kicker, "title": a.title, "subtitle": a.subtitle, "first_paragraph": a.paras[0]}
            )
        name = f"rmrb-{date.replace('-', '')}-{page:02d}.txt"
        (out / name).write_text("\n\n".join(items) + "\n", encoding="utf-8")
        rows.append({"file": name, "date": date, "page": page, "articles": truth})
        n_articles += len(truth)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows), n_articles


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.pageset", description=__doc__.splitlines()[0])
    ap.add_argument("transcribed", type=Path, help="folder of d*.txt page files")
    ap.add_argument("out", type=Path, help="folder to write the page set to")
    args = ap.parse_args(argv)
    n_pages, n_articles = write_set(sorted(args.transcribed.glob("d*.txt")), args.out)
    print(f"{n_pages} pages, {n_articles} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

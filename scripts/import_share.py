"""Import every document of a text file holding several, render each back, count what is kept.

    .venv/bin/python scripts/import_share.py FILE.txt... [--org 某某小学] [--year 2026]
        [--school-year 2025-2026 --semester 2 --start 2026-03-02] [--show N]

A file copied from a template site often holds several documents; a document starts at a
line ``第一篇：……`` or a line ending in ``篇一`` … ``篇十五``. Each is read as plain text
lines, imported (the options fill what a document does not say, as ``planmaker import``'s
do) and rendered back to text in this process. Prints one line per document: where it
starts, the share of its CJK characters found again in the rendered text, the title, the
number of sections and schedule entries, the 落款, then each block placed as plain text
and the characters not found again. ``--show N`` also prints the YAML of the document
starting at line N.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from planmaker.errors import PlanError
from planmaker.importer.blocks import Source, text_blocks
from planmaker.importer.recognise import Given, import_source
from planmaker.pipeline import RenderOptions, render_file

_START = re.compile(r"^(第[一二三四五六七八九十]+篇[：:]|.*篇[一二三四五六七八九十]+$)")


def _cjk(text: str) -> Counter[str]:
    return Counter(c for c in text if "\u4e00" <= c <= "\u9fff")


def documents(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each document in a file."""
    starts = [n for n, line in enumerate(lines) if _START.match(line.strip())] or [0]
    ends = [*starts[1:], len(lines)]
    return [(a + 1, lines[a:b]) for a, b in zip(starts, ends, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--org")
    parser.add_argument("--year", type=int)
    parser.add_argument("--school-year")
    parser.add_argument("--semester", type=int)
    parser.add_argument("--start", type=date.fromisoformat)
    parser.add_argument("--show", type=int)
    args = parser.parse_args(argv)
    school_year = tuple(map(int, args.school_year.split("-"))) if args.school_year else None
    given = Given(None, args.org, school_year, args.semester, args.start, args.year)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        for file in args.files:
            lines = file.read_text(encoding="utf-8").splitlines()
            for first, doc in documents(lines):
                name = f"{file.name}:{first}"
                try:
                    imported = import_source(Source(name, text_blocks(doc, first)), given)
                except PlanError as err:
                    print(f"{name}\t{err}")
                    continue
                yaml_file = Path(folder) / "导入.yaml"
                yaml_file.write_text(imported.yaml_text, encoding="utf-8")
                opts = RenderOptions(format="txt", today=date(2026, 1, 1), draft=True)
                text = render_file(yaml_file, opts).data.decode("utf-8")
                want, got = _cjk("\n".join(doc)), _cjk(text)
                kept = sum(min(n, got[c]) for c, n in want.items()) / max(1, sum(want.values()))
                print(
                    f"{name}\t{kept:.1%}\t{imported.title}\t{imported.sections} 个部分\t"
                    f"{imported.entries} 条安排\t落款：{imported.signature or '无'}"
                )
                for line in imported.plain:
                    print(f"\t作为正文：{line}")
                lost = "".join(c * (n - got[c]) for c, n in want.items() if n > got[c])
                if lost:
                    print(f"\t未找回：{lost}")
                if args.show == first:
                    print(imported.yaml_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

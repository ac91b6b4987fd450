"""A batch worker renders file after file and keeps what it measured (table lines,
compiled templates): a file's document must not depend on the files rendered before it
in the same process."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

from conftest import EXAMPLES

from planmaker.pipeline import RenderOptions, render_file

TODAY = date(2026, 2, 21)
TABLES = sorted(
    path
    for path in [EXAMPLES / "term-plan-table.yaml", *EXAMPLES.glob("district/*/*.yaml")]
    if re.search(r"(?m)^\s*layout: table", path.read_text(encoding="utf-8"))
)
FRESH = (
    "import sys\n"
    "from datetime import date\n"
    "from planmaker.pipeline import RenderOptions, render_file\n"
    "for path in sys.argv[1:]:\n"
    "    data = render_file(path, RenderOptions('docx', today=date(2026, 2, 21))).data\n"
    "    sys.stdout.buffer.write(len(data).to_bytes(8, 'big') + data)\n"
)


def fresh_renders(paths: list) -> list[bytes]:
    """Each file of ``paths`` rendered first thing in a process of its own."""
    out = []
    for path in paths:
        raw = subprocess.run(
            [sys.executable, "-c", FRESH, str(path)], capture_output=True, check=True
        ).stdout
        out.append(raw[8 : 8 + int.from_bytes(raw[:8], "big")])
    return out


def test_a_table_is_laid_out_the_same_whatever_was_rendered_before() -> None:
    assert len(TABLES) >= 3
    chosen = [TABLES[0], TABLES[len(TABLES) // 2], TABLES[-1]]
    first = fresh_renders(chosen)
    for path in [*reversed(TABLES), *TABLES]:  # fill the worker's memory of table lines
        render_file(path, RenderOptions("docx", today=TODAY))
    again = [render_file(path, RenderOptions("docx", today=TODAY)).data for path in chosen]
    for path, before, after in zip(chosen, first, again, strict=True):
        assert after == before, path.name

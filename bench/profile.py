"""Where a cold planmaker command spends its imports, by package.

    python bench/profile.py render examples/term-plan-table.yaml -o /tmp/plan.docx
    python bench/profile.py --help
    python bench/profile.py --repeats 9 check examples/term-plan-table.yaml

Runs ``python -X importtime -m planmaker ARGS`` several times (after one unmeasured run)
and prints, for each group of packages, the median of the time its modules took to
import themselves (each module's own time, so nothing is counted twice), then the
median of all imports and of the whole process's wall time; what is left between the
two is the interpreter's start and the command's own work.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter

GROUPS = [
    ("typer (and the click it carries)", ("typer", "click")),
    (
        "pydantic (typer's converters, the document model)",
        (
            "pydantic",
            "pydantic_core",
            "typing_extensions",
            "annotated_types",
            "typing_inspection",
            "importlib.metadata",
            "zoneinfo",
        ),
    ),
    ("python-docx, lxml", ("docx", "lxml")),
    ("rich", ("rich", "pygments")),
    ("Jinja2, MarkupSafe", ("jinja2", "markupsafe")),
    ("markdown-it-py", ("markdown_it", "mdit_py_plugins", "mdurl")),
    ("PyYAML", ("yaml",)),
    ("chinese-calendar", ("chinese_calendar",)),
    ("planmaker's own modules", ("planmaker",)),
]
OTHER = "Python's own modules"
LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


def group(module: str) -> str:
    for name, prefixes in GROUPS:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return name
    return OTHER


def measure(args: list[str]) -> tuple[Counter[str], float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planmaker", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - start
    sums: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        if m := LINE.match(line):
            sums[group(m[2])] += int(m[1]) / 1000
    return sums, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("args", nargs=argparse.REMAINDER, help="planmaker's arguments")
    ns = parser.parse_args()
    measure(ns.args)
    runs = [measure(ns.args) for _ in range(ns.repeats)]
    for name in [g for g, _ in GROUPS] + [OTHER]:
        print(f"{statistics.median(r[0][name] for r in runs):7.1f} ms  {name}")
    print(f"{statistics.median(sum(r[0].values()) for r in runs):7.1f} ms  all imports")
    print(f"{statistics.median(1000 * r[1] for r in runs):7.1f} ms  the whole process (wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

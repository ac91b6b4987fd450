"""planmaker run where a regression could hang or eat the machine: a process of its own,
with a memory limit and a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MEMORY = 1024 * 1024 * 1024
"""The address space a refusing planmaker gets: a few hundred MB suffice for a render."""
SECONDS = 30


def run_limited(*args: str | os.PathLike[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """planmaker in a process of its own, with at most :data:`MEMORY` and :data:`SECONDS`."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "planmaker", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        preexec_fn=limit,
        timeout=SECONDS,
    )


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "内部出错" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr

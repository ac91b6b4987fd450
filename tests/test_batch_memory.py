"""``planmaker batch`` forks its workers before it lists the files, so that a worker does
not hold the list (its memory would grow with the number of files)."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import docx
import pytest
from helpers import SMALL_PLAN

import planmaker.batch


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_are_forked_before_the_files_are_listed(run_planmaker, tmp_path, monkeypatch):
    for n in range(3):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"计划{n}.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    workers_when_listing: list[int] = []
    plan_tasks = planmaker.batch.plan_tasks

    def listing(*args, **kwargs):
        workers_when_listing.append(len(multiprocessing.active_children()))
        return plan_tasks(*args, **kwargs)

    monkeypatch.setattr(planmaker.batch, "plan_tasks", listing)
    result = run_planmaker("batch", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert workers_when_listing == [2]
    written = sorted(Path(tmp_path / "out").glob("*.docx"))
    assert [p.name for p in written] == ["计划0.docx", "计划1.docx", "计划2.docx"]
    assert docx.Document(str(written[0])).paragraphs[0].text
    assert not multiprocessing.active_children()  # every worker ended with the batch

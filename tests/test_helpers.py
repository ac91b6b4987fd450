"""The tests' own machinery does what the tests rely on: a command run in the test
process prints and exits as it does in a process of its own, a problem without its
Chinese words is caught, and the LibreOffice checks convert as planmaker does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from helpers import FIXTURES, run_in_process, run_process
from problems_seen import ProblemsSeen

from planmaker.errors import Location, PlanError, Problem


def test_a_run_in_the_test_process_is_a_run_in_a_process_of_its_own(tmp_path):
    """Same exit code, standard output and standard error, whatever ran before in this
    process: ``--help`` (which puts typer's words into Chinese), ``--verbose`` (which
    adds a logging handler and names the holiday data only when a command loaded it),
    with the click command built once for all runs."""
    shutil.copy(FIXTURES / "bad" / "valid.yaml", tmp_path / "plan.yaml")
    wrong = ("render", "plan.yaml", "--no-such-option")
    verbose = ("--verbose", "render", "plan.yaml", "--format", "md", "-o", "-")
    for earlier in (("--help",), ("check", "plan.yaml", "--verbose")):
        assert run_in_process(*earlier, cwd=tmp_path).returncode == 0
    for args in (wrong, verbose):
        here = run_in_process(*args, cwd=tmp_path)
        apart = run_process(*args, cwd=tmp_path)
        assert (here.returncode, here.stdout, here.stderr) == (
            apart.returncode,
            apart.stdout,
            apart.stderr,
        ), args
    assert "节假日数据：chinese-calendar" in here.stderr  # the --verbose run's
    assert "节假日数据" not in run_in_process("schema", "--verbose", "-o", "-").stderr


def test_a_run_leaves_the_folder_the_environment_and_the_width_as_they_were(tmp_path):
    before = (Path.cwd(), dict(os.environ))
    result = run_in_process("check", "没有.yaml", cwd=tmp_path, env={"COLUMNS": "40"})
    assert result.returncode == 1 and "没有.yaml" in result.stderr
    assert (Path.cwd(), dict(os.environ)) == before

    weeks = ("calendar", "--start", "2026-04-27", "--weeks", "2")
    wide = run_in_process(*weeks)
    narrow = run_in_process(*weeks, env={"COLUMNS": "40"})
    assert max(map(len, narrow.stdout.splitlines())) <= 40 < max(map(len, wide.stdout.splitlines()))
    assert run_in_process(*weeks).stdout == wide.stdout


def test_a_problem_without_words_or_with_a_field_left_empty_is_caught():
    seen = ProblemsSeen()
    with seen.recording():
        Problem("no_such.code", Location("plan.yaml", 1, 1))
        PlanError("yaml.too_deep", Location("plan.yaml"), limit=40)  # worded, filled
        PlanError("yaml.too_deep", Location("plan.yaml"))  # the limit is missing
    assert seen.codes == {"no_such.code", "yaml.too_deep"}
    found = seen.unworded()
    assert len(found) == 2, found
    assert found[0].startswith("no_such.code: no message")
    assert found[1].startswith("yaml.too_deep {}: ") and "limit" in found[1]

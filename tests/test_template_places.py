"""A template's error names the template file as the user would type it: relative to the
folder the command runs in. The library takes that folder from its caller, never from
the process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planmaker.cli import run
from planmaker.errors import PlanError


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan whose unit template uses a name that does not exist, run from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "t"
    (folder / "模板").mkdir(parents=True)
    plan = Path(shutil.copy(EXAMPLES / "term-plan-table.yaml", folder / "plan.yaml"))
    with plan.open("a", encoding="utf-8") as fh:
        fh.write("templates: ./模板\n")
    (folder / "模板" / "plan.md.j2").write_text(
        '{% extends "builtin/plan.md.j2" %}\n{% block preamble %}{{ nothere }}{% endblock %}\n',
        encoding="utf-8",
    )
    return plan


@pytest.mark.parametrize("command", ["render", "check"])
def test_commands_name_the_template_relative_to_the_current_folder(unit, command, capsys):
    assert run([command, "t/plan.yaml"]) == 1
    assert capsys.readouterr().err.startswith(
        "t/模板/plan.md.j2:2: 模板用到了不存在的名字“nothere”"
    )


def test_the_library_names_the_file_as_found_unless_given_the_folder(unit, tmp_path):
    from planmaker.pipeline import RenderOptions, render_file

    found = (tmp_path / "t" / "模板" / "plan.md.j2").resolve()
    with pytest.raises(PlanError) as err:
        render_file(unit, RenderOptions("md"))
    assert err.value.where.file == str(found)
    with pytest.raises(PlanError) as err:
        render_file(unit, RenderOptions("md", shown_from=tmp_path / "t"))
    assert err.value.where.file == str(Path("模板") / "plan.md.j2")

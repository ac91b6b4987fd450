"""CI and the README's test command install the exact releases the suite passed on.

pyproject.toml keeps version ranges for users; constraints.txt pins one set inside them,
so a new release of a dependency cannot turn CI red unseen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib")


def readme_commands() -> list[str]:
    """The commands of the ``sh`` blocks at the top of README.md, before its first section."""
    top = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", top, re.S)]


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"not an exact version: {line}"
            found[canonicalize_name(name)] = version
    return found


def test_the_readme_test_command_installs_from_the_constraints():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[1] == (
        ".venv/bin/pip install -c constraints.txt '.[test]' && .venv/bin/python -m pytest -q"
    )


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci


def fake_ci(tmp_path: Path, pytest_exit: int) -> subprocess.CompletedProcess:
    """Run .ci/run in a copy of the repository where every tool it calls is a stub.

    The machine's tools are all "installed" (fc-list lists the fonts first, then much
    more, as on a real machine), ``python3 -m venv`` makes nothing, pip succeeds and
    ``python -m pytest`` exits with ``pytest_exit``.
    """
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    scripts = {
        "python3": "exit 0",
        "soffice": "exit 0",
        "pdftotext": "exit 0",
        "pandoc": "exit 0",
        "fc-list": "echo 'Noto Serif CJK SC'; echo 'Liberation Serif'; seq 1 100000",
        "apt-get": "echo apt-get must not run >&2; exit 99",
    }
    venv = repo / ".venv" / "bin"
    venv.mkdir(parents=True)
    for path, body in [
        *((stubs / name, body) for name, body in scripts.items()),
        (venv / "pip", "exit 0"),
        (venv / "python", f"exit {pytest_exit}"),
    ]:
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", str(repo / ".ci" / "run")], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="CI runs under bash")
@pytest.mark.parametrize("pytest_exit, ci_exit", [(0, 0), (1, 1), (5, 5)])
def test_ci_fails_when_pytest_fails_or_collects_nothing(tmp_path, pytest_exit, ci_exit):
    result = fake_ci(tmp_path, pytest_exit)
    assert result.returncode == ci_exit, result.stderr
    assert ("collected no tests" in result.stderr) == (pytest_exit == 5), result.stderr


def test_constraints_pin_every_dependency_inside_the_pyproject_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pinned = pins()
    assert "planmaker" not in pinned
    for text in wanted:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} has no exact version in constraints.txt"
        assert req.specifier.contains(pinned[name]), f"{name}=={pinned[name]} is outside {req}"


def test_every_package_of_the_source_tree_is_installed():
    """``pip install .`` (what CI and users run) ships only the packages pyproject lists."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    listed = set(setuptools["setuptools"]["packages"])
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts)
        for init in source.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"not in pyproject's packages: {sorted(found - listed)}"

"""The built-in templates are compiled once and kept; a changed template is compiled
again, a unit's own template is not kept, and a damaged or unwritable cache is no cache."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import EXAMPLES

from planmaker import templatecache, templating
from planmaker.sandbox import PlanSandbox


@dataclass
class Builtins:
    folder: Path
    cache: Path
    compiled: list[str] = field(default_factory=list)
    """The templates compiled so far, by name."""


@pytest.fixture
def builtins(tmp_path: Path, monkeypatch) -> Builtins:
    """A copy of the built-in templates, a cache folder of the test's own, and a count of
    the templates compiled (``compiled``) in environments built afresh."""
    folder = tmp_path / "builtin"
    shutil.copytree(templating.builtin_dir(), folder)
    monkeypatch.setattr(templating, "builtin_dir", lambda: folder)
    monkeypatch.setattr(templatecache, "FOLDER", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    compiled: list[str] = []
    compile_ = PlanSandbox.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(PlanSandbox, "compile", counting)
    templating.environment.cache_clear()
    yield Builtins(folder, tmp_path / "cache", compiled)
    templating.environment.cache_clear()


def fresh(name: str, **context) -> str:
    """``name`` rendered in an environment built afresh (as a new process builds it)."""
    templating.environment.cache_clear()
    return templating.environment(()).get_template(name).render(**context)


def test_a_builtin_template_is_compiled_once_and_kept(builtins: Builtins, run_planmaker) -> None:
    plan = EXAMPLES / "term-plan-table.yaml"
    first = run_planmaker("render", plan, "--format", "md", "-o", "-")
    assert first.returncode == 0 and builtins.compiled
    kept = sorted(p.name for p in builtins.cache.iterdir())
    assert kept and all(name.startswith("planmaker-") for name in kept)
    builtins.compiled.clear()
    templating.environment.cache_clear()
    again = run_planmaker("render", plan, "--format", "md", "-o", "-")
    assert again.stdout == first.stdout
    assert builtins.compiled == []


def test_a_changed_builtin_template_is_compiled_again(builtins: Builtins) -> None:
    probe = builtins.folder / "probe.md.j2"
    probe.write_text("一{{ n }}", encoding="utf-8")
    assert fresh("builtin/probe.md.j2", n=1) == "一1"
    assert fresh("builtin/probe.md.j2", n=2) == "一2"
    assert builtins.compiled == ["probe.md.j2"]
    probe.write_text("二{{ n }}", encoding="utf-8")
    assert fresh("builtin/probe.md.j2", n=3) == "二3"
    assert builtins.compiled == ["probe.md.j2"] * 2


def test_a_units_own_template_is_not_kept(builtins: Builtins, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "mine.md.j2").write_text("本单位{{ n }}", encoding="utf-8")
    for n in (1, 2):
        templating.environment.cache_clear()
        assert templating.environment((str(own),)).get_template("mine.md.j2").render(n=n) == (
            f"本单位{n}"
        )
    assert builtins.compiled == ["mine.md.j2", "mine.md.j2"]
    assert not list(builtins.cache.iterdir())


def test_a_damaged_cache_is_compiled_afresh(builtins: Builtins, tmp_path: Path) -> None:
    (builtins.folder / "probe.md.j2").write_text("三{{ n }}", encoding="utf-8")
    assert fresh("builtin/probe.md.j2", n=1) == "三1"
    for kept in builtins.cache.iterdir():
        kept.write_bytes(kept.read_bytes()[:40])  # cut short, as a full disk leaves it
    assert fresh("builtin/probe.md.j2", n=2) == "三2"
    assert len(builtins.compiled) == 2


def test_a_cache_that_cannot_be_written_is_no_cache(
    builtins: Builtins, monkeypatch, tmp_path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(templatecache, "FOLDER", str(blocked))
    (builtins.folder / "probe.md.j2").write_text("四{{ n }}", encoding="utf-8")
    assert fresh("builtin/probe.md.j2", n=1) == "四1"
    assert fresh("builtin/probe.md.j2", n=2) == "四2"

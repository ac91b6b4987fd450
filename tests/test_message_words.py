"""Every message in cli/messages.py is worded, strictly, with the params its raisers give.

Each case below makes planmaker meet one or more codes the way a user would (mostly a
command run in-process; a fault the machine would have to produce — a full disk, a file
open in Word, a crashed worker — is simulated where planmaker meets it) and checks that
each code was worded without error. ``message()`` is strict, so a param a message needs
and its raiser does not give fails here, instead of printing a bare code to a clerk. The
last test checks that the cases, together, cover every entry.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planmaker.cli import messages, run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
DISTRICT = EXAMPLES / "district"
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
FAR_YEAR = (  # a term whose holidays no chinese-calendar release will know for decades
    VALID.replace("2025-2026", "2098-2099")
    .replace("2026-03-02", "2099-03-02")
    .replace("2026-02-21", "2099-02-21")
)
YEAR_PLAN = """\
kind: plan
org: 定边镇工会
period:
  year: {year}
schedule:
  entries:
    - month: 3
      tasks: 工会会员大会
"""


@dataclass
class Env:
    """What a case may use: its folder, monkeypatch, and the command line in-process."""

    tmp: Path
    monkeypatch: pytest.MonkeyPatch

    def cli(self, *args: object) -> int:
        return run([str(a) for a in args])

    def file(self, name: str, text: str | bytes = VALID) -> Path:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


CASES: list[tuple[str, tuple[str, ...], Callable[[Env], object]]] = []


def case(*codes: str) -> Callable[[Callable[[Env], object]], Callable[[Env], object]]:
    def register(act: Callable[[Env], object]) -> Callable[[Env], object]:
        CASES.append((act.__name__, codes, act))
        return act

    return register


# --- what a YAML file can get wrong: `check` it -----------------------------------------


def _with(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


YAML_FILES: dict[str, str | bytes | Path] = {
    "yaml.syntax": "%YAML 1.1\n%YAML 1.1\n---\norg: 定边镇工会\n",
    "yaml.tab": FIXTURES / "tab_indent.yaml",
    "yaml.fullwidth_colon": FIXTURES / "fullwidth_colon.yaml",
    "yaml.fullwidth_space": FIXTURES / "fullwidth_space.yaml",
    "yaml.colon_no_space": FIXTURES / "colon_no_space.yaml",
    "yaml.fullwidth_indent": FIXTURES / "fullwidth_indent.yaml",
    "yaml.unclosed_quote": FIXTURES / "unclosed_quote.yaml",
    "yaml.unclosed_bracket": "org: [甲, 乙\nkind: plan\n",
    "yaml.unclosed_brace": "org: {甲: 乙\nkind: plan\n",
    "yaml.several_documents": VALID + "---\norg: 另一份\n",
    "yaml.undefined_alias": _with("org: 定边镇希望小学", "org: *abc"),
    "yaml.bad_escape": _with("org: 定边镇希望小学", 'org: "定边\\q镇"'),
    "yaml.bad_start": _with("org: 定边镇希望小学", "org: @定边镇"),
    "yaml.block_scalar": _with("org: 定边镇希望小学", "org: |定边镇"),
    "yaml.unexpected_colon": _with("org: 定边镇希望小学", "org: 学校: 定边镇"),
    "yaml.missing_colon": _with("org: 定边镇希望小学", "org 定边镇希望小学\nkind: plan"),
    "yaml.text_after_value": _with("org: 定边镇希望小学", 'org: "定边镇" 希望小学'),
    "yaml.indent": _with("  semester: 2", "   semester: 2"),
    "yaml.duplicate_key": FIXTURES / "duplicate_key.yaml",
    "yaml.bad_key": _with("org: 定边镇希望小学", "[甲]: 乙\norg: 定边镇希望小学"),
    "yaml.too_many_nodes": FIXTURES / "alias_bomb.yaml",
    "yaml.too_deep": FIXTURES / "nesting_bomb.yaml",
    "text.bad_char": FIXTURES / "control_char.yaml",
    "text.surrogate": FIXTURES / "surrogate_escape.yaml",
    "input.empty": FIXTURES / "empty.yaml",
    "input.not_text": FIXTURES / "not_text.yaml",
    "input.encoding": FIXTURES / "undecodable.yaml",
    "input.utf32": FIXTURES / "utf32_bom.yaml",
    "input.bad_for_bom": FIXTURES / "utf8_bom_undecodable.yaml",
    "document.not_mapping": "- 甲\n- 乙\n",
    "document.key_not_for_kind": _with("goals:", "achievements:\n  - 成效\ngoals:"),
    "value.unknown_key": FIXTURES / "unknown_key.yaml",
    "value.missing": _with("org: 定边镇希望小学\n", ""),
    "value.empty": FIXTURES / "empty_value.yaml",
    "value.not_text": _with("org: 定边镇希望小学", "org: [甲, 乙]"),
    "value.not_list": _with("goals:\n  - 依法治教，规范办学行为。", "goals: {甲: 乙}\nx:\n  - 丙"),
    "value.not_mapping": _with("kind: plan", "kind: plan\nextra: 落款"),
    "value.bool": _with("  date: 2026-02-21", "  date: 2026-02-21\n  seal: 也许"),
    "value.choice": _with("kind: plan", "kind: plan\nheadings:\n  目标: 工作目标"),
    "value.kind": _with("kind: plan", "kind: 通知"),
    "value.layout": _with("schedule:\n", "schedule:\n  layout: 圆形\n"),
    "value.status": FIXTURES / "status_wanle.yaml",
    "value.date_style": _with("kind: plan", "kind: plan\ndate_style: 罗马"),
    "value.fonts": _with("kind: plan", "kind: plan\nfonts: 火星体"),
    "value.semester": _with("semester: 2", "semester: 3"),
    "value.date": _with("start: 2026-03-02", "start: 明天"),
    "value.date_range": FIXTURES / "date_13.yaml",
    "value.year_range": _with("start: 2026-03-02", "start: 1800-03-02"),
    "value.school_year": FIXTURES / "school_year_dot.yaml",
    "value.school_year_range": _with("school_year: 2025-2026", "school_year: 2025-2027"),
    "value.weeks": FIXTURES / "weeks_hanzi.yaml",
    "value.year": "kind: plan\norg: 定边镇工会\nperiod:\n  year: 二零\n",
    "value.count": (
        "kind: report\norg: 定边镇工会\nperiod:\n  year: 2026\n"
        "departments:\n  - name: 工会\n    completion:\n      planned: 很多\n"
    ),
    "value.week": _with('week: "4-5"', "week: 第四周"),
    "value.range_backwards": FIXTURES / "range_backwards.yaml",
    "day.range_backwards": _with(
        "kind: plan",
        "kind: plan\nholidays:\n  - name: 假\n    start: 2026-03-05\n    end: 2026-03-03",
    ),
    "period.incomplete": _with("  semester: 2\n", ""),
    "period.mixed": _with("  weeks: 20\n", "  weeks: 20\n  year: 2026\n"),
    "day.mixed": _with(
        "kind: plan",
        "kind: plan\nholidays:\n  - name: 假\n    date: 2026-03-05\n    start: 2026-03-03",
    ),
    "day.no_date": _with("kind: plan", "kind: plan\nholidays:\n  - name: 假"),
    "section.no_title": _with("kind: plan", "kind: plan\nsections:\n  - text: 内容"),
    "tree.empty_item": _with(
        "      - 严格执行义务教育教学计划，开足、开齐、上好各类课程。", '      - ""'
    ),
    "tree.untitled_items": _with(
        "  - title: 依法执教，教师职业操守的基本准则。\n", "  - text: 文字\n"
    ),
    "tree.too_deep": FIXTURES / "too_deep.yaml",
    "schedule.week_and_month": _with("    - week: 1\n", "    - week: 1\n      month: 3\n"),
    "schedule.no_week": _with("    - week: 1\n      tasks", "    - tasks"),
    "schedule.week_in_year_plan": FIXTURES / "week_in_year.yaml",
    "schedule.month_in_term_plan": FIXTURES / "month_in_term.yaml",
    "schedule.week_beyond_term": FIXTURES / "week_beyond.yaml",
    "schedule.month_beyond_year": YEAR_PLAN.format(year=2026).replace("month: 3", "month: 13"),
    "schedule.no_tasks": _with("      tasks: 教学常规检查\n", ""),
}


@case(*YAML_FILES, "check.failed")
def yaml_files_checked(env: Env) -> None:
    paths = [
        given if isinstance(given, Path) else env.file(f"{code}.yaml", given)
        for code, given in YAML_FILES.items()
    ]
    assert env.cli("check", *paths) == 1


@case("value.int", "value.invalid")
def model_fields_of_other_types(env: Env) -> None:
    """The codes for pydantic's own errors on an int field and on any other type."""
    from typing import Any

    from planmaker import validate
    from planmaker.model import Document

    class WithMoreFields(Document):
        count: int = 0
        ratio: float = 0.0
        anything: Any = None

    env.monkeypatch.setattr(validate, "Document", WithMoreFields)
    assert env.cli("check", env.file("plan.yaml", VALID + "count: 十\nratio: 一半\n")) == 1


# --- a document's own structure: sections, order, closing, 学年 documents, signature ------

STRUCTURE_FILES: dict[str, str] = {
    "order.unknown": _with("kind: plan", "kind: plan\norder: [goals, measures, schedule, 目标]"),
    "order.repeated": _with("kind: plan", "kind: plan\norder: [goals, measures, schedule, goals]"),
    "order.left_out": _with("kind: plan", "kind: plan\norder: [goals, measures]"),
    "headings.empty": _with("kind: plan", 'kind: plan\nheadings: {measures: ""}'),
    "value.signature": _with("signature:\n  date: 2026-02-21", "signature: 王老师"),
    "period.no_start": _with("  start: 2026-03-02\n", ""),
    "schedule.week_in_school_year": _with("  semester: 2\n  start: 2026-03-02\n  weeks: 20\n", ""),
}


@case(*STRUCTURE_FILES, "check.failed", "calendar.no_start", "report.not_counted_year")
def own_structure(env: Env) -> None:
    paths = [env.file(f"{code}.yaml", text) for code, text in STRUCTURE_FILES.items()]
    assert env.cli("check", *paths) == 1
    no_start = _with("  start: 2026-03-02\n", "").replace("schedule:", "x_schedule:")
    no_start = no_start[: no_start.index("x_schedule:")]
    assert env.cli("calendar", env.file("no_start.yaml", no_start)) == 1
    school_year = YEAR_PLAN.format(year=2026).replace("year: 2026", "school_year: 2025-2026")
    folder = env.file("学年/plan.yaml", school_year).parent
    env.file("学年/year.yaml", YEAR_PLAN.format(year=2026))
    assert env.cli("report", folder, "--year", "2026", "-o", env.tmp / "年度") == 0


# --- the input file itself ---------------------------------------------------------------


@case("input.not_found", "input.is_directory", "input.too_large", "check.failed")
def inputs_that_are_not_plans(env: Env) -> None:
    big = env.file("big.yaml", b"# " + b"x" * (2 * 1024 * 1024 + 10))
    assert env.cli("check", env.tmp / "missing.yaml", env.tmp, big) == 1


@case("input.not_readable")
def an_input_without_permission(env: Env) -> None:
    from planmaker import intake

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    env.monkeypatch.setattr(intake.os, "open", refuse)
    assert env.cli("check", env.file("plan.yaml")) == 1


@case("file.not_regular", "file.symlink_loop", "file.name_too_long")
def inputs_that_are_not_files(env: Env) -> None:
    fifo = env.tmp / "fifo.yaml"
    os.mkfifo(fifo)
    os.symlink(env.tmp / "loop.yaml", env.tmp / "loop.yaml")
    assert env.cli("check", fifo, env.tmp / "loop.yaml", env.tmp / ("计划" * 50 + ".yaml")) == 1


# --- templates, Markdown and writers -----------------------------------------------------


def _template(env: Env, body: str, name: str = "t.md.j2") -> Path:
    return env.file(name, "# 标题\n\n" + body + "\n")


@case(
    "template.not_found",
    "template.syntax",
    "template.undefined",
    "template.unsafe",
    "template.error",
    "template.unknown_filter",
    "template.too_deep",
    "template.bad_markdown",
)
def broken_templates(env: Env) -> None:
    plan = env.file("plan.yaml")
    bodies = [
        "{% if %}",
        "{{ no_such_name }}",
        "{{ doc.__class__ }}",
        "{{ 1 / 0 }}",
        "{{ org|no_such_filter }}",
        "4. 第四级",
        "> 引用",
    ]
    assert env.cli("render", plan, "--template", "no_such_template") == 1
    for n, body in enumerate(bodies):
        assert env.cli("render", plan, "--template", _template(env, body, f"t{n}.md.j2")) == 1


@case("template.folder_missing", "template.recursion")
def unit_template_folders(env: Env) -> None:
    plan = env.file("plan.yaml", _with("kind: plan", "kind: plan\ntemplates: 没有这个文件夹"))
    assert env.cli("render", plan) == 1
    env.file("模板/plan.md.j2", '{% extends "plan.md.j2" %}')
    plan = env.file("plan.yaml", _with("kind: plan", "kind: plan\ntemplates: 模板"))
    assert env.cli("render", plan) == 1


@case(
    "template.too_slow",
    "template.output_too_large",
    "template.text_too_large",
    "template.built_too_large",
    "template.list_too_large",
    "template.number_too_large",
    "template.range_too_large",
    "template.too_large",
)
def templates_past_their_limits(env: Env) -> None:
    from planmaker import limits

    small = limits.Limits(
        seconds=0.3,
        output_bytes=1000,
        text_chars=1000,
        built_chars=5000,
        list_items=100,
        int_bits=100,
        range_items=100,
    )
    env.monkeypatch.setattr(limits, "LIMITS", small)
    plan = env.file("plan.yaml")
    bodies = [
        "{% for i in range(99) %}{% for j in range(99) %}{% for k in range(99) %}"
        "{% for m in range(99) %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
        '{% for i in range(99) %}{{ "x" * 50 }}{% endfor %}',
        '{{ "a" * 2000 }}',
        '{% for i in range(20) %}{% set t = "a" * 900 %}{% endfor %}',
        "{{ [1] * 200 }}",
        "{{ 2 ** 200 }}",
        "{{ range(1000)|length }}",
    ]
    for n, body in enumerate(bodies):
        assert env.cli("render", plan, "--template", _template(env, body, f"t{n}.md.j2")) == 1
    huge = env.file("huge.md.j2", "x" * (2 * 1024 * 1024 + 10))
    assert env.cli("render", plan, "--template", huge) == 1


@case(
    "markdown.unsupported",
    "markdown.too_many_lines",
    "markdown.too_many_columns",
    "markdown.too_many_blocks",
    "markdown.too_much_markup",
)
def markdown_beyond_the_dialect(env: Env) -> None:
    from planmaker import markdown

    texts = [
        ("MAX_LINES", "# 标题\n\n[链接](http://example.com)\n"),
        ("MAX_LINES", "# 标题\n" + "\n" * 60),
        ("MAX_COLUMNS", "# 标题\n\n" + "|" + "格|" * 8 + "\n|" + "-|" * 8 + "\n"),
        ("MAX_BLOCKS", "段落。\n\n" * 12),
        ("MAX_MARKUP", "# 标题\n\n" + "*" * 30 + "\n"),
    ]
    for n, (limit, text) in enumerate(texts):
        with env.monkeypatch.context() as patched:
            patched.setattr(markdown, limit, 5)
            assert env.cli("render", env.file(f"n{n}.md", text)) == 1


# --- outputs -----------------------------------------------------------------------------


@case(
    "output.is_input",
    "output.is_directory",
    "output.unknown_format",
    "output.unknown_suffix",
    "output.stdout_binary",
    "output.not_writable",
    "output.not_regular",
    "output.symlink_loop",
    "output.name_too_long",
    "cli.written",
)
def outputs_that_cannot_be_written(env: Env) -> None:
    plan = env.file("plan.yaml")
    assert env.cli("render", plan, "--format", "md", "-o", plan) == 1
    (env.tmp / "plan.docx").mkdir()  # where the document would go
    assert env.cli("render", plan) == 1
    assert env.cli("render", plan, "--format", "odt") == 1
    assert env.cli("render", plan, "-o", env.tmp / "out.odt") == 1
    assert env.cli("render", plan, "--format", "docx", "-o", "-") == 2
    env.file("blocker", "a file, not a folder")
    assert env.cli("render", plan, "-o", env.tmp / "blocker" / "out.docx") == 1
    os.mkfifo(env.tmp / "fifo.docx")
    assert env.cli("render", plan, "-o", env.tmp / "fifo.docx") == 1
    os.symlink(env.tmp / "loop.docx", env.tmp / "loop.docx")
    assert env.cli("render", plan, "-o", env.tmp / "loop.docx") == 1
    assert env.cli("render", plan, "-o", env.tmp / ("计划" * 50 + ".docx")) == 1
    assert env.cli("render", plan, "-o", env.tmp / "done.docx") == 0


@case("output.disk_full", "output.locked")
def outputs_the_machine_refuses(env: Env) -> None:
    from planmaker import source

    plan = env.file("plan.yaml")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with env.monkeypatch.context() as patched:
        patched.setattr(source.os, "fsync", full)
        assert env.cli("render", plan) == 1
    env.file("plan.docx", b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "used by another process", str(dst))

    env.monkeypatch.setattr(source.os, "replace", locked)
    assert env.cli("render", plan) == 1


def _package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _plain_parts() -> dict[str, bytes]:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _hostile_packages(env: Env, plain: dict[str, bytes]) -> list[Path]:
    """Word packages past each limit of docx_input (lowered here to just above ``plain``):
    too many parts, a part too large, too much in all, a part outside, a DTD."""
    from planmaker import docx_input

    largest, total = max(map(len, plain.values())), sum(map(len, plain.values()))
    env.monkeypatch.setattr(docx_input, "MAX_PARTS", len(plain) + 10)
    env.monkeypatch.setattr(docx_input, "MAX_PART_BYTES", largest + 1000)
    env.monkeypatch.setattr(docx_input, "MAX_INFLATED", total + 1500)
    return [
        env.file(
            "many.docx", _package({**plain, **{f"word/media/{i}.bin": b"" for i in range(20)}})
        ),
        env.file("part.docx", _package({**plain, "word/media/a.bin": bytes(largest + 2000)})),
        env.file(
            "inflated.docx",
            _package({**plain, **{f"word/media/{i}.bin": bytes(1000) for i in range(2)}}),
        ),
        env.file("outside.docx", _package({**plain, "../evil.xml": b"<a/>"})),
        env.file(
            "dtd.docx",
            _package({**plain, "word/styles.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
        ),
    ]


@case(
    "reference.not_found",
    "reference.too_large",
    "docx.bad_reference",
    "docx.too_many_parts",
    "docx.part_too_large",
    "docx.too_large_inflated",
    "docx.unsafe_member",
    "docx.dtd",
)
def reference_documents_that_are_refused(env: Env) -> None:
    from planmaker import docx_input, intake

    plain = _plain_parts()
    hostile = _hostile_packages(env, plain)
    env.monkeypatch.setattr(docx_input, "DOCX_MAX_BYTES", 1_000_000)
    env.monkeypatch.setattr(intake, "DOCX_MAX_BYTES", 1_000_000)
    references = [
        env.tmp / "missing.docx",
        env.file("big.docx", b"x" * 1_000_010),
        env.file("text.docx", "这不是 Word 文档"),
        *hostile,
    ]
    plan = env.file("plan.yaml")
    for reference in references:
        assert env.cli("render", plan, "--reference-doc", reference) == 1


@case("docx.broken_output")
def a_document_that_does_not_parse(env: Env) -> None:
    from planmaker import writers

    real = writers.get_writer

    def broken(fmt: str) -> Callable[..., bytes]:
        write = real(fmt)

        def writer(tokens: object, opts: object) -> bytes:
            with zipfile.ZipFile(io.BytesIO(write(tokens, opts))) as archive:
                parts = {name: archive.read(name) for name in archive.namelist()}
            parts["word/styles.xml"] = b"<w:styles>&unit;</w:styles>"
            return _package(parts)

        return writer

    env.monkeypatch.setattr(writers, "get_writer", broken)
    reference = env.file("红头.docx", _package(_plain_parts()))
    assert env.cli("render", env.file("plan.yaml"), "--reference-doc", reference) == 1


@case("pdf.no_libreoffice", "pdf.failed")
def pdf_without_a_working_libreoffice(env: Env) -> None:
    plan = env.file("plan.yaml")
    empty = env.tmp / "nothing-here"
    empty.mkdir()
    env.monkeypatch.setenv("PATH", str(empty))
    assert env.cli("render", plan, "--format", "pdf") == 1
    fake = env.file("bin/soffice", "#!/bin/sh\necho 转换失败 >&2\nexit 3\n")
    fake.chmod(0o755)
    env.monkeypatch.setenv("PATH", str(fake.parent))
    assert env.cli("render", plan, "--format", "pdf") == 1


# --- commands ----------------------------------------------------------------------------


@case("check.ok", "check.internal", "check.failed", "cli.warning", "calendar.year_unknown")
def check_goes_on_and_warns(env: Env) -> None:
    from planmaker import pipeline

    real = pipeline.document_markdown

    def fails_once(doc: object, **kwargs: object) -> object:
        if kwargs["base"] == env.tmp / "bad":
            raise RuntimeError("boom")
        return real(doc, **kwargs)

    env.monkeypatch.setattr(pipeline, "document_markdown", fails_once)
    far = env.file("far.yaml", FAR_YEAR)
    assert env.cli("check", env.file("bad/plan.yaml"), far) == 1


@case(
    "new.unknown_kind",
    "new.missing_options",
    "new.schema_written",
    "new.next_plan",
    "new.next_summary",
    "output.exists",
)
def new_from_the_command_line(env: Env) -> None:
    env.monkeypatch.chdir(env.tmp)
    assert env.cli("new", "term") == 2
    assert env.cli("new", "year") == 2
    assert env.cli("new", "summary") == 2
    assert env.cli("new", "year", "--org", "定边镇工会", "--year", "2026") == 0
    assert env.cli("new", "year", "--org", "定边镇工会", "--year", "2026") == 1
    assert env.cli("new", "summary", "--org", "定边镇工会", "--year", "2026") == 0


@case(
    "scaffold.schedule_not_carried", "scaffold.weeks_moved", "new.ask_again", "new.ask_summary_kind"
)
def new_from_an_older_file_and_a_terminal(env: Env) -> None:
    import typer

    env.monkeypatch.chdir(env.tmp)
    term = env.file("old.yaml", _with("week: 1\n", "week: 19\n"))
    assert env.cli("new", "year", "--from", term, "--year", "2026") == 0
    assert env.cli("new", "semester", "--from", term, "--weeks", "10", "-o", "短.yaml") == 2
    args = ["--school-year", "2026-2027", "--semester", "1", "--start", "2026-08-31"]
    assert env.cli("new", "semester", "--from", term, *args, "--weeks", "10", "-o", "短.yaml") == 0
    answers = iter(["2", "2026", "2026"])
    env.monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    env.monkeypatch.setattr(typer, "prompt", lambda *a, **k: next(answers))
    assert env.cli("new", "summary", "--org", "定边镇工会", "-o", "问.yaml") == 0
    answers = iter(["2026"])
    assert env.cli("new", "year", "--org", "定边镇工会", "--year", "二〇", "-o", "再问.yaml") == 0


@case("summarize.not_plan", "summarize.next_step")
def summarize_a_plan(env: Env) -> None:
    assert env.cli("summarize", env.file("plan.yaml")) == 0
    summary = EXAMPLES / "township-union-summary.yaml"
    assert env.cli("summarize", summary, "-o", env.tmp / "out.yaml") == 1


@case(
    "calendar.no_period",
    "calendar.start_moved",
    "calendar.title_weeks",
    "calendar.title_months",
    "calendar.title_from",
    "calendar.title_year",
    "calendar.column_week",
    "calendar.column_month",
    "calendar.column_dates",
    "calendar.column_events",
)
def calendars(env: Env) -> None:
    assert env.cli("calendar") == 2
    assert env.cli("calendar", "--start", "2026-03-04", "--weeks", "3") == 0
    assert env.cli("calendar", "--year", "2026") == 0
    assert env.cli("calendar", env.file("plan.yaml")) == 0
    assert env.cli("calendar", env.file("year.yaml", YEAR_PLAN.format(year=2026))) == 0


@case("templates.exported", "templates.usage")
def templates_export(env: Env) -> None:
    assert env.cli("templates", "export", "plan", env.tmp / "模板") == 0


@case(
    "verbose.encoding",
    "verbose.template",
    "verbose.builtin_template",
    "verbose.holidays",
)
def verbose_notes(env: Env) -> None:
    plan = env.file("plan.yaml")
    assert env.cli("--verbose", "render", plan) == 0
    template = _template(env, "{{ doc.org }}")
    assert env.cli("--verbose", "render", plan, "--template", template) == 0


@case("cli.usage_error", "cli.help_hint", "cli.interrupted", "cli.internal", "cli.unworded")
def the_edge(env: Env) -> None:
    from planmaker import pipeline
    from planmaker.errors import PlanError

    assert env.cli("render") == 2
    plan = env.file("plan.yaml")
    for fault in (KeyboardInterrupt(), RuntimeError("boom"), PlanError("no.such_code")):

        def fail(*args: object, fault: BaseException = fault, **kwargs: object) -> None:
            raise fault

        env.monkeypatch.setattr(pipeline, "render_file", fail)
        assert env.cli("render", plan) != 0


# --- batch and report --------------------------------------------------------------------


@case(
    "batch.start",
    "batch.line_written",
    "batch.line_failed",
    "batch.failures",
    "batch.column_file",
    "batch.column_problems",
    "batch.failed",
    "batch.done",
    "batch.skipped_unchanged",
    "batch.nothing_to_do",
    "batch.no_inputs",
    "batch.output_clash",
    "cli.in_files",
)
def batches(env: Env) -> None:
    inputs = env.tmp / "in"
    env.file("in/甲.yaml", FAR_YEAR)
    env.file("in/乙.yaml", FAR_YEAR)
    env.file("in/丙.yaml", _with("week: 1\n", "week: 21\n"))
    assert env.cli("batch", inputs, "-o", env.tmp / "out", "-j", "1") == 1
    env.file("in/丙.yaml")
    assert env.cli("batch", inputs, "-o", env.tmp / "out", "-j", "1") == 0
    assert env.cli("batch", inputs, "-o", env.tmp / "out", "--changed") == 0
    (env.tmp / "empty").mkdir()
    assert env.cli("batch", env.tmp / "empty", "-o", env.tmp / "out") == 1
    env.file("clash/a.yaml")
    env.file("clash/a.yml")
    assert env.cli("batch", env.tmp / "clash", "-o", env.tmp / "out") == 1


@case("batch.progress", "batch.elapsed", "batch.remaining", "batch.rate")
def a_batch_on_a_terminal(env: Env) -> None:
    from planmaker.cli import console

    terminal = console._literal_console()(stderr=True, force_terminal=True, width=100)
    env.monkeypatch.setattr(console, "err_console", lambda: terminal)
    for n in range(3):
        env.file(f"in/{n}.yaml")
    assert env.cli("batch", env.tmp / "in", "-o", env.tmp / "out", "-j", "1") == 0


@case("batch.internal", "batch.worker_crashed", "batch.timeout", "batch.interrupted")
def batches_whose_workers_fail(env: Env) -> None:
    import signal
    import time

    from planmaker import batch, pipeline

    real = pipeline.render_file

    def misbehaving(path: Path, opts: object) -> object:
        if Path(path).stem == "bug":
            raise RuntimeError("boom")
        if Path(path).stem == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        if Path(path).stem == "slow":
            time.sleep(30)
        return real(path, opts)

    env.monkeypatch.setattr(pipeline, "render_file", misbehaving)
    for name in ("bug", "crash", "slow", "fine"):
        env.file(f"in/{name}.yaml")
    args = ["batch", env.tmp / "in", "-o", env.tmp / "out", "-j", "2", "--timeout", "1"]
    assert env.cli(*args) == 1

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    env.monkeypatch.setattr(batch, "run_tasks", interrupted)
    assert env.cli("batch", env.tmp / "in", "-o", env.tmp / "out2") == 130


@case(
    "walk.hidden",
    "walk.not_yaml",
    "walk.special",
    "walk.folder_link",
    "walk.symlink_loop",
    "walk.unreadable",
)
def folders_with_more_than_inputs(env: Env) -> None:
    folder = env.tmp / "in"
    env.file("in/计划.yaml")
    env.file("in/.草稿.yaml")
    env.file("in/说明.txt", "说明")
    os.mkfifo(folder / "管道.yaml")
    os.symlink(env.tmp, folder / "上级")
    os.symlink(folder / "圈.yaml", folder / "圈.yaml")
    (folder / "锁着").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "锁着":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    env.monkeypatch.setattr(os, "scandir", scandir)
    assert env.cli("batch", folder, "-o", env.tmp / "out") == 0


@case(
    "report.period_choice",
    "report.inputs_invalid",
    "report.nothing_in_period",
    "report.duplicate",
    "report.name_clash",
    "report.output_is_input",
    "report.kept_not_report",
    "report.kept",
    "report.yaml_written",
    "report.failed",
    "report.idle_units",
    "report.not_counted",
    "report.skipped_reports",
)
def reports(env: Env) -> None:
    out = env.tmp / "out"
    assert env.cli("report", DISTRICT, "-o", out) == 2
    bad = env.file("bad/plan.yaml", _with("week: 1\n", "week: 21\n"))
    assert env.cli("report", bad.parent, "--year", "2026", "-o", out) == 1
    assert env.cli("report", DISTRICT, "--year", "2024", "-o", out) == 1
    school = Path(shutil.copytree(DISTRICT / "chengguan", env.tmp / "chengguan"))
    twice = school / "jiaowu-2026spring-summary.yaml"
    shutil.copy(twice, school / "jiaowu-2026spring-summary-copy.yaml")
    assert env.cli("report", school, "--year", "2026", "-o", out) == 0
    assert env.cli("report", school, "--year", "2026", "-o", out) == 0
    assert env.cli("report", school, out, "--year", "2026", "-o", env.tmp / "again") == 0
    assert env.cli("report", DISTRICT, "--year", "2025", "-o", env.tmp / "2025") == 0
    assert env.cli("report", school, "--school-year", "2025-2026", "-o", env.tmp / "学年") == 0
    clash = env.file("clash/a.yaml", YEAR_PLAN.format(year=2026).replace("定边镇工会", "ABC工会"))
    env.file("clash/b.yaml", YEAR_PLAN.format(year=2026).replace("定边镇工会", "abc工会"))
    assert env.cli("report", clash.parent, "--year", "2026", "-o", env.tmp / "clashed") == 1
    own = env.tmp / "own"
    shutil.copytree(DISTRICT / "chengguan", own)
    name = "城关镇第一小学2026年度工作总结.yaml"
    (own / "jiaowu-2026spring-summary.yaml").rename(own / name)
    assert env.cli("report", own, "--year", "2026", "-o", own) == 1
    taken = env.tmp / "taken"
    taken.mkdir()
    shutil.move(own / name, taken / name)
    assert env.cli("report", own, "--year", "2026", "-o", taken) == 1


@case(
    "placeholder.left",
    "placeholder.draft",
    "yaml.folded_item",
    "signature.no_date",
    "report.unfilled",
    "report.all_pending",
)
def unfilled(env: Env) -> None:
    draft = env.file("draft.yaml", _with("- 严格执行", "- （请填写具体措施。）"))
    assert env.cli("check", draft) == 1
    assert env.cli("render", draft, "--draft") == 0
    # no 成文日期, and a “- ” line YAML folded into the goal before it
    text = "org: 芦中\nperiod: {year: 2026}\ngoals:\n  - 备课\n    - 上课\n"
    assert env.cli("render", env.file("folded.yaml", text)) == 0
    school = Path(shutil.copytree(DISTRICT / "luzhong", env.tmp / "luzhong"))
    pending = school / "deyu-2026spring-summary.yaml"
    pending.write_text(
        pending.read_text(encoding="utf-8")
        .replace("status: done", "status: pending")
        .replace("status: partial", "status: pending")
        .replace("status: cancelled", "status: pending"),
        encoding="utf-8",
    )
    unfilled = school / "jiaowu-2026spring-summary.yaml"
    unfilled.write_text(
        unfilled.read_text(encoding="utf-8").replace(
            "problems:\n", "problems:\n  - （请填写存在的问题。）\n"
        ),
        encoding="utf-8",
    )
    assert env.cli("report", school, "--year", "2026", "-o", env.tmp / "out") == 0


# --- import: recognising ----------------------------------------------------------------


@case(
    "import.missing",
    "import.week_dates",
    "import.invalid",
    "import.bad_chars",
    "import.placeholder",
    "import.school_year",
)
def importing_a_document(env: Env) -> None:
    from planmaker import unfilled
    from planmaker.errors import PlanError
    from planmaker.importer.blocks import Paragraph, Source, Table, text_blocks
    from planmaker.importer.recognise import Given, import_source

    def worded(problem: object) -> None:
        messages.message(problem.code, problem.params)  # type: ignore[attr-defined]

    try:
        import_source(Source("计划.txt", text_blocks(["工会工作计划", "一、工作目标"])), Given())
    except PlanError as err:
        worded(err.problems[0])
    week_table = Table(
        (
            (("周次",), ("日期",), ("工作内容",)),
            (("第1周",), ("3.2-3.8",), ("报名",)),
            (("第3周",), ("3.30-4.5",), ("机动",)),
        ),
        3,
    )
    source = Source(
        "计划.docx",
        (
            Paragraph("定边镇希望小学2025—2026学年第二学期工作计划", 1, align="center"),
            Paragraph("一、具体安排", 2),
            week_table,
        ),
    )
    for warning in import_source(source, Given()).warnings:
        worded(warning)
    seed = ["定边镇希望小学", "2025—2025年第二学期教务处", "工作计划", "一、工作目标", "1.规范。"]
    seed += ["教务处", "2025年2月21日"]
    for warning in import_source(Source("计划.txt", text_blocks(seed)), Given()).warnings:
        worded(warning)
    odd = [
        "定边镇工会2026年工作计划",
        "一、工作目标",
        "1.建设\x01职工之家。",
        "2.（请填写工作目标二。）",
    ]
    for warning in import_source(Source("计划.txt", text_blocks(odd)), Given()).warnings:
        worded(warning)

    def fails(*args: object, **kwargs: object) -> object:
        raise PlanError("value.missing", None, key="org")

    env.monkeypatch.setattr(unfilled, "read_document", fails)
    try:
        import_source(source, Given())
    except PlanError as err:
        worded(err.problems[0])


# --- import: reading ----------------------------------------------------------------------


def _soffice_copying(env: Env, docx_file: Path) -> None:
    """A stand-in LibreOffice on PATH that “converts” by copying ``docx_file`` to its --outdir."""
    folder = env.tmp / "bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(
        '#!/bin/sh\nwhile [ "$1" != "--outdir" ]; do shift; done\n'
        f'mkdir -p "$2" && cp "{docx_file}" "$2/document.docx"\n',
        encoding="utf-8",
    )
    program.chmod(0o755)
    env.monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@case(
    *(f"import.{code}" for code in ("too_large", "pdf", "unknown_suffix", "empty", "encrypted")),
    *(f"import.{code}" for code in ("bad_docx", "not_docx", "unknown_kind", "no_libreoffice")),
    *(f"import.{code}" for code in ("too_many_parts", "part_too_large", "too_large_inflated")),
    *(f"import.{code}" for code in ("unsafe_member", "dtd", "convert_failed", "no_inputs")),
    "import.already_yaml",
)
def files_import_cannot_read(env: Env) -> None:
    plain = _plain_parts()
    hostile = _hostile_packages(env, plain)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    files = [
        env.file("big.txt", b"x" * (2 * 1024 * 1024 + 10)),
        env.file("scan.pdf", b"%PDF-1.7"),
        env.file("sheet.xlsx", b"PK"),
        env.file("plan.yaml"),
        env.file("empty.docx", b""),
        env.file("locked.docx", ole + "EncryptedPackage".encode("utf-16-le")),
        env.file("text.docx", "这不是 Word 文档"),
        env.file("book.docx", _package({"[Content_Types].xml": b"<Types/>", "xl/a.xml": b"<a/>"})),
        *hostile,
    ]
    for file in files:
        assert env.cli("import", file) == 1
    assert env.cli("import", files[0], "--kind", "通知") == 2
    legacy = env.file("old.doc", ole)
    env.monkeypatch.setenv("PATH", str(env.tmp))
    assert env.cli("import", legacy) == 1
    folder = env.tmp / "bin"
    folder.mkdir()
    (folder / "soffice").write_text("#!/bin/sh\necho failed\n", encoding="utf-8")
    (folder / "soffice").chmod(0o755)
    env.monkeypatch.setenv("PATH", str(folder))
    assert env.cli("import", legacy) == 1
    nothing = env.tmp / "nothing"
    nothing.mkdir()
    assert env.cli("import", nothing) == 1


@case(
    *(f"import.{code}" for code in ("converted", "found", "found_unsigned", "plain", "next_step")),
    *(f"import.{code}" for code in ("start", "line_written", "line_kept", "line_failed")),
    *(f"import.{code}" for code in ("failures", "output_clash", "others_pdf", "failed", "done")),
    "import.internal",
)
def files_imported(env: Env) -> None:
    import import_docs

    from planmaker.importer import recognise

    real = recognise.import_source

    def as_found(source: object, given: object) -> object:
        """What the recogniser found, without a 落款 and with a plain block for one file:
        the lines that print them are worded here, whatever the documents hold."""
        found = real(source, given)
        if "unsigned" not in str(source.file):
            return found
        return dataclasses.replace(found, signature=None, plain=("第3行：本学期是……",))

    env.monkeypatch.setattr(recognise, "import_source", as_found)
    signed = env.file("signed/计划.docx", import_docs.office_docx())
    _soffice_copying(env, signed)
    assert env.cli("import", env.file("old/计划.doc", b"\xd0\xcf\x11\xe0" + bytes(1024))) == 0
    assert env.cli("import", env.file("unsigned/计划.docx", import_docs.office_docx())) == 0
    start = ("--start", "2026-03-02")
    assert (
        env.cli("import", env.file("plain/计划.txt", import_docs.plain_text("utf-8")), *start) == 0
    )
    env.file("folder/计划.docx", import_docs.office_docx())
    env.file("folder/计划.txt", import_docs.plain_text("utf-8"))
    env.file("folder/扫描.pdf", b"%PDF-1.7")
    assert env.cli("import", env.tmp / "folder", *start) == 1
    assert env.cli("import", env.tmp / "signed") == 0
    assert env.cli("import", env.tmp / "signed") == 0  # kept

    def broken(source: object, given: object) -> object:
        raise RuntimeError("a bug")

    env.monkeypatch.setattr(recognise, "import_source", broken)
    assert env.cli("import", env.tmp / "plain", "--force") == 1


# --- the tests ---------------------------------------------------------------------------


@pytest.fixture
def worded(monkeypatch: pytest.MonkeyPatch) -> tuple[set[str], list[str]]:
    """The codes worded while the test runs, and every failure to word one."""
    seen: set[str] = set()
    failures: list[str] = []
    strict = messages.message

    def recording(code: str, params: dict[str, object]) -> str:
        try:
            text = strict(code, params)
        except messages.MessageError as err:
            if code != "no.such_code":  # the one case made to have no message
                failures.append(str(err))
            raise
        seen.add(code)
        return text

    monkeypatch.setattr(messages, "message", recording)
    return seen, failures


@pytest.mark.parametrize(("codes", "act"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_message_is_worded_with_the_params_its_raisers_give(
    codes, act, worded, tmp_path, monkeypatch
):
    seen, failures = worded
    act(Env(tmp_path, monkeypatch))
    assert failures == []
    assert set(codes) <= seen, f"not met: {sorted(set(codes) - seen)}"


def test_the_cases_cover_every_message():
    covered = {code for _, codes, _ in CASES for code in codes}
    assert sorted(set(messages.MESSAGES) - covered) == []
    assert sorted(covered - set(messages.MESSAGES)) == []

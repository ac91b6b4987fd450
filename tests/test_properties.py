"""Properties that hold for any input a user can type (hypothesis).

1. Whatever YAML-shaped text comes in, reading, validating and templating it ends in a
   document or in planmaker's own error (PlanError), never in another exception: that
   would be a traceback for the user.
2. Text in a field comes out of the DOCX exactly as written, under docs/yaml.md §3's rules:
   a blank line starts a paragraph, each line is trimmed of white space (U+3000 too),
   the lines of a paragraph are joined with nothing between them.
3. A character a DOCX cannot hold is refused as text.bad_char, never dropped.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import yaml
from docxread import cell_text
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from planmaker.errors import PlanError
from planmaker.keys import ALIASES, KEY_OF
from planmaker.loader import BAD_CHARS, load_yaml
from planmaker.pipeline import document_markdown, write
from planmaker.validate import validate
from planmaker.values import one_line, paragraphs

KEYS = sorted(set(ALIASES) | set(KEY_OF))
HEADER = {
    "org": "定边镇希望小学",
    "period": {"school_year": "2025-2026", "semester": "2", "start": "2026-03-02"},
    "signature": {"date": "2026-02-21"},
}

# Values users write, right and wrong, mixed with arbitrary text.
WORDS = st.sampled_from(
    [
        "1", "21", "0", "4-5", "5-4", "[9, 18]", "2026-03-02", "2026.13.1", "2026年3月2日",
        "是", "否", "no", "已完成", "完了", "table", "列表", "hanzi", "二十", "2025-2026",
        "2025.2026", "2026", "plan", "summary", "report", "年度总结", "", " ", "\u3000",
        "# 标题", "a|b", "<br>", "**加粗**", "1. 条目", "- 条目", "{{ x }}", "::: signature",
    ]
)  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12)
SCALARS = st.one_of(WORDS, TEXT, st.none())
ANY_KEY = st.one_of(st.sampled_from(KEYS), TEXT)


def mappings(keys: list[str], values: st.SearchStrategy) -> st.SearchStrategy:
    return st.dictionaries(st.one_of(st.sampled_from(keys), ANY_KEY), values, max_size=5)


ANYTHING = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(ANY_KEY, inner, max_size=4)
    ),
    max_leaves=12,
)
NODES = st.recursive(
    SCALARS,
    lambda inner: mappings(
        ["title", "text", "items"], st.one_of(SCALARS, st.lists(inner, max_size=3))
    ),
    max_leaves=10,
)
ENTRY = mappings(
    ["week", "month", "tasks", "owner", "status", "note"],
    st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
)
DAY = mappings(["date", "start", "end", "name", "off"], SCALARS)
PERIOD = st.one_of(
    st.just(HEADER["period"]),
    st.just({"year": "2026"}),
    st.just({"school_year": "2025-2026"}),
    mappings(["school_year", "semester", "start", "weeks", "year"], SCALARS),
)
DEPARTMENT = mappings(
    ["name", "achievements", "planned", "problems", "completion"],
    st.one_of(
        SCALARS, st.lists(NODES, max_size=2), mappings(["planned", "done", "pending"], SCALARS)
    ),
)
COMMON = {
    "department": SCALARS,
    "title": st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
    "holidays": st.lists(DAY, max_size=3),
    "workdays": st.lists(DAY, max_size=2),
    "headings": mappings(["goals", "measures", "schedule", "completion", "problems"], SCALARS),
    "attachments": st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
    "extra": ANYTHING,
    "signature": mappings(["name", "date", "seal"], SCALARS),
    "date_style": SCALARS,
    "fonts": SCALARS,
}
SCHEDULE = mappings(["layout", "entries"], st.one_of(SCALARS, st.lists(ENTRY, max_size=4)))
TREES = st.lists(NODES, max_size=3)


def document(kind: str, **body: st.SearchStrategy) -> st.SearchStrategy:
    """A document of ``kind`` with any of its keys, each holding anything near right."""
    required = {"kind": st.just(kind), "org": st.one_of(st.just("定边镇希望小学"), SCALARS)}
    return st.fixed_dictionaries({**required, "period": PERIOD}, optional={**COMMON, **body})


DOCUMENT = st.one_of(
    document(
        "plan",
        preamble=SCALARS,
        guiding=SCALARS,
        goals=TREES,
        measures=TREES,
        safeguards=TREES,
        sections=TREES,
        schedule=SCHEDULE,
    ),
    document(
        "summary",
        overview=SCALARS,
        achievements=TREES,
        problems=TREES,
        next_steps=TREES,
        schedule=SCHEDULE,
    ),
    document(
        "report",
        overview=SCALARS,
        departments=st.lists(DEPARTMENT, max_size=2),
        problems=TREES,
        next_steps=TREES,
    ),
    st.dictionaries(ANY_KEY, ANYTHING, max_size=6),
)

# Lines a hand-edited YAML file is made of, right and wrong.
LINES = st.lists(
    st.tuples(
        st.sampled_from(["", "  ", "    ", "\t", "\u3000", "  - ", "- "]),
        st.one_of(st.sampled_from(KEYS), TEXT),
        st.sampled_from(
            [": ", ":", "：", ":\u3000", " ", ": |", ": [", ": {", ': "', ": &a ", ": *a"]
        ),
        SCALARS.map(lambda v: v or ""),
    ).map("".join),
    max_size=12,
).map("\n".join)

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_validate_template(text: str) -> None:
    """The work of ``check``: raises PlanError for a bad input, nothing else."""
    try:
        doc = validate(load_yaml(text, "plan.yaml"))
        document_markdown(doc, base=Path("."))
    except PlanError as err:
        event(err.code)
        raise
    event("a document")


@SLOW
@given(DOCUMENT)
def test_any_yaml_shaped_document_is_a_plan_or_a_plan_error(data):
    try:
        read_validate_template(yaml.safe_dump(data, allow_unicode=True))
    except PlanError as err:
        assert err.problems and all(p.code for p in err.problems)


@SLOW
@given(LINES)
def test_any_hand_typed_text_is_a_plan_or_a_plan_error(text):
    try:
        read_validate_template(text)
    except PlanError as err:
        assert err.problems and all(p.code for p in err.problems)


@SLOW
@given(st.text(max_size=200))
def test_any_text_at_all_is_a_plan_or_a_plan_error(text):
    try:
        read_validate_template(text)
    except PlanError as err:
        assert err.problems and all(p.code for p in err.problems)


def render_docx(fields: str) -> docx.document.Document:
    """The DOCX of a plan whose body is the YAML ``fields``, read back."""
    header = yaml.safe_dump({**HEADER, "title": "标题"}, allow_unicode=True)
    doc = validate(load_yaml(header + fields, "plan.yaml"))
    md, _, _ = document_markdown(doc, base=Path("."))
    return docx.Document(io.BytesIO(write(md, "docx")))


def quoted(text: str) -> str:
    """``text`` as a user writes it in double quotes: raw, but for what YAML must escape."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c in "\n\r" or (c != "\t" and yaml.reader.Reader.NON_PRINTABLE.match(c)):
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def literal(text: str, indent: str) -> str:
    """``text`` as a block of lines after ``key: |``, the way paragraphs are written."""
    lines = re.split(r"\r\n|\r|\n", text)
    return "|2\n" + "".join(f"{indent}  {line}\n" for line in lines)


def body(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


# Any character but the ones a DOCX cannot hold; line ends and white space included.
DOCX_CHARS = st.characters(exclude_categories=["Cs"]).filter(lambda c: not BAD_CHARS.match(c))
DOCX_TEXT = st.text(DOCX_CHARS, max_size=60)
LINE_TEXT = DOCX_TEXT.filter(lambda t: len(paragraphs(t)) == 1)
# What can stand in a block of lines unescaped: no control characters but tab.
TYPED_TEXT = st.text(
    DOCX_CHARS.filter(lambda c: c == "\t" or not yaml.reader.Reader.NON_PRINTABLE.match(c)),
    max_size=60,
)


def expect_paragraphs(document: docx.document.Document, text: str) -> None:
    assert body(document) == ["标题", *paragraphs(text), "定边镇希望小学", "2026年2月21日"]


@SLOW
@given(DOCX_TEXT)
def test_quoted_text_comes_out_of_the_docx_as_written(text):
    expect_paragraphs(render_docx(f"preamble: {quoted(text)}\n"), text)


@SLOW
@given(TYPED_TEXT)
def test_a_block_of_lines_comes_out_of_the_docx_as_written(text):
    expect_paragraphs(render_docx(f"preamble: {literal(text, '')}"), text)


@SLOW
@given(LINE_TEXT, LINE_TEXT, LINE_TEXT)
def test_goal_title_and_task_text_come_out_of_the_docx_as_written(goal, title, task):
    assume(one_line(task))
    document = render_docx(
        f"goals:\n  - {quoted(goal)}\n"
        f"measures:\n  - title: {quoted(title)}\n    items: [条目]\n"
        f"schedule:\n  entries:\n    - week: 3\n      tasks: [{quoted(task)}]\n"
    )
    text = body(document)
    assert f"1.{paragraphs(goal)[0]}" in text
    assert f"（一）{one_line(title)}" in text
    # The cell as written: the line breaks the writer adds to wrap a label are layout.
    assert cell_text(document.tables[0].rows[1].cells[2]) == one_line(task)


BAD = st.sampled_from(
    sorted(set(map(chr, range(0x20))) - {"\t", "\n", "\r"}) + ["\ufffe", "\uffff", "\ud800"]
)


@SLOW
@given(DOCX_TEXT, BAD, st.integers(0, 60), st.booleans())
def test_characters_a_docx_cannot_hold_are_refused_where_they_stand(text, bad, at, raw):
    """Typed raw into the file or written as an escape ("\\x01"), it is named, never dropped."""
    at = min(at, len(text))
    before = "preamble: " + quoted(text[:at])[:-1]
    if raw:
        fields = before + bad + quoted(text[at:])[1:] + "\n"
    else:
        fields = "preamble: " + quoted(text[:at] + bad + text[at:]) + "\n"
    header_lines = len(yaml.safe_dump({**HEADER, "title": "标题"}).splitlines())
    try:
        render_docx(fields)
    except PlanError as err:
        escaped_surrogate = not raw and "\ud800" <= bad <= "\udfff"
        assert [p.code for p in err.problems] == [
            "text.surrogate" if escaped_surrogate else "text.bad_char"
        ]
        assert err.problems[0].params["char"] == f"U+{ord(bad):04X}"
        assert (err.problems[0].where.line, err.problems[0].where.col) == (
            header_lines + 1,
            len(before) + 1,
        )
    else:
        raise AssertionError(f"{bad!r} reached the document")

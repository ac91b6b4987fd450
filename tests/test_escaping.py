"""User text can never become structure: whatever a plan says comes out as typed.

Text that looks like Markdown (a goal that starts with ``# ``, a ``|`` in a task, ``**``,
``<br>``, ``{{ }}`` …) is escaped on its way into the template, so the Markdown, the
plain text and the DOCX all carry it literally, and the document's structure is the
structure of the same plan with harmless text.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from docxread import cell_text
from helpers import render_bytes, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planmaker.markdown import parse_markdown
from planmaker.pipeline import RenderOptions, render_file

PLAIN = "普通文字"

TRICKY = [
    "# 依法治教",
    "## 二级",
    "a|b|c",
    "| 表格 | 行 |",
    "**加粗**",
    "*斜体*与_下划线_",
    "<b>标签</b>",
    "<br>换行",
    "a<br/>b",
    "&amp; &lt; &#x4E00;",
    "{{ doc.org }} {% if x %}",
    "1. 列表",
    "1) 列表",
    "- 列表",
    "+ 列表",
    "* 列表",
    "::: signature",
    ":::",
    "---",
    "===",
    "> 引用",
    "`代码`",
    "[链接](http://example.cn)",
    "![图片](a.png)",
    "\\反斜杠\\",
    "~~删除~~",
    "2026. 年",
    "#标签 #",
    "第一行\t制表符",
]


def plan_yaml(text: str) -> str:
    """A plan with ``text`` in every place user text reaches the document."""
    data = {
        "org": "定边镇希望小学",
        "department": "教务处",
        "title": [text],
        "period": {"school_year": "2025-2026", "semester": "2", "start": "2026-03-02"},
        "preamble": text,
        "guiding": text,
        "goals": [text, "规范办学行为。"],
        "measures": [{"title": text, "text": text, "items": [text, {"title": text}]}],
        "sections": [{"title": text, "items": [text]}],
        "schedule": {
            "entries": [{"week": "1", "tasks": [text, "组织报名"], "owner": text, "note": text}]
        },
        "attachments": [text, "周次安排表"],
        "signature": {"name": text, "date": "2026-02-21"},
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def render(text: str, fmt: str, folder: Path) -> bytes:
    """The ``fmt`` output of :func:`plan_yaml` of ``text``."""
    return render_bytes(write(folder, f"plan-{fmt}.yaml", plan_yaml(text)), fmt)


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text, body and table cells, in document order."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell_text(cell) for row in table.rows for cell in row.cells]
    return texts


def structure(md: str) -> list[str]:
    """The Markdown's token types, inline children included: its structure without text."""
    types = []
    for token in parse_markdown(md):
        types.append(token.type)
        types += [child.type for child in token.children or ()]
    return types


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_is_literal_in_docx_txt_and_md(tmp_path, text):
    plain = {fmt: render(PLAIN, fmt, tmp_path) for fmt in ("docx", "txt", "md")}
    tricky = {fmt: render(text, fmt, tmp_path) for fmt in ("docx", "txt", "md")}

    expected = [t.replace(PLAIN, text) for t in docx_texts(plain["docx"])]
    assert docx_texts(tricky["docx"]) == expected
    assert sum(t.count(PLAIN) for t in docx_texts(plain["docx"])) >= 12

    txt = tricky["txt"].decode("utf-8")
    assert txt == plain["txt"].decode("utf-8").replace(PLAIN, text)

    md = tricky["md"].decode("utf-8")
    assert structure(md) == structure(plain["md"].decode("utf-8"))


def test_a_goal_that_starts_with_a_hash_is_a_numbered_goal(tmp_path):
    md = render("# 依法治教", "md", tmp_path).decode("utf-8")
    assert re.search(r"^1\.\\# 依法治教$", md, flags=re.M)
    assert len(re.findall(r"^# ", md, flags=re.M)) == 1  # the title's one line only


def test_text_in_extra_stays_text_in_a_units_template(tmp_path):
    template = tmp_path / "extra.md.j2"
    template.write_text(
        "# 标题\n\n联系人：{{ extra.联系人 }}\n\n{{ extra.说明 }}\n", encoding="utf-8"
    )
    path = tmp_path / "plan.yaml"
    text = (
        plan_yaml(PLAIN) + "extra:\n  联系人: '- 王老师 | <br>'\n  说明: \"甲\\n  - 乙\\n# 丙\"\n"
    )
    path.write_text(text, encoding="utf-8")
    data = render_file(path, RenderOptions("docx", template=str(template))).data
    texts = [t for t in docx_texts(data) if t]
    assert texts == ["标题", "联系人：- 王老师 | <br>", "甲- 乙# 丙"]


# Characters a DOCX cannot hold (the model refuses them, docs/yaml.md §3), and the surrogates,
# which are not text.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The white space docs/yaml.md §3 trims from each line: Unicode's (the full-width U+3000 that
# Word pastes among it), and the byte order mark some editors leave at a line's start.
_TRIMMED = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\ufeff"

# Arbitrary characters, with the ones that mean something to Markdown, YAML or the text
# rule drawn often enough to meet each other at the start and end of lines.
_MEANINGFUL = list("#*_|<>&{}:;-+=`[]()!\\~.1 \t\n\r") + [
    "\u3000",
    "\u00a0",
    "\u2003",
    "<br>",
    "。",
]
texts = (
    st.lists(
        st.one_of(
            st.sampled_from(_MEANINGFUL),
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        ),
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: not _UNHOLDABLE.search(s))
)


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly: the characters
    YAML takes for line breaks or refuses raw are written as escapes."""
    out = []
    for c in text:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif code < 0x20 or 0x7F <= code <= 0x9F or c in "\u2028\u2029\ufeff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def expected_paragraphs(text: str) -> list[str]:
    """The text rule of docs/yaml.md §3, written out: split, trim, join, blank line = new paragraph."""
    paragraphs, current = [], ""
    for line in re.split(r"\r\n|\r|\n", text):
        line = line.strip(_TRIMMED)
        if line:
            current += line
        elif current:
            paragraphs.append(current)
            current = ""
    return paragraphs + ([current] if current else [])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_comes_out_of_the_docx_as_the_paragraphs_it_makes(text):
    source = (
        "org: 定边镇希望小学\n"
        "period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}\n"
        f"preamble: {yaml_quoted(text)}\n"
        "signature: {date: 2026-02-21}\n"
    )
    assert yaml.safe_load(source)["preamble"] == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(source, encoding="utf-8")
        rendered = render_file(path, RenderOptions("docx")).data
    document = docx.Document(io.BytesIO(rendered))
    body = [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert body == expected_paragraphs(text)


def _escaped_line_by_line(text: str) -> str:
    from planmaker.templating import _LINE_END, _escape_line

    return "\n".join(map(_escape_line, _LINE_END.split(text)))


@pytest.mark.parametrize("mark", list("\\`*_[]<>#|&!~{}$-+=:.)0123456789 \t\r\n\u3000"))
def test_a_text_escaped_whole_or_by_its_quick_look_comes_out_the_same(mark):
    """escape_value returns a text unchanged when a quick look finds nothing to escape;
    the quick look must never miss what the line-by-line escaping changes, wherever a
    character that may be markup stands (the spaces Markdown trims included)."""
    from planmaker.templating import _EDGE_SPACE, escape_value

    for char in [mark, *_EDGE_SPACE]:
        for text in (char, f"一{char}二", f"{char}二", f"一{char}", f"一\n{char}二", f"1{char} 三"):
            assert escape_value(text) == _escaped_line_by_line(text), repr(text)


@given(st.text(max_size=12))
def test_any_text_escaped_by_its_quick_look_comes_out_the_same(text):
    from planmaker.templating import escape_value

    assert escape_value(text) == _escaped_line_by_line(text)

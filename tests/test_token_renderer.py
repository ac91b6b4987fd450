"""Every writer of the token stream refuses what it has no rule for, at its line, and
never drops it: the DOCX and the text writer share one renderer base for that."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.token import Token

from planmaker.cli import run
from planmaker.errors import PlanError
from planmaker.markdown import parse_markdown
from planmaker.writers import DocxOptions, get_writer

MARKDOWN = "# 标题\n\n正文。\n\n第二段有**加粗**。\n"


def _with_unknown_block(tokens: list[Token]) -> list[Token]:
    """``tokens`` with a block type no writer knows (a plugin's, say) before the second
    paragraph (source line 5)."""
    second = next(i for i, t in enumerate(tokens) if t.type == "paragraph_open" and t.map[0] == 4)
    unknown = Token("math_block", "math", 0, map=[4, 5], content="x^2")
    return [*tokens[:second], unknown, *tokens[second:]]


def _with_unknown_inline(tokens: list[Token]) -> list[Token]:
    """``tokens`` with an inline type no writer knows inside the second paragraph."""
    inline = next(t for t in tokens if t.type == "inline" and t.map == [4, 5])
    inline.children = [*(inline.children or []), Token("footnote_ref", "", 0)]
    return tokens


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize(
    ("change", "what"),
    [(_with_unknown_block, "math_block"), (_with_unknown_inline, "footnote_ref")],
    ids=["block", "inline"],
)
def test_a_token_type_without_a_rule_is_refused_at_its_line(fmt, change, what) -> None:
    tokens = change(parse_markdown(MARKDOWN))
    with pytest.raises(PlanError) as caught:
        get_writer(fmt)(tokens, DocxOptions())
    assert caught.value.code == "markdown.unsupported"
    assert caught.value.where.line == 5
    assert caught.value.params["what"] == what


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize(
    ("markdown", "what"),
    [("[链接](https://example.cn)", "链接"), ("<span>网页</span>", "<span>")],
    ids=["link", "html"],
)
def test_both_formats_refuse_hand_written_markdown_outside_the_dialect_alike(
    tmp_path: Path, capsys, fmt, markdown, what
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(f"# 标题\n\n正文。\n\n{markdown}\n", encoding="utf-8")
    out = tmp_path / f"notes.{fmt}"
    assert run(["render", str(notes), "--format", fmt, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{notes}:5: Markdown 中有 planmaker 不支持的写法" in err
    assert what in err
    assert not out.exists()

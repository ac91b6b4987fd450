"""Plain-text output: what a user pastes into a mail or a web form."""

from __future__ import annotations

from pathlib import Path

import pytest

from planmaker.errors import PlanError
from planmaker.markdown import parse_markdown
from planmaker.writers import get_writer
from planmaker.writers.text import write_text

PLAN = (Path(__file__).parent / "fixtures" / "markdown" / "plan_numbered.md").read_text(
    encoding="utf-8"
)


def test_the_numbered_plan_as_text() -> None:
    assert write_text(parse_markdown(PLAN)) == (
        "定边镇希望小学\n"
        "2025—2026学年第二学期教务处工作计划\n"
        "\n"
        "本学期，我们将继续**贯彻**，a|b <br> &amp; # x\n"
        "\n"
        "一、工作目标\n"
        "\n"
        "1.依法治教，规范办学行为。\n"
        "\n"
        "2.深化课程改革。\n"
        "\n"
        "二、主要工作及要求\n"
        "\n"
        "（一）依法执教，教师职业操守的基本准则。\n"
        "\n"
        "1.严格执行\n"
        "\n"
        "（1）开齐课程\n"
        "\n"
        "正文 加粗\n"
        "\n"
        "三、具体安排\n"
        "\n"
        "周次\t日期\t工作内容\t负责人\n"
        "第一周\t3月2日—3月8日\t组织报名领书 / 制定计划（备注）\t教务处\n"
        "第四至五周\t3月23日—4月5日 / 清明节放假（4月4日—6日）\t期中\t\n"
        "\n"
        "附件：1.教务处周次安排表\n"
        "2.其他\n"
        "\n"
        "教务处\n"
        "2026年2月21日\n"
    )


def test_txt_is_the_registered_text_writer() -> None:
    tokens = parse_markdown(PLAN)
    assert get_writer("txt")(tokens, None) == write_text(tokens)


def test_chinese_lines_join_without_spaces_and_hard_breaks_stay() -> None:
    assert write_text(parse_markdown("第一行\n接着写\\\n新的一行\n")) == "第一行接着写\n新的一行\n"


def test_a_title_later_in_the_document_is_its_own_block() -> None:
    text = write_text(parse_markdown("# 标题\n\n正文。\n\n# 附件标题\n\n附件正文。\n"))
    assert text == "标题\n\n正文。\n\n附件标题\n\n附件正文。\n"


@pytest.mark.parametrize(("markdown", "line"), [("正文\n\n1. 列表\n", 3), ("正文<br>续\n", 1)])
def test_markdown_outside_the_dialect_is_an_error(markdown: str, line: int) -> None:
    with pytest.raises(PlanError) as caught:
        write_text(parse_markdown(markdown))
    assert caught.value.code == "markdown.unsupported"
    assert caught.value.where.line == line

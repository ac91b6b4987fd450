"""``planmaker render notes.md``: hand-written Markdown in the same GB/T 9704 DOCX.

Headings are taken as written, never renumbered; ``render``'s own ``--format md``
output renders back to the DOCX the YAML gives; anything outside the dialect is an
error naming its line.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import EXAMPLES, render_docx, write

from planmaker.cli import run

PLAN = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
preamble: 本学期，我们将继续以教研工作为抓手。
goals:
  - 依法治教，规范办学行为。
  - 深化课程改革。
measures:
  - title: 依法执教。
    text: 严格执行义务教育教学计划。
    items:
      - title: 规范课程
        items: [开足开齐各类课程]
      - 严格管理学籍档案。
schedule:
  entries:
    - {week: 1, tasks: [组织报名领书, 制定各部门工作计划], owner: 教务处}
signature: {date: 2026-02-21}
"""

# The same plan as a person would type it: no front matter, numbers written by hand.
NOTES = """\
# 定边镇希望小学

# 2025—2026学年第二学期教务处工作计划

本学期，我们将继续以教研工作为抓手。

## 一、工作目标

1.依法治教，规范办学行为。

2.深化课程改革。

## 二、主要工作及措施

### （一）依法执教。

严格执行义务教育教学计划。

#### 1.规范课程

（1）开足开齐各类课程

2.严格管理学籍档案。

## 三、具体安排

| 周次 | 日期 | 工作内容 | 负责人 |
| --- | --- | --- | --- |
| 第一周 | 3月2日—3月8日 | 组织报名领书<br>制定各部门工作计划 | 教务处 |
| 第五周 | 3月30日—4月5日<br>清明节放假（4月4日—6日） |  |  |
| 第六周 | 4月6日—4月12日<br>清明节放假（4月4日—6日） |  |  |
| 第九周 | 4月27日—5月3日<br>劳动节放假（5月1日—5日） |  |  |
| 第十周 | 5月4日—5月10日<br>劳动节放假（5月1日—5日）<br>劳动节调休上班（5月9日） |  |  |
| 第十六周 | 6月15日—6月21日<br>端午节放假（6月19日—21日） |  |  |

::: signature
教务处

2026年2月21日
:::
"""


def content(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """What a reader sees: each body paragraph's text and style, each table's cell texts."""
    document = docx.Document(io.BytesIO(path.read_bytes()))
    paragraphs = [(p.text, p.style.name) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_handwritten_numbered_headings_get_the_styles_yaml_input_gets(tmp_path):
    from_yaml = content(render_docx(write(tmp_path, "plan.yaml", PLAN)))
    from_notes = content(render_docx(write(tmp_path, "notes.md", NOTES)))
    assert from_notes == from_yaml
    styles = dict(from_notes[0])
    assert len({styles["一、工作目标"], styles["（一）依法执教。"], styles["1.规范课程"]}) == 3
    assert styles["（1）开足开齐各类课程"] == styles["1.依法治教，规范办学行为。"]
    assert len({styles["一、工作目标"], styles["二、主要工作及措施"], styles["三、具体安排"]}) == 1


def test_headings_are_taken_as_written(tmp_path):
    notes = write(
        tmp_path,
        "notes.md",
        "# 关于开展安全检查的通知\n\n## 三、先写第三部分\n\n正文。\n\n## 一、再写第一部分\n\n"
        "### 其他事项\n\n#### 2.第二条\n",
    )
    paragraphs, _ = content(render_docx(notes))
    texts = [text for text, _ in paragraphs if text]
    assert texts == [
        "关于开展安全检查的通知",
        "三、先写第三部分",
        "正文。",
        "一、再写第一部分",
        "其他事项",
        "2.第二条",
    ]
    styles = dict(paragraphs)
    assert styles["三、先写第三部分"] == styles["一、再写第一部分"]


def test_bold_in_handwritten_markdown(tmp_path):
    notes = write(tmp_path, "notes.md", "# 通知\n\n请各部门**务必**于周五前上报。\n")
    document = docx.Document(io.BytesIO(render_docx(notes).read_bytes()))
    body = [p for p in document.paragraphs if p.text][1]
    assert body.text == "请各部门务必于周五前上报。"
    assert [r.text for r in body.runs if r.bold] == ["务必"]


@pytest.mark.parametrize(
    "example",
    sorted(EXAMPLES.glob("*.yaml")),
    ids=lambda p: p.stem,
)
def test_format_md_output_renders_back_to_the_same_docx(run_planmaker, tmp_path, example):
    plan = Path(shutil.copy(example, tmp_path / example.name))
    md = tmp_path / f"{example.stem}.md"
    result = run_planmaker("render", plan, "--format", "md", "-o", md)
    assert result.returncode == 0, result.stderr
    from_yaml = render_docx(plan)
    from_md = render_docx(md)
    assert content(from_md) == content(from_yaml)
    assert _document_xml(from_md) == _document_xml(from_yaml)


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_the_front_matter_settings_come_back(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN + "fonts: windows\ndate_style: hanzi\n").read_text(
        encoding="utf-8"
    )
    plan = write(tmp_path, "plan.yaml", plan.replace("signature: {", "signature: {seal: false, "))
    md = tmp_path / "plan.md"
    assert run_planmaker("render", plan, "-o", md).returncode == 0
    assert "fonts: windows" in md.read_text(encoding="utf-8")
    assert _document_xml(render_docx(md)) == _document_xml(render_docx(plan))


UNSUPPORTED = [
    ("- 列表项", "bullet_list"),
    ("1. 列表项", "ordered_list"),
    ("> 引用", "blockquote"),
    ("```\nprint(1)\n```", "代码块"),
    ("用 `代码` 写", "code"),
    ("<div>网页</div>", "<div>"),
    ("文字<span>网页</span>", "<span>"),
    ("*斜体*", "em"),
    ("###### 六级标题", "h6"),
]


@pytest.mark.parametrize(("markdown", "what"), UNSUPPORTED, ids=[u[1] for u in UNSUPPORTED])
def test_anything_else_is_an_error_naming_its_line(run_planmaker, tmp_path, markdown, what):
    notes = write(tmp_path, "notes.md", f"# 标题\n\n正文。\n\n{markdown}\n\n后文。\n")
    result = run_planmaker("render", notes)
    assert result.returncode == 1
    assert f"{notes}:5: Markdown 中有 planmaker 不支持的写法" in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.stderr
    assert not notes.with_suffix(".docx").exists()


OUTSIDE_THE_DIALECT = [
    ("[链接](https://example.cn)", "link"),
    ("![图片](photo.png)", "image"),
    ("    缩进四格的代码", "缩进四格的代码"),
    ("---", "分隔线"),
]


@pytest.mark.parametrize(
    ("markdown", "what"), OUTSIDE_THE_DIALECT, ids=[u[1] for u in OUTSIDE_THE_DIALECT]
)
def test_links_images_indented_code_and_rules_are_errors(run_planmaker, tmp_path, markdown, what):
    notes = write(tmp_path, "notes.md", f"# 标题\n\n正文。\n\n{markdown}\n\n后文。\n")
    result = run_planmaker("render", notes)
    assert result.returncode == 1
    assert f"{notes}:5: " in result.stderr


def table(columns: int, rows: int) -> str:
    line = "|" + "|".join("格" for _ in range(columns)) + "|\n"
    return line + "|" + "|".join("-" for _ in range(columns)) + "|\n" + line * rows


# Hand-written Markdown is bounded before the work: each of these would otherwise take
# from seconds (the 50,001 lines) to half a minute and 2 GB (the 2 MB table).
TOO_BIG = [
    pytest.param(
        f"# 标题\n\n{table(5000, 3)}",
        3,
        "从这一行开始的表格超过 20 列，已停止读取",
        id="5000-columns",
    ),
    pytest.param(
        "段落。\n\n" * 20_001,
        40_001,
        "Markdown 中的段落、标题、表格单元格等到这一行已超过 20000 个",
        id="20001-paragraphs",
    ),
    pytest.param(
        f"# 标题\n\n{table(20, 1100)}",
        956,
        "Markdown 中的段落、标题、表格单元格等到这一行已超过 20000 个",
        id="22000-cells",
    ),
    pytest.param(
        "# 标题\n" + "\n" * 50_000 + "正文。\n",
        50_001,
        "Markdown 文件超过 50000 行，已停止读取",
        id="50001-lines",
    ),
    pytest.param(
        "# 标题\n\n正文。\n\n" + "![a" * 25_001 + "\n",
        5,
        "Markdown 中可作标记的符号（如 * _ [ ] < > ` & - : 等）到这一行已超过 50000 个",
        id="50002-markup-characters",
    ),
]


@pytest.mark.parametrize(("markdown", "line", "message"), TOO_BIG)
def test_markdown_bigger_than_any_document_is_refused_at_its_line(
    tmp_path, capsys, markdown, line, message
):
    notes = write(tmp_path, "notes.md", markdown)
    assert run(["render", str(notes)]) == 1
    err = capsys.readouterr().err
    assert f"{notes}:{line}: {message}" in err, err
    assert not notes.with_suffix(".docx").exists()


def test_markdown_at_the_limits_renders(tmp_path, capsys):
    """20 columns, 19,000 cells and rows, 40,000 markup characters: all rendered."""
    text = f"# 标题\n\n{table(20, 900)}\n" + "**加粗**" * 10_000 + "\n"
    notes = write(tmp_path, "notes.md", text)
    assert run(["render", str(notes)]) == 0, capsys.readouterr().err
    document = docx.Document(notes.with_suffix(".docx"))
    assert len(document.tables[0].columns) == 20
    assert len(document.tables[0].rows) == 901

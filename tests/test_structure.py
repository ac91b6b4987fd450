"""Real documents keep their own structure: ``sections`` in every kind, ``order``,
``closing``, ``signature: false`` and ``headings`` that cannot be left empty.

Each case is run through the command line (in this process) and the DOCX it writes is
read back with python-docx: the 一、 headings in the order they print, the paragraphs
after them, and what is (or is not) at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docxbody import body, headings

NUMERALS = "一二三四五六七八九十"

# A union group's 学年 summary as such groups write it: six 一、 sections of its own
# (text from a real one), then a closing paragraph, and no signature.
SIX_SECTIONS = """\
kind: summary
org: 运河实验小学
department: 工会
period: {school_year: 2025-2026}
overview: 一年来，我校工会在上级工会的正确领导下，在学校行政的大力支持下，深入学习理论，坚持以法治会，加强自身建设，充分发挥职能。现将本学年工作总结如下：
sections:
  - title: 坚持社会主义办学方向，加强学校民主建设
    items: [坚持教职工大会制度，提高教职工大会质量。, 协助党政推行校务公开。]
  - title: 突出维护职能，保护和发挥好教职工的积极性
    items: [维护教职工的经济利益。, 重视女工工作，维护女教职工利益。]
  - title: 提高教职工队伍素质，适应教育改革发展的需要
    text: 深入实施“青蓝工程”，进一步健全听课、评课、公开课制度。
  - title: 加强工会建设
    items: [认真学习工运理论，主动争取党支部领导。]
  - title: 存在问题
    items: [思想还不够解放。, 阵地建设抓得不实。]
  - title: 今后努力方向
    items: [发挥好工会职能，积极主动地为学校办实事。]
closing: |
  总之，在全体教职工的共同努力下，学校工会会越办越好。
signature: false
"""


def write(folder: Path, text: str, name: str = "doc.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def render(run_planmaker, path: Path) -> Path:
    result = run_planmaker("render", path)
    assert result.returncode == 0, result.stderr
    return path.with_suffix(".docx")


def test_a_summary_of_six_own_sections_numbers_them_in_order_then_its_closing(
    run_planmaker, tmp_path
):
    out = render(run_planmaker, write(tmp_path, SIX_SECTIONS))
    paragraphs = body(out)

    titles = [
        "坚持社会主义办学方向，加强学校民主建设",
        "突出维护职能，保护和发挥好教职工的积极性",
        "提高教职工队伍素质，适应教育改革发展的需要",
        "加强工会建设",
        "存在问题",
        "今后努力方向",
    ]
    assert headings(out) == [f"{NUMERALS[i]}、{t}" for i, t in enumerate(titles)]
    # no extra level: nothing is numbered （一） and no invented heading wraps them
    assert [s for s, _ in paragraphs if s.startswith("PlanHeading")] == ["PlanHeading1"] * 6
    first = paragraphs.index(("PlanHeading1", "一、" + titles[0]))
    assert paragraphs[first + 1 : first + 3] == [
        ("Normal", "1.坚持教职工大会制度，提高教职工大会质量。"),
        ("Normal", "2.协助党政推行校务公开。"),
    ]
    # the closing: the last paragraph, after the sixth section's items, with no number
    assert paragraphs[-2:] == [
        ("Normal", "1.发挥好工会职能，积极主动地为学校办实事。"),
        ("Normal", "总之，在全体教职工的共同努力下，学校工会会越办越好。"),
    ]
    # signature: false — no 署名 and no 成文日期
    assert not [p for p in paragraphs if p[0] in ("PlanSignature", "PlanDate")]
    assert not any("年" in t and "月" in t and "日" in t for _, t in paragraphs[-3:])


PLAN = """\
org: 芦集中学
department: 工会
period: {year: 2026}
guiding: 以习近平新时代中国特色社会主义思想为指导。
goals: [建设职工之家。]
measures:
  - title: 加强组织建设
    items: [健全工会组织。]
sections:
  - title: 安全工作
    items: [每周一次安全隐患排查。]
  - title: 女工工作
    items: [组织女教职工体检。]
schedule:
  entries:
    - {month: 3, tasks: 庆祝三八妇女节}
signature: {date: 2026-01-05}
"""


def test_without_order_each_kind_keeps_its_standard_order(run_planmaker, tmp_path):
    out = render(run_planmaker, write(tmp_path, PLAN))
    assert headings(out) == [
        "一、指导思想",
        "二、工作目标",
        "三、主要工作及措施",
        "四、安全工作",  # extra sections come before a plan's schedule
        "五、女工工作",
        "六、具体安排",
    ]


def test_order_by_key_by_chinese_name_and_by_title(run_planmaker, tmp_path):
    text = PLAN + "order: [goals, 女工工作, 主要工作, schedule, 安全工作, 指导思想]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out) == [
        "一、工作目标",
        "二、女工工作",
        "三、主要工作及措施",
        "四、具体安排",
        "五、安全工作",
        "六、指导思想",
    ]
    paragraphs = body(out)
    after = paragraphs.index(("PlanHeading1", "五、安全工作"))
    assert paragraphs[after + 1] == ("Normal", "1.每周一次安全隐患排查。")


def test_order_by_a_heading_as_renamed(run_planmaker, tmp_path):
    text = PLAN.replace(
        "goals: [建设职工之家。]", "goals: [建设职工之家。]\nheadings: {measures: 主要工作及要求}"
    )
    text += "顺序: [主要工作及要求, 安全工作, 女工工作, goals, guiding, schedule]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out)[:4] == [
        "一、主要工作及要求",
        "二、安全工作",
        "三、女工工作",
        "四、工作目标",
    ]


def test_a_heading_as_printed_wins_over_another_sections_chinese_name(run_planmaker, tmp_path):
    # 工作措施 is also a Chinese name of measures; renamed so, it is the safeguards' heading
    text = PLAN + "safeguards: [健全制度。]\nheadings: {safeguards: 工作措施}\n"
    text += "order: [guiding, goals, 主要工作, 工作措施, 安全工作, 女工工作, schedule]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out)[2:4] == ["三、主要工作及措施", "四、工作措施"]


SUMMARY = """\
kind: summary
org: 芦集中学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
overview: 本学期教务处工作总结如下。
achievements:
  - title: 抓好教学常规
    items: [开展教案、作业检查。]
sections:
  - title: 教学质量监测
    items: [组织期中、期末测试。]
problems: [听课活动未能按计划开展。]
next_steps: [加强综合课程听课。]
schedule:
  entries:
    - {week: 1, tasks: 组织报名领书, status: done}
    - {week: 12, tasks: 综合课程听课活动, status: partial}
signature: {date: 2026-07-10}
"""


def test_a_summary_takes_sections_after_its_achievements(run_planmaker, tmp_path):
    out = render(run_planmaker, write(tmp_path, SUMMARY))
    assert headings(out) == [
        "一、主要工作及成效",
        "二、教学质量监测",
        "三、计划完成情况",
        "四、存在的问题",
        "五、下一步工作打算",
    ]


def test_a_summary_in_its_own_order(run_planmaker, tmp_path):
    text = SUMMARY + "order: [教学质量监测, achievements, 存在问题, next_steps, 计划完成情况]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out) == [
        "一、教学质量监测",
        "二、主要工作及成效",
        "三、存在的问题",
        "四、下一步工作打算",
        "五、计划完成情况",
    ]
    paragraphs = body(out)
    assert paragraphs[-2][0] == "PlanSignature"  # the signature stays last


REPORT = """\
kind: report
org: 芦集中学
period: {year: 2026}
overview: 2026年，芦集中学各部门工作总结如下。
departments:
  - name: 教务处
    achievements: [开展教案、作业检查。]
    completion: {planned: 4, done: 3, partial: 1, cancelled: 0, pending: 0}
  - name: 工会
    achievements: [建设职工之家。]
    completion: {planned: 2, done: 2, partial: 0, cancelled: 0, pending: 0}
sections:
  - title: 党建工作
    items: [落实“三会一课”制度。]
problems: [综合课程听课不足。]
next_steps: [加强教研。]
closing: 新的一年，我们将继续努力。
signature: {date: 2026-12-31}
"""


def test_a_report_takes_sections_order_and_closing(run_planmaker, tmp_path):
    out = render(run_planmaker, write(tmp_path, REPORT))
    assert headings(out) == [
        "一、教务处",
        "二、工会",
        "三、党建工作",  # after the departments
        "四、计划完成情况",
        "五、存在的问题",
        "六、下一年度工作思路",
    ]
    ordered = REPORT + "order: [党建工作, departments, problems, next_steps, completion]\n"
    out = render(run_planmaker, write(tmp_path, ordered, "ordered.yaml"))
    assert headings(out) == [
        "一、党建工作",
        "二、教务处",
        "三、工会",
        "四、存在的问题",
        "五、下一年度工作思路",
        "六、计划完成情况",
    ]
    paragraphs = body(out)
    signature = [i for i, (s, _) in enumerate(paragraphs) if s == "PlanSignature"][0]
    assert paragraphs[signature - 1] == ("Normal", "新的一年，我们将继续努力。")


def line_of(path: Path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


def test_a_section_with_content_left_out_of_order_is_an_error_naming_it(run_planmaker, tmp_path):
    path = write(tmp_path, PLAN + "order: [goals, measures, schedule, 安全工作]\n")
    result = run_planmaker("check", path)
    assert result.returncode == 1
    where = f"{path}:{line_of(path, 'order:')}:"
    lines = [line for line in result.stderr.splitlines() if line.startswith(where)]
    assert any("“女工工作”有内容" in line and "顺序(order)" in line for line in lines)
    assert any("指导思想（guiding）" in line for line in lines)
    assert len(lines) == 2
    assert not path.with_suffix(".docx").exists()
    assert run_planmaker("render", path).returncode == 1
    assert not path.with_suffix(".docx").exists()


def test_an_empty_section_may_be_left_out_of_order(run_planmaker, tmp_path):
    text = PLAN.replace("guiding: 以习近平新时代中国特色社会主义思想为指导。\n", "")
    text += "order: [goals, measures, 安全工作, 女工工作, schedule]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out)[0] == "一、工作目标"


def test_a_name_in_order_that_matches_nothing_is_an_error_at_its_line(run_planmaker, tmp_path):
    text = (
        PLAN
        + "order:\n  - guiding\n  - goals\n  - 主要工作\n  - 安全工作\n  - 女工\n  - schedule\n"
    )
    path = write(tmp_path, text)
    result = run_planmaker("check", path)
    assert result.returncode == 1
    where = f"{path}:{line_of(path, '  - 女工')}:5:"
    [line] = [line for line in result.stderr.splitlines() if "对不上" in line]
    assert line.startswith(where)
    assert "“女工”" in line and "“女工工作”" in line and "guiding（指导思想）" in line


def test_a_section_named_twice_in_order_is_an_error(run_planmaker, tmp_path):
    text = PLAN + "order: [guiding, goals, measures, 安全工作, 女工工作, schedule, goals]\n"
    result = run_planmaker("check", write(tmp_path, text))
    assert result.returncode == 1
    assert "“goals”在 顺序(order) 中出现了不止一次" in result.stderr


@pytest.mark.parametrize("written", ['measures: ""', "measures:", "主要工作: ''"])
def test_an_empty_heading_is_an_error_at_its_line(run_planmaker, tmp_path, written):
    text = PLAN.replace(
        "goals: [建设职工之家。]", f"goals: [建设职工之家。]\nheadings:\n  {written}"
    )
    path = write(tmp_path, text)
    result = run_planmaker("check", path)
    assert result.returncode == 1
    assert f"{path}:{line_of(path, '  ' + written)}:" in result.stderr
    assert "标题是空的" in result.stderr
    assert run_planmaker("render", path).returncode == 1
    assert not path.with_suffix(".docx").exists()


@pytest.mark.parametrize("written", ["signature: false", "落款: 否"])
def test_signature_false_prints_no_name_and_no_date(run_planmaker, tmp_path, written):
    text = PLAN.replace("signature: {date: 2026-01-05}", written)
    out = render(run_planmaker, write(tmp_path, text))
    paragraphs = body(out)
    assert not [p for p in paragraphs if p[0] in ("PlanSignature", "PlanDate")]
    assert "工会" not in [t for _, t in paragraphs[-2:]]
    result = run_planmaker("render", write(tmp_path, PLAN, "signed.yaml"))
    assert result.returncode == 0
    signed = body(tmp_path / "signed.docx")
    assert [s for s, _ in signed[-2:]] == ["PlanSignature", "PlanDate"]


def test_a_signature_that_is_neither_a_setting_nor_false_is_an_error(run_planmaker, tmp_path):
    path = write(tmp_path, PLAN.replace("signature: {date: 2026-01-05}", "signature: 王老师"))
    result = run_planmaker("check", path)
    assert result.returncode == 1
    assert f"{path}:{line_of(path, 'signature:')}:12:" in result.stderr
    assert "不要落款写 false" in result.stderr


def test_a_plan_closing_comes_after_the_schedule_and_before_the_attachments(
    run_planmaker, tmp_path
):
    text = PLAN + "attachments: [工会活动安排表]\nclosing: |\n  让我们团结一心。\n\n  共创佳绩。\n"
    out = render(run_planmaker, write(tmp_path, text))
    paragraphs = body(out)
    texts = [t for _, t in paragraphs]
    at = texts.index("让我们团结一心。")
    assert texts[at : at + 3] == ["让我们团结一心。", "共创佳绩。", "附件：工会活动安排表"]
    assert paragraphs[at][0] == paragraphs[at + 1][0] == "Normal"  # no heading, no number
    assert paragraphs[at - 1] == ("PlanTable", "庆祝三八妇女节")  # the schedule's last cell
    assert texts.index("六、具体安排") < at


def test_a_units_template_still_overrides_a_block_when_order_moves_it(run_planmaker, tmp_path):
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(
        '{% extends "builtin/plan.md.j2" %}\n'
        "{% block goals %}\n{{ super() }}\n## 联系人\n\n{{ extra.联系人 }}\n\n{% endblock %}\n",
        encoding="utf-8",
    )
    text = PLAN + "templates: 模板\nextra: {联系人: 王老师}\n"
    text += "order: [measures, goals, guiding, 安全工作, 女工工作, schedule]\n"
    out = render(run_planmaker, write(tmp_path, text))
    assert headings(out)[:4] == ["一、主要工作及措施", "二、工作目标", "三、联系人", "四、指导思想"]


def test_the_examples_keep_their_own_structure(run_planmaker, tmp_path):
    from conftest import EXAMPLES

    out = tmp_path / "学年.docx"
    result = run_planmaker("render", EXAMPLES / "union-school-year-summary.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert [h[:2] for h in headings(out)] == [f"{n}、" for n in "一二三四五六"]
    assert headings(out)[4:] == ["五、计划完成情况", "六、存在问题"]
    paragraphs = body(out)
    assert paragraphs[-1][1].startswith("一年来，学校工会在学校党支部")
    assert paragraphs[-1][1].endswith("学校工会会越办越好。")
    assert not [p for p in paragraphs if p[0] in ("PlanSignature", "PlanDate")]

    out = tmp_path / "顺序.docx"
    result = run_planmaker("render", EXAMPLES / "township-union-plan-order.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert headings(out) == [
        "一、指导思想",
        "二、主要工作",
        "三、工作措施",
        "四、逐月安排",
        "五、目标任务",
    ]


def test_the_editors_schema_takes_the_new_keys_in_english_and_chinese(run_planmaker, tmp_path):
    import json

    import jsonschema
    from test_schema import load_yaml12

    out = tmp_path / "planmaker.schema.json"
    assert run_planmaker("schema", "-o", out).returncode == 0
    validator = jsonschema.Draft7Validator(json.loads(out.read_text("utf-8")))

    def errors(text: str) -> list[str]:
        return [e.message for e in validator.iter_errors(load_yaml12(text))]

    assert errors(SIX_SECTIONS) == []
    chinese = (
        "类型: 工作总结\n单位: 运河实验小学\n时段: {学年: 2025-2026}\n"
        "其他部分: [{标题: 加强工会建设, 条目: [学习工运理论。]}]\n"
        "顺序: [加强工会建设, 存在问题]\n存在问题: [思想还不够解放。]\n"
        "结束语: 总之，学校工会会越办越好。\n落款: 否\n"
    )
    assert errors(chinese) == []
    assert errors(chinese.replace("落款: 否", "落款: 王老师"))
    assert errors(chinese.replace("顺序: [加强工会建设, 存在问题]", "顺序: {a: 1}"))

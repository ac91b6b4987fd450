"""The recogniser: a document's blocks → the YAML planmaker reads, as a clerk would fill it in.

Each test builds a Source (from a text fixture made from the seed documents, or with
the hints a Word file carries: a centred large title, bold headings, a week table, a
right-aligned 落款) and checks the YAML that comes back: what ``check`` reads from it
(org, kind, period, signature, schedule, sections and their order) and the comments a
clerk reads in it.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from importsource import fixture_lines, text_source

from planmaker.errors import PlanError
from planmaker.importer.blocks import Paragraph, Source, Table, text_blocks
from planmaker.importer.recognise import Given, Imported, import_source
from planmaker.loader import load_yaml
from planmaker.model import Document
from planmaker.validate import validate

START = Given(start=date(2026, 3, 2))


def read(imported: Imported) -> Document:
    return validate(load_yaml(imported.yaml_text, "导入.yaml"))


def raw(imported: Imported) -> dict:
    return yaml.safe_load(imported.yaml_text)


def weeks(doc: Document) -> list[tuple[list[tuple[int, int]], list[str]]]:
    assert doc.schedule is not None
    return [(e.week, e.tasks) for e in doc.schedule.entries]


# --- the seed documents as typed text --------------------------------------------------


def test_a_term_plan_without_week_dates_needs_its_start():
    with pytest.raises(PlanError) as caught:
        import_source(text_source("000-jiaowu-term-plan.txt"), Given())
    assert caught.value.code == "import.missing"
    assert caught.value.params == {"missing": "开学日期", "options": "--start 2026-03-02"}
    assert caught.value.where.file == "000-jiaowu-term-plan.txt"


def test_the_jiaowu_term_plan_reads_back_as_the_clerk_wrote_it():
    imported = import_source(text_source("000-jiaowu-term-plan.txt"), START)
    doc = read(imported)
    assert (doc.kind, doc.org, doc.department) == ("plan", "定边镇希望小学", "教务处")
    p = doc.period
    assert (p.school_year, p.semester, p.start, p.weeks) == ((2025, 2026), 2, date(2026, 3, 2), 20)
    assert doc.signature is not None
    assert (doc.signature.name, doc.signature.date) == ("教务处", date(2026, 2, 21))
    assert imported.signature == "教务处 2026年2月21日"
    # the 第N周 lines typed after the 落款, several to a line, are the schedule
    assert doc.schedule is not None and doc.schedule.layout == "list"
    found = weeks(doc)
    assert [w for w, _ in found] == [[(n, n)] for n in (*range(1, 15), 17, 18, 19, 20)]
    assert found[0][1] == ["组织报名领书，制定各部门工作计划，排定课程表、时间表"]
    assert found[-1][1] == ["组织期末测试，安排放假工作"]
    assert imported.entries == 18
    # 一、工作目标： → goals; 二、主要工作及要求 → measures with its own words kept
    assert [g.text for g in doc.goals][0] == ["依法治教，规范办学行为。"]
    assert [m.title for m in doc.measures] == [
        "依法执教，教师职业操守的基本准则。",
        "实中求变，常规工作永恒的话题。",
        "多管齐下，教师专业发展的必经之路。",
    ]
    assert doc.headings == {"measures": "主要工作及要求", "schedule": "教务处工作计划安排"}
    assert doc.order == [] and doc.sections == []
    assert doc.preamble[0].startswith("本学期是“十二五”的开关之年")
    assert imported.sections == 3 and imported.plain == ()


def test_a_site_s_heading_above_the_title_is_kept_as_its_first_line_with_a_comment():
    imported = import_source(text_source("000-jiaowu-term-plan.txt"), START)
    assert raw(imported)["title"] == [
        "第一篇：定边镇希望小学教务处工作计划",
        "定边镇希望小学",
        "2025—2026学年第二学期教务处",
        "工 作 计 划",
    ]
    assert "像是从网站转载时带上的" in imported.yaml_text
    assert imported.title == (  # one line, read without the spaces
        "第一篇：定边镇希望小学教务处工作计划定边镇希望小学2025—2026学年第二学期教务处工作计划"
    )
    # without that line the title is what planmaker composes, so no title is written
    lines = fixture_lines("000-jiaowu-term-plan.txt")[1:]
    plain = import_source(Source("计划.txt", text_blocks(lines)), START)
    assert "title" not in raw(plain)
    assert plain.title == "定边镇希望小学2025—2026学年第二学期教务处工作计划"


def test_the_yaml_starts_with_the_modeline_and_speaks_chinese():
    imported = import_source(text_source("000-jiaowu-term-plan.txt"), START)
    lines = imported.yaml_text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./planmaker.schema.json"
    assert "由 planmaker import 生成" in lines[1]
    assert "# 工作目标：每条以“- ”开头" in imported.yaml_text


def test_a_year_plan_without_org_or_year_names_both_unless_given():
    with pytest.raises(PlanError) as caught:
        import_source(text_source("002-union-year-plan.txt"), Given())
    assert caught.value.code == "import.missing"
    assert caught.value.params["missing"] == "单位名称、年度或学期"
    imported = import_source(
        text_source("002-union-year-plan.txt"), Given(org="定边镇希望小学", year=2026)
    )
    doc = read(imported)
    assert (doc.org, doc.period.year, doc.kind) == ("定边镇希望小学", 2026, "plan")
    assert doc.signature is None  # no 落款 in the original
    assert raw(imported)["signature"] is False
    assert doc.schedule is not None
    months = [(e.month, e.tasks) for e in doc.schedule.entries]
    assert [m for m, _ in months] == [[(n, n)] for n in (2, 3, 4, 5, 6, 9, 10, 11, 12)]
    assert months[2][1] == ["读一本教育教学专著", "组织学科教学基本功竞赛"]
    assert months[5][1] == ["开展“社会尊师重教,教师回报社会”主题教育", "召开离退休教职工座谈会"]
    # 二、思路、理念。 is a section of its own, and the original order is kept
    assert [s.title for s in doc.sections] == ["思路、理念。"]
    assert doc.order == ["guiding", "思路、理念。", "measures", "schedule"]
    assert doc.headings["guiding"] == "指导思想。"
    # the debris date after the schedule is not a task: it closes the document
    assert doc.closing == ["20xx年xx月xx日。"]


def test_a_plan_dated_in_december_is_for_the_next_year_and_keeps_its_hanzi_date():
    imported = import_source(text_source("004-county-union-plan.txt"), Given())
    doc = read(imported)
    assert doc.org == "定边县总工会"  # from the 署名: the title has no period to split it at
    assert doc.period.year == 2026
    assert doc.signature is not None and doc.signature.date == date(2025, 12, 30)
    assert doc.date_style == "hanzi"
    assert raw(imported)["title"] == ["定边县总工会工作计划"]
    assert [s.title for s in doc.sections][:2] == [
        "着力激发职工智慧和力量，为推进我县经济发展再立新功",
        "着力发展和谐稳定劳动关系，推进和谐建设",
    ]
    assert len(doc.sections) == 6 and imported.sections == 6
    # 一是…… paragraphs are the section's text, in order
    first = doc.sections[0]
    assert first.text[0] == "把握中心、服务大局，进一步创新活动载体，促进县域经济平稳较快发展。"
    assert first.text[1].startswith("一是广泛开展职工建功立业活动")


# --- hints a Word file carries ---------------------------------------------------------


def _week_table_plan(
    *rows: tuple[str, ...], header=("周次", "日期", "工作内容", "负责人")
) -> Source:
    blocks = [
        Paragraph("定边镇希望小学", 1, align="center", size=22),
        Paragraph("2025—2026学年第二学期教务处工作计划", 2, align="center", size=22),
        Paragraph("本学期，我们将继续以教研工作为抓手，努力提高学校教学质量。", 3),
        Paragraph("一、工作目标", 4, bold=True),
        Paragraph("1.依法治教，规范办学行为。", 5),
        Paragraph("二、具体安排", 6, bold=True),
        Table(
            (
                tuple((h,) for h in header),
                *(tuple(tuple(c.split("|")) if c else () for c in r) for r in rows),
            ),
            7,
        ),
        Paragraph("教务处", 30, align="right"),
        Paragraph("2026年2月21日", 31, align="right"),
    ]
    return Source("计划.docx", tuple(blocks))


def test_a_week_table_with_dates_sets_the_start_and_keeps_owners_and_a_unit_s_own_days():
    source = _week_table_plan(
        ("第1周", "3.2-3.8", "组织报名领书|制定各部门工作计划", "教务处"),
        (
            "第4-5周",
            "3月23日—4月5日|清明节放假（4月4日—6日）",
            "组织听课活动；选拔参赛教师",
            "教研组",
        ),
        ("第8周", "4月20日—4月26日|校运动会（4月22日）", "运动会", ""),
        ("第十至十一周", "5.4-5.17", "组织中期测试", "教务处"),
    )
    imported = import_source(source, Given())
    doc = read(imported)
    assert doc.period.start == date(2026, 3, 2) and doc.period.semester == 2
    assert doc.period.school_year == (2025, 2026)
    assert doc.schedule is not None and doc.schedule.layout == "table"
    entries = doc.schedule.entries
    assert [e.week for e in entries] == [[(1, 1)], [(4, 5)], [(8, 8)], [(10, 11)]]
    assert entries[0].tasks == ["组织报名领书", "制定各部门工作计划"]
    assert entries[1].tasks == ["组织听课活动", "选拔参赛教师"]
    assert [e.owner for e in entries] == ["教务处", "教研组", None, "教务处"]
    # 清明节 is planmaker's own (printed again); the sports day is the school's
    assert [(d.date, d.name, d.off) for d in doc.holidays] == [
        (date(2026, 4, 22), "校运动会", False)
    ]
    assert "title" not in raw(imported)  # the composed title, broken after the org
    assert doc.signature is not None and doc.signature.name == "教务处"
    assert imported.warnings == ()


def test_a_row_whose_dates_disagree_with_its_week_keeps_the_week_and_warns():
    source = _week_table_plan(
        ("第1周", "3.2-3.8", "组织报名领书", "教务处"),
        ("第3周", "3.30-4.5", "机动", ""),
    )
    imported = import_source(source, Given())
    assert [e.week for e in read(imported).schedule.entries] == [[(1, 1)], [(3, 3)]]
    (warning,) = imported.warnings
    assert warning.code == "import.week_dates" and warning.severity == "warning"
    assert warning.params == {"week": "第三周", "dates": "3月30日—4月5日"}
    assert warning.where.line == 9


def test_a_summary_s_status_column_and_its_own_completion_table():
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作总结", 1, align="center", size=22),
        Paragraph("本学期教务处各项工作顺利完成。", 2),
        Paragraph("一、主要工作及成效", 3),
        Paragraph("（一）常规管理扎实有效。", 4),
        Paragraph("二、计划完成情况", 5),
        Paragraph(
            "本学期计划安排工作2项，已完成1项，部分完成1项，取消0项，未完成0项，完成率为50.0%。", 6
        ),
        Table(((("计划",), ("已完成",), ("完成率",)), (("2",), ("1",), ("50.0%",))), 7),
        Paragraph("部分完成：第二周 审议计划。", 9),
        Paragraph("三、存在的问题", 10),
        Paragraph("1.教研活动形式单一。", 11),
        Paragraph("四、周次安排", 12),
        Table(
            (
                (("周次",), ("日期",), ("工作内容",), ("完成情况",)),
                (("第一周",), ("3月2日—3月8日",), ("组织报名",), ("已完成",)),
                (("第二周",), ("3月9日—3月15日",), ("审议计划",), ("部分完成",)),
            ),
            13,
        ),
        Paragraph("教务处", 20, align="right"),
        Paragraph("2026年7月10日", 21, align="right"),
    )
    imported = import_source(Source("总结.docx", blocks), Given())
    doc = read(imported)
    assert doc.kind == "summary"
    assert [(e.week, e.status) for e in doc.schedule.entries] == [
        ([(1, 1)], "done"),
        ([(2, 2)], "partial"),
    ]
    assert [a.title for a in doc.achievements] == ["常规管理扎实有效。"]
    assert [p.text for p in doc.problems] == [["教研活动形式单一。"]]
    assert doc.overview == ["本学期教务处各项工作顺利完成。"]
    # planmaker's own 计划完成情况 (sentence, table, unfinished lines) is recomputed, not copied
    assert "本学期计划安排工作2项" not in imported.yaml_text
    assert "部分完成：第二周" not in imported.yaml_text
    assert "重新统计" in imported.yaml_text
    assert imported.plain == ()


# --- what has no slot of its own ---------------------------------------------------------


def test_a_fifth_level_stays_body_text_with_its_label():
    lines = [
        "定边镇希望小学2026年工会工作计划",
        "一、主要工作",
        "（一）加强组织建设。",
        "1.健全制度。",
        "（1）完善教代会制度。",
        "①每学期召开一次教代会。",
        "②提案当场答复。",
        "附件：1.教代会制度",
        "2.提案表",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), Given())
    doc = read(imported)
    (node,) = doc.measures
    deepest = node.items[0].items[0]
    assert deepest.title == "完善教代会制度。"
    assert deepest.text == ["①每学期召开一次教代会。", "②提案当场答复。"]
    assert doc.attachments == ["教代会制度", "提案表"]


def test_text_in_a_schedule_that_is_no_entry_goes_to_the_section_before_with_a_comment():
    lines = [
        "定边镇希望小学2026年工会工作计划",
        "一、工作目标",
        "1.建设职工之家。",
        "二、工作安排",
        "三月份：召开教代会",
        "各项活动视情况调整。",
        "四月份：春季运动会",
        "总之，我们将努力做好工会工作。",
        "定边镇希望小学工会",
        "2026年2月20日",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), Given())
    doc = read(imported)
    assert [(e.month, e.tasks) for e in doc.schedule.entries] == [
        ([(3, 3)], ["召开教代会", "各项活动视情况调整"]),
        ([(4, 4)], ["春季运动会"]),
    ]
    assert doc.closing == ["总之，我们将努力做好工会工作。"]
    assert doc.signature is not None and doc.signature.name == "定边镇希望小学工会"


def test_a_stray_paragraph_before_the_schedule_is_placed_and_listed():
    lines = [
        "定边镇希望小学2026年工会工作计划",
        "一、工作目标",
        "1.建设职工之家。",
        "二、具体安排",
        "具体安排如下，请各组遵照执行。",
        "三月份：召开教代会",
        "四月份：春季运动会",
        "2026年2月20日",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), Given())
    doc = read(imported)
    # after what was written last in the section before, so the words keep their order
    assert [g.text for g in doc.goals] == [["建设职工之家。", "具体安排如下，请各组遵照执行。"]]
    assert imported.plain == ("第5行：具体安排如下，请各组遵照执行。",)
    assert (
        "第5行起的1段（“具体安排如下，请各组遵照……”）在具体安排中，但不是安排的条目"
        in imported.yaml_text
    )
    assert doc.org == "定边镇希望小学" and doc.signature.name is None


def test_a_table_that_is_no_schedule_becomes_its_section_s_text_with_a_comment():
    blocks = (
        Paragraph("定边镇希望小学2026年工会工作计划", 1, align="center"),
        Paragraph("一、组织机构", 2, bold=True),
        Table(((("组长",), ("王校长",)), (("副组长",), ("李主席",), ("张主任",))), 3),
        Paragraph("2026年2月20日", 6, align="right"),
    )
    imported = import_source(Source("计划.docx", blocks), Given())
    doc = read(imported)
    assert [(s.title, s.text) for s in doc.sections] == [
        ("组织机构", ["组长，王校长", "副组长，李主席，张主任"])
    ]
    assert "第3行的表格不是周次安排，已按行写成正文" in imported.yaml_text
    assert imported.plain == (
        "第3行（表格）：组长，王校长",
        "第3行（表格）：副组长，李主席，张主任",
    )


def test_given_values_fill_only_what_the_document_lacks():
    lines = ["2026年工会工作计划", "一、工作目标", "1.建设职工之家。"]
    with pytest.raises(PlanError) as caught:
        import_source(Source("计划.txt", text_blocks(lines)), Given())
    assert caught.value.params["missing"] == "单位名称"
    imported = import_source(
        Source("计划.txt", text_blocks(lines)),
        Given(org="定边镇希望小学", year=2030, kind="summary"),
    )
    doc = read(imported)
    assert (doc.org, doc.period.year, doc.kind) == ("定边镇希望小学", 2026, "summary")


def test_a_list_typed_with_the_sections_own_labels_stays_text_of_its_section():
    lines = [
        "定边镇工会2025年工作总结",
        "一、抓规范，加强工会组织建设",
        "镇工会注重加强基层工会组织的组建。",
        "二、抓活动载体，增强工会活力",
        "2026年重点抓好以下工作：",
        "一、积极争取党政支持，加强工会阵地建设。",
        "二、抓好职工代表培训，提高职工代表素质。",
        "三、举办下岗职工技能培训班。",
    ]
    doc = read(import_source(Source("总结.txt", text_blocks(lines)), Given()))
    assert (doc.kind, doc.org, doc.period.year) == ("summary", "定边镇工会", 2025)
    assert [s.title for s in doc.sections] == [
        "抓规范，加强工会组织建设",
        "抓活动载体，增强工会活力",
    ]
    assert doc.sections[1].text == [
        "2026年重点抓好以下工作：",
        "一、积极争取党政支持，加强工会阵地建设。",
        "二、抓好职工代表培训，提高职工代表素质。",
        "三、举办下岗职工技能培训班。",
    ]


def test_without_any_yi_heading_the_short_second_level_headings_are_the_sections():
    lines = [
        "定边镇工会2026年工作计划",
        "2026年，镇工会将继续全面贯彻落实上级工会的部署。",
        "（一）紧紧围绕中心工作，团结动员广大职工建功立业。",
        "一是要深入开展劳动竞赛。",
        "（二）切实维护职工合法权益。",
        "一是要不断推进职工民主管理工作。",
    ]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    assert [(s.title, s.text) for s in doc.sections] == [
        ("紧紧围绕中心工作，团结动员广大职工建功立业。", ["一是要深入开展劳动竞赛。"]),
        ("切实维护职工合法权益。", ["一是要不断推进职工民主管理工作。"]),
    ]
    assert doc.preamble == ["2026年，镇工会将继续全面贯彻落实上级工会的部署。"]


def test_word_hints_a_body_in_sanhao_a_caption_row_and_a_two_line_signature():
    """A body set in 三号 (16 pt) is no title; a caption row above a week table's header is
    kept as text; a 署名 of two right-aligned lines is one name."""
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作计划", 1, align="center", size=22),
        Paragraph("本学期工作要点", 2, size=16),
        Paragraph("一、具体安排", 3, size=16),
        Table(
            (
                (("教务处周次安排表",),),
                (("周次",), ("日期",), ("工作内容",)),
                (("第一周",), ("3月2日—3月8日",), ("组织报名",)),
            ),
            4,
        ),
        Paragraph("定边镇希望小学", 8, align="right", size=16),
        Paragraph("教务处", 9, align="right", size=16),
        Paragraph("2026年2月21日", 10, align="right", size=16),
    )
    imported = import_source(Source("计划.docx", blocks), Given())
    doc = read(imported)
    # no section before the schedule: the caption is placed in the preamble
    assert doc.preamble == ["本学期工作要点", "教务处周次安排表"]
    assert "title" not in raw(imported)
    assert doc.signature is not None and doc.signature.name == "定边镇希望小学教务处"
    assert [(e.week, e.tasks) for e in doc.schedule.entries] == [([(1, 1)], ["组织报名"])]
    assert imported.plain == ("第4行：教务处周次安排表",)


def test_what_a_docx_cannot_hold_is_dropped_and_a_left_placeholder_named():
    lines = [
        "定边镇工会2026年工作计划",
        "一、工作目标",
        "1.建设\x01职工之家。",
        "2.（请填写工作目标二。）",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), Given())
    assert [(w.code, w.where.line, w.params) for w in imported.warnings] == [
        ("import.bad_chars", 3, {"chars": "U+0001"}),
        ("import.placeholder", None, {"text": "（请填写工作目标二。）"}),
    ]
    assert [g.text for g in read(imported).goals] == [
        ["建设职工之家。"],
        ["（请填写工作目标二。）"],
    ]


def test_a_schedule_that_does_not_fit_the_period_is_kept_as_text():
    months_in_a_term = [
        "定边镇希望小学2025—2026学年第二学期教务处工作计划",
        "一、工作安排",
        "三月份：组织报名",
        "四月份：期中考试",
    ]
    imported = import_source(Source("计划.txt", text_blocks(months_in_a_term)), Given())
    doc = read(imported)
    assert doc.schedule is None and imported.entries == 0
    assert [(s.title, s.text) for s in doc.sections] == [
        ("工作安排", ["三月份：组织报名", "四月份：期中考试"])
    ]
    assert (doc.period.semester, doc.period.start) == (2, None)
    assert "与时段不符，已按原文写成正文" in imported.yaml_text
    beyond = [
        "定边镇希望小学2025—2026学年第二学期教务处工作计划",
        "一、工作目标",
        "1.规范办学。",
        "二、具体安排",
        "第一周（3月2日—3月8日）：组织报名",
        "第四十周：整理档案",
    ]
    imported = import_source(Source("计划.txt", text_blocks(beyond)), Given())
    doc = read(imported)
    assert [e.week for e in doc.schedule.entries] == [[(1, 1)]]
    assert imported.plain == ("第6行：第四十周：整理档案",)
    assert doc.goals[0].text == ["规范办学。", "第四十周：整理档案"]


@pytest.mark.parametrize(
    ("first", "signed", "period"),
    [
        ("3.2-3.8", "2026年2月21日", ((2025, 2026), 2, date(2026, 3, 2))),
        ("8月31日—9月6日", "2026年8月25日", ((2026, 2027), 1, date(2026, 8, 31))),
        # a plan written in December for the spring term: the dates' year is the one nearest
        ("2.23-3.1", "2025年12月30日", ((2025, 2026), 2, date(2026, 2, 23))),
    ],
)
def test_week_dates_make_the_period_a_term_when_the_title_has_none(first, signed, period):
    blocks = (
        Paragraph("定边镇希望小学教务处工作计划", 1, align="center", size=22),
        Paragraph("一、周次安排", 2),
        Table(((("周次",), ("日期",), ("工作内容",)), (("第一周",), (first,), ("组织报名",))), 3),
        Paragraph("定边镇希望小学教务处", 5, align="right"),
        Paragraph(signed, 6, align="right"),
    )
    doc = read(import_source(Source("计划.docx", blocks), Given()))
    assert (doc.period.school_year, doc.period.semester, doc.period.start) == period
    assert doc.org == "定边镇希望小学" and doc.department == "教务处"


def test_a_school_year_without_a_semester_is_a_school_year_document():
    lines = [
        "定边镇希望小学2025—2026学年工会工作总结",
        "一年来，工会在学校党支部的领导下开展工作。",
        "一、主要工作",
        "（一）加强组织建设。",
        "1.召开教代会。",
        "二、存在的问题",
        "1.活动形式单一。",
        "二〇二六年七月十日",
    ]
    imported = import_source(Source("总结.txt", text_blocks(lines)), Given())
    doc = read(imported)
    assert doc.kind == "summary" and doc.period.school_year == (2025, 2026)
    assert doc.period.semester is None and raw(imported)["period"] == {"school_year": "2025-2026"}
    assert doc.headings == {"achievements": "主要工作"}
    assert [a.title for a in doc.achievements] == ["加强组织建设。"]
    assert doc.signature is not None and doc.signature.name is None
    assert doc.date_style == "hanzi"
    assert "title" not in raw(imported)


def test_a_signature_that_is_only_the_department_is_no_org():
    lines = ["教务处2026年工作计划", "一、工作目标", "1.规范办学。", "教务处", "2026年2月21日"]
    with pytest.raises(PlanError) as caught:
        import_source(Source("计划.txt", text_blocks(lines)), Given())
    assert caught.value.params["missing"] == "单位名称"
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given(org="定边镇希望小学")))
    assert (doc.org, doc.department, doc.signature.name) == ("定边镇希望小学", "教务处", "教务处")


def test_headings_without_labels_take_the_level_the_file_states():
    """A Markdown file's # title, ## sections and ### items, typed without numbers."""
    blocks = (
        Paragraph("定边镇希望小学2026年工会工作计划", 1, level=1),
        Paragraph("指导思想", 2, level=2),
        Paragraph("以教职工为本，服务学校发展。", 3),
        Paragraph("组织建设", 4, level=2),
        Paragraph("健全教代会制度", 5, level=3),
        Paragraph("每学期召开一次教代会。", 6),
        Paragraph("工作安排", 7, level=2),
        Paragraph("三月份：召开教代会", 8),
        Paragraph("四月份：春季运动会", 9),
    )
    imported = import_source(Source("计划.md", blocks), Given())
    doc = read(imported)
    assert doc.guiding == ["以教职工为本，服务学校发展。"]
    assert [(s.title, [(n.title, n.text) for n in s.items]) for s in doc.sections] == [
        ("组织建设", [("健全教代会制度", ["每学期召开一次教代会。"])])
    ]
    assert [e.month for e in doc.schedule.entries] == [[(3, 3)], [(4, 4)]]
    assert doc.headings == {"schedule": "工作安排"}
    assert doc.order == []


def test_a_closing_word_never_empties_the_section_it_ends():
    lines = ["定边镇工会2026年工作计划", "一、加强自身建设", "总之，我们要加强工会自身建设。"]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    assert [(s.title, s.text) for s in doc.sections] == [
        ("加强自身建设", ["总之，我们要加强工会自身建设。"])
    ]
    assert doc.closing == []


def test_a_date_cell_cut_by_line_breaks_is_read_whole():
    source = _week_table_plan(
        ("第1周", "3.2-3.8", "组织报名", "教务处"),
        (
            "第9周",
            "4月27日—|5月3日|劳动节放假|（5月1日—5日）|春季研学放假|（4月27日—28日）",
            "教案检查",
            "",
        ),
    )
    imported = import_source(source, Given())
    doc = read(imported)
    assert [e.week for e in doc.schedule.entries] == [[(1, 1)], [(9, 9)]]
    assert [(d.start, d.end, d.name, d.off) for d in doc.holidays] == [
        (date(2026, 4, 27), date(2026, 4, 28), "春季研学", True)
    ]
    assert imported.warnings == () and imported.plain == ()


def test_a_completion_section_in_the_unit_s_own_words_is_kept_as_text():
    lines = [
        "定边镇工会2025年工作总结",
        "一、主要工作",
        "1.召开教代会。",
        "二、计划完成情况",
        "全年计划的各项活动基本完成。",
        "三、存在的问题",
        "1.活动形式单一。",
    ]
    imported = import_source(Source("总结.txt", text_blocks(lines)), Given())
    doc = read(imported)
    assert [a.text for a in doc.achievements] == [
        ["召开教代会。", "计划完成情况", "全年计划的各项活动基本完成。"]
    ]
    assert imported.plain == ("第4行：计划完成情况", "第5行：全年计划的各项活动基本完成。")
    assert doc.schedule is None


def test_a_school_year_that_cannot_be_one_is_read_from_the_date_and_named():
    lines = fixture_lines("000-jiaowu-term-plan.txt")
    lines[2] = "2025—2025年第二学期教务处"
    imported = import_source(Source("计划.txt", text_blocks(lines)), START)
    doc = read(imported)
    assert doc.period.school_year == (2025, 2026)  # from the first week's date
    (warning,) = imported.warnings
    assert (warning.code, warning.params) == (
        "import.school_year",
        {"written": "2025—2025年", "used": "2025—2026学年"},
    )
    assert raw(imported)["title"][2] == "2025—2025年第二学期教务处"


@pytest.mark.parametrize(
    ("line", "path"),
    [
        ("（一）加强学习", (1,)),
        ("(二) 加强学习", (1,)),
        ("1.加强学习", (0, 1)),
        ("1、加强学习", (0, 1)),
        ("1．加强学习", (0, 1)),
        ("１．加强学习", (0, 1)),
        ("（1）加强学习", (0, 0, 0)),
        ("(2)加强学习", (0, 0, 0)),
        ("①加强学习", (0, 0, 0)),
    ],
)
def test_the_labels_offices_type_give_the_levels_of_a_tree(line, path):
    lines = [
        "定边镇工会2026年工作计划",
        "一、主要工作",
        "（一）组织建设",
        "1.健全制度",
        line,
        "正文。",
    ]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    nodes = doc.measures
    for i in path[:-1]:
        nodes = nodes[i].items
    node = nodes[path[-1]]
    assert (node.title, node.text) == ("加强学习", ["正文。"])


@pytest.mark.parametrize(
    ("line", "guiding", "section"),
    [("一、指导思想", ["正文。"], None), ("十二．工作措施", [], "工作措施")],
)
def test_a_first_level_label_starts_a_section(line, guiding, section):
    doc = read(
        import_source(
            Source("计划.txt", text_blocks(["定边镇工会2026年工作计划", line, "正文。"])), Given()
        )
    )
    assert doc.guiding == guiding
    assert [s.title for s in doc.sections] == ([section] if section else [])


@pytest.mark.parametrize(
    "text",
    ["一是加强学习。", "2026年将继续加强学习。", "1.5倍的课时，不再增加。", "2025.10月起执行。"],
)
def test_what_only_looks_like_a_label_is_body_text(text):
    lines = ["定边镇工会2026年工作计划", "一、加强学习", "学习文件。", text]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    (section,) = doc.sections
    assert section.text[-1] == text


def test_a_table_dated_by_time_alone_takes_its_weeks_from_the_start():
    source = _week_table_plan(
        ("3月2日—3月8日", "组织报名", "教务处"),
        ("3月16日—3月29日", "听课活动", "教研组"),
        ("第5周（清明）", "清明祭扫", "德育处"),
        header=("时间", "工作内容", "负责人"),
    )
    with pytest.raises(PlanError) as caught:
        import_source(source, Given())
    assert caught.value.params["missing"] == "开学日期"
    doc = read(import_source(source, START))
    assert [(e.week, e.tasks, e.note) for e in doc.schedule.entries] == [
        ([(1, 1)], ["组织报名"], None),
        ([(3, 4)], ["听课活动"], None),
        ([(5, 5)], ["清明祭扫"], "清明"),
    ]


def test_a_schedule_left_with_no_entry_is_its_section_s_text_heading_and_all():
    lines = [
        "定边镇希望小学2025—2026学年第二学期教务处工作计划",
        "一、具体安排",
        "第三十一周：整理档案",
        "第三十二周：总结",
        "教务处",
        "2026年2月21日",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), START)
    doc = read(imported)
    assert doc.schedule is None
    assert [(s.title, s.text) for s in doc.sections] == [
        ("具体安排", ["第三十一周：整理档案", "第三十二周：总结"])
    ]


def test_a_schedule_column_planmaker_has_no_place_for_goes_to_the_note():
    source = _week_table_plan(
        ("1", "第1周", "组织报名", "全体教师"),
        ("2", "第2周", "审议计划", ""),
        header=("序号", "周次", "工作内容", "参加人员"),
    )
    doc = read(import_source(source, START))
    assert [(e.week, e.tasks, e.note) for e in doc.schedule.entries] == [
        ([(1, 1)], ["组织报名"], "全体教师"),
        ([(2, 2)], ["审议计划"], None),
    ]


def test_a_schedule_read_as_text_after_all_keeps_each_line_once():
    lines = [
        "定边镇希望小学2025—2026学年第二学期教务处工作计划",
        "一、工作目标",
        "1.规范办学。",
        "二、工作安排",
        "本学期安排如下。",
        "三月份：组织报名",
        "四月份：期中考试",
        "以上安排如有变动另行通知。",
    ]
    imported = import_source(Source("计划.txt", text_blocks(lines)), Given())
    doc = read(imported)
    assert [(s.title, s.text) for s in doc.sections] == [("工作安排", lines[4:])]
    assert doc.closing == [] and [g.text for g in doc.goals] == [["规范办学。"]]


def test_a_document_typed_all_in_bold_has_no_bold_headings():
    texts = [
        "定边镇工会2026年工作计划",
        "一、加强学习",
        "学习文件",
        "认真学习工会法。",
        "二、开展活动",
        "组织文体活动",
    ]
    blocks = tuple(
        Paragraph(t, n, bold=True, align="center" if n == 1 else None)
        for n, t in enumerate(texts, 1)
    )
    doc = read(import_source(Source("计划.docx", blocks), Given()))
    assert [(s.title, s.text, s.items) for s in doc.sections] == [
        ("加强学习", ["学习文件", "认真学习工会法。"], []),
        ("开展活动", ["组织文体活动"], []),
    ]


def test_a_summary_in_its_own_order_keeps_it_with_the_recomputed_completion_placed():
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作总结", 1, align="center"),
        Paragraph("一、加强组织建设", 2),
        Paragraph("成立了教研领导小组。", 3),
        Paragraph("二、主要成绩", 4),
        Paragraph("1.教学质量稳步提高。", 5),
        Paragraph("三、存在的问题", 6),
        Paragraph("1.教研活动形式单一。", 7),
        Paragraph("四、工作安排完成情况", 8),
        Table(
            (
                (("周次",), ("日期",), ("工作内容",), ("完成情况",)),
                (("第一周",), ("3月2日—3月8日",), ("组织报名",), ("已完成",)),
            ),
            9,
        ),
        Paragraph("2026年7月10日", 12, align="right"),
    )
    doc = read(import_source(Source("总结.docx", blocks), Given()))
    assert doc.order == ["加强组织建设", "achievements", "completion", "problems"]
    assert doc.headings == {"achievements": "主要成绩", "schedule": "工作安排完成情况"}
    assert [e.status for e in doc.schedule.entries] == ["done"]


def test_cells_merged_down_cover_the_weeks_they_span():
    """A 负责人 merged over two weeks is the owner of each; a 工作内容 merged over two weeks
    is one entry for both (the words once, as on the page)."""
    rows = (
        (("周次",), ("工作内容",), ("负责人",)),
        (("第1周",), ("组织报名",), ("教务处",)),
        (("第2周",), ("审议计划",), ()),
        (("第3周",), ("听课活动",), ("教研组",)),
        (("第4周",), (), ()),
    )
    table = Table(rows, 7, continued=frozenset({(2, 2), (4, 1), (4, 2)}))
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作计划", 1, align="center"),
        Paragraph("一、具体安排", 2),
        table,
    )
    doc = read(import_source(Source("计划.docx", blocks), START))
    assert [(e.week, e.tasks, e.owner) for e in doc.schedule.entries] == [
        ([(1, 1)], ["组织报名"], "教务处"),
        ([(2, 2)], ["审议计划"], "教务处"),
        ([(3, 4)], ["听课活动"], "教研组"),
    ]


@pytest.mark.parametrize(
    ("title", "school_year", "semester"),
    [
        ("定边镇希望小学2026年春季学期德育工作计划", (2025, 2026), 2),
        ("定边镇希望小学2026年秋季学期德育工作计划", (2026, 2027), 1),
        ("定边镇希望小学2025-2026学年度第一学期德育处工作计划", (2025, 2026), 1),
        ("定边镇希望小学2025—2026学年下学期德育处工作计划", (2025, 2026), 2),
    ],
)
def test_a_term_named_in_the_title_in_any_of_its_forms(title, school_year, semester):
    lines = [title, "一、工作目标", "1.规范办学。"]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    assert (doc.period.school_year, doc.period.semester, doc.period.start) == (
        school_year,
        semester,
        None,
    )


def test_a_plain_text_signature_of_unit_and_office_on_two_lines():
    lines = [
        "教务处工作计划",
        "一、工作目标",
        "1.规范办学。",
        "定边镇希望小学",
        "教务处",
        "2026年2月21日",
    ]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given(year=2026)))
    assert (doc.org, doc.department) == ("定边镇希望小学", "教务处")
    assert doc.signature.name == "定边镇希望小学教务处"
    assert [g.text for g in doc.goals] == [["规范办学。"]]


def test_a_month_table_s_dates_are_kept_in_the_note():
    blocks = (
        Paragraph("定边镇希望小学2026年工会工作计划", 1, align="center"),
        Paragraph("一、工作安排", 2),
        Table(
            (
                (("月份",), ("日期",), ("工作内容",), ("负责人",)),
                (("3月",), ("3月8日",), ("庆祝三八妇女节",), ("女工委",)),
                (("5—6月",), (), ("教职工运动会",), ()),
            ),
            3,
        ),
    )
    doc = read(import_source(Source("计划.docx", blocks), Given()))
    assert [(e.month, e.tasks, e.owner, e.note) for e in doc.schedule.entries] == [
        ([(3, 3)], ["庆祝三八妇女节"], "女工委", "3月8日"),
        ([(5, 6)], ["教职工运动会"], None, None),
    ]


def test_dates_written_in_the_week_cell_set_the_start():
    source = _week_table_plan(
        ("第1周（3.2-3.8）", "组织报名", "教务处"),
        header=("周次", "工作内容", "负责人"),
    )
    doc = read(import_source(source, Given()))
    assert doc.period.start == date(2026, 3, 2)
    assert [(e.week, e.note) for e in doc.schedule.entries] == [([(1, 1)], None)]


def test_words_beside_the_dates_in_a_date_cell_are_kept_in_the_note():
    source = _week_table_plan(("第1周", "3月2日—3月8日（开学周）", "组织报名", "教务处"))
    doc = read(import_source(source, Given()))
    assert [(e.week, e.note) for e in doc.schedule.entries] == [([(1, 1)], "开学周")]


def test_a_summary_s_plans_for_next_year_are_its_next_steps_under_its_own_heading():
    lines = [
        "定边镇工会2025年工作总结",
        "一、主要工作",
        "1.召开教代会。",
        "二、2026年工作打算",
        "1.积极争取党政支持。",
    ]
    doc = read(import_source(Source("总结.txt", text_blocks(lines)), Given()))
    assert [n.text for n in doc.next_steps] == [["积极争取党政支持。"]]
    assert doc.headings == {"achievements": "主要工作", "next_steps": "2026年工作打算"}


def test_a_title_followed_only_by_a_schedule_table_is_the_title():
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作计划", 1),
        Table(
            ((("周次",), ("日期",), ("工作内容",)), (("第一周",), ("3.2-3.8",), ("组织报名",))), 2
        ),
    )
    imported = import_source(Source("计划.txt", blocks), Given())
    doc = read(imported)
    assert doc.preamble == [] and "title" not in raw(imported)
    assert doc.period.start == date(2026, 3, 2)


def test_sections_headed_without_labels_keep_the_labelled_lines_under_them():
    lines = [
        "定边镇希望小学2026年工会工作计划",
        "指导思想:",
        "坚持以教职工为本。",
        "主要工作:",
        "(一)组织教职工学习理论,提高政治素质。",
        "1、组织学习新的《教师法》。",
    ]
    doc = read(import_source(Source("计划.txt", text_blocks(lines)), Given()))
    assert doc.guiding == ["坚持以教职工为本。"]
    assert [(m.title, [i.text for i in m.items]) for m in doc.measures] == [
        ("组织教职工学习理论,提高政治素质。", [["组织学习新的《教师法》。"]])
    ]
    assert doc.headings == {"measures": "主要工作"}


@pytest.mark.parametrize("caption", ["教务处工作计划安排", None])
def test_a_week_table_ending_a_section_is_the_schedule_and_the_section_keeps_its_text(caption):
    table = Table(
        (
            (("周次",), ("日期",), ("工作内容",)),
            (("第1周",), ("3.2-3.8",), ("组织报名领书",)),
            (("第2周",), ("3.9-3.15",), ("审议各部门工作计划",)),
        ),
        8,
    )
    blocks = (
        Paragraph("定边镇希望小学2025—2026学年第二学期教务处工作计划", 1, "center", True, 22),
        Paragraph("一、工作目标", 2, "left", True),
        Paragraph("1、依法治教，规范办学行为。", 3, "left"),
        Paragraph("二、主要工作及要求", 4, "left", True),
        Paragraph("（一）依法执教，教师职业操守的基本准则。", 5, "left"),
        Paragraph("1、严格执行义务教育教学计划，开足、开齐、上好各类必修课。", 6, "left"),
        *([Paragraph(caption, 7, "left", True)] if caption else []),
        table,
        Paragraph("教务处", 9, "right"),
        Paragraph("2026年2月21日", 10, "right"),
    )
    imported = import_source(Source("计划.docx", blocks), Given())
    doc = read(imported)
    assert weeks(doc) == [([(1, 1)], ["组织报名领书"]), ([(2, 2)], ["审议各部门工作计划"])]
    assert [m.title for m in doc.measures] == ["依法执教，教师职业操守的基本准则。"]
    assert doc.measures[0].items[0].text == [
        "严格执行义务教育教学计划，开足、开齐、上好各类必修课。"
    ]
    assert imported.plain == ()
    assert raw(imported)["headings"].get("schedule") == caption

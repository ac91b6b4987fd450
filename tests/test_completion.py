"""A summary's 计划完成情况: figures recounted here from the YAML itself (plain PyYAML),
完成率 = done ÷ (planned − cancelled), and every entry not done named with its week or
month and its note, as the document prints them."""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
import yaml
from conftest import EXAMPLES
from helpers import STATUS

from planmaker.cli import run

WORDS = {"partial": "部分完成", "pending": "未完成", "cancelled": "取消"}
DIGITS = "零一二三四五六七八九"
SUMMARIES = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.yaml") if "summary" in p.name)


def hanzi(n: int) -> str:
    """1..99 in Chinese numerals: 八, 十六, 二十."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("" if tens == 1 else DIGITS[tens]) + "十") + (
        DIGITS[ones] if ones else ""
    )


def spans(value: object) -> list[tuple[int, int]]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        first, _, last = str(v).partition("-")
        out.append((int(first), int(last or first)))
    return out


def when(entry: dict) -> str:
    if "month" in entry:
        return "、".join(f"{a}月" if a == b else f"{a}—{b}月" for a, b in spans(entry["month"]))
    return "、".join(
        f"第{hanzi(a)}周" if a == b else f"第{hanzi(a)}至{hanzi(b)}周"
        for a, b in spans(entry["week"])
    )


def rate(done: int, planned: int, cancelled: int) -> str:
    if planned == cancelled:
        return "—"
    percent = Decimal(done * 100) / Decimal(planned - cancelled)
    return f"{percent.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def expected(data: dict) -> tuple[str, list[str], list[str]]:
    """The sentence, the table's figures and the not-done paragraphs, from raw YAML."""
    entries = data["schedule"]["entries"]
    counts = {"done": 0, "partial": 0, "cancelled": 0, "pending": 0}
    for entry in entries:
        counts[STATUS[entry.get("status", "pending")]] += 1
    planned = len(entries)
    figure = rate(counts["done"], planned, counts["cancelled"])
    period = data["period"]
    word = "本年度" if "year" in period else "本学期" if "semester" in period else "本学年"
    sentence = (
        f"{word}计划安排工作{planned}项，已完成{counts['done']}项，部分完成{counts['partial']}项，"
        f"取消{counts['cancelled']}项，未完成{counts['pending']}项"
    )
    if counts["cancelled"]:
        sentence += f"；除去取消的{counts['cancelled']}项，完成率为{figure}。"
    else:
        sentence += f"，完成率为{figure}。"
    row = (
        [str(planned)]
        + [str(counts[k]) for k in ("done", "partial", "cancelled", "pending")]
        + [figure]
    )
    # a 学年's months run from 9月 to the next 8月
    first_month = 9 if "year" not in period and "semester" not in period else 1

    def first(entry: dict) -> int:
        when = min(a for a, _ in spans(entry.get("week", entry.get("month"))))
        return (when - first_month) % 12 if "month" in entry else when

    by_first = sorted(enumerate(entries), key=lambda e: (first(e[1]), e[0]))
    paragraphs = []
    for status in ("partial", "pending", "cancelled"):
        named = []
        for _, entry in by_first:
            if STATUS[entry.get("status", "pending")] != status:
                continue
            tasks = entry["tasks"] if isinstance(entry["tasks"], list) else [entry["tasks"]]
            text = f"{when(entry)} " + "，".join(t.rstrip("。；，") for t in tasks)
            if entry.get("note"):
                text += f"（{entry['note']}）"
            named.append(text)
        if named:
            paragraphs.append(f"{WORDS[status]}：" + "；".join(named) + "。")
    return sentence, row, paragraphs


def render(path: Path, *extra: str) -> docx.document.Document:
    out = path.with_suffix(".docx")
    assert run(["render", str(path), "-o", str(out), *extra]) == 0
    return docx.Document(str(out))


@pytest.mark.parametrize("name", SUMMARIES, ids=str)
def test_summary_figures_and_what_was_not_done(name, tmp_path):
    path = tmp_path / name.name
    shutil.copy(EXAMPLES / name, path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = render(path)
    text = [p.text for p in document.paragraphs if p.text.strip()]

    sentence, row, undone = expected(data)
    at = text.index(next(p for p in text if p.endswith("、计划完成情况")))
    assert text[at + 1] == sentence
    [table] = document.tables
    assert [c.text for c in table.rows[1].cells] == row
    # after the figures (the sentence, then the table), each entry not done
    assert text[at + 2 : at + 2 + len(undone)] == undone
    assert undone, "every example summary has something not done"
    assert not text[at + 2 + len(undone)].startswith(tuple(WORDS.values()))


def test_an_entry_counts_once_and_cancelled_ones_stay_out_of_the_rate(tmp_path):
    path = tmp_path / "总结.yaml"
    path.write_text(
        """\
kind: summary
org: 芦中
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
achievements: [完成了各项教学工作。]
schedule:
  entries:
    - {week: [8, 16], tasks: [常规教学检查, 作业检查], status: done}
    - {week: 4-5, tasks: 综合课程听课活动。, status: 未完成, note: 因教研员外出学习}
    - {week: 12, tasks: 拔河比赛, status: 取消}
signature: {date: 2026-07-10}
""",
        encoding="utf-8",
    )
    text = [p.text for p in render(path).paragraphs]
    # 1 done of the 2 not cancelled: 50.0%, not 33.3%
    assert (
        "本学期计划安排工作3项，已完成1项，部分完成0项，取消1项，未完成1项；"
        "除去取消的1项，完成率为50.0%。" in text
    )
    assert "未完成：第四至五周 综合课程听课活动（因教研员外出学习）。" in text
    assert "取消：第十二周 拔河比赛。" in text
    assert not any(p.startswith("部分完成：") for p in text)


def test_everything_cancelled_has_no_rate(tmp_path):
    path = tmp_path / "总结.yaml"
    path.write_text(
        """\
kind: summary
org: 芦中工会
period: {year: 2026}
achievements: [组织了职工活动。]
schedule:
  entries:
    - {month: 5, tasks: 职工运动会, status: cancelled, note: 场地改造}
    - {month: 7, tasks: 歌咏比赛, status: 取消}
signature: {date: 2026-12-20}
""",
        encoding="utf-8",
    )
    document = render(path)
    text = [p.text for p in document.paragraphs]
    assert (
        "本年度计划安排工作2项，已完成0项，部分完成0项，取消2项，未完成0项；"
        "取消的2项不计入完成率，没有可计算完成率的工作。" in text
    )
    assert [c.text for c in document.tables[0].rows[1].cells] == ["2", "0", "0", "2", "0", "—"]
    assert "取消：5月 职工运动会（场地改造）；7月 歌咏比赛。" in text


def test_a_school_year_names_what_was_not_done_from_september_on(tmp_path):
    path = tmp_path / "学年总结.yaml"
    path.write_text(
        """\
kind: summary
org: 运河实验小学
department: 工会
period: {school_year: 2025-2026}
achievements: [组织了教职工活动。]
schedule:
  entries:
    - {month: 3, tasks: 三八节活动, status: done}
    - {month: 5, tasks: 建设教工之家, status: partial, note: 琴棋书画室尚未建成}
    - {month: 10, tasks: 教职工运动会, status: partial, note: 因雨缩短}
signature: false
""",
        encoding="utf-8",
    )
    text = [p.text for p in render(path).paragraphs]
    assert (
        "本学年计划安排工作3项，已完成1项，部分完成2项，取消0项，未完成0项，完成率为33.3%。" in text
    )
    # 10月 of 2025 comes before 5月 of 2026
    assert (
        "部分完成：10月 教职工运动会（因雨缩短）；5月 建设教工之家（琴棋书画室尚未建成）。" in text
    )

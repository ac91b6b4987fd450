"""Benchmark planmaker against pandoc and docxtpl on the same realistic plans.

    python bench/run.py                     # N = 100, 1000, 5000
    python bench/run.py --n 100 1000        # other sizes
    python bench/run.py --small             # N = 20, a quick check that it all runs

Each plan is a realistic 5-page term plan (preamble, guiding thoughts, goals, four
titled measures with their items, safeguards, a 20-row week table, signature), with
numbers varied so that no two files are the same. Measured in one run, on this machine:

* single document, cold (a fresh process, whole-process wall time, median of several,
  the commands taking turns):
  ``planmaker render``; pandoc on ready Markdown with a reference DOCX; a
  Jinja2 → Markdown → pandoc script; a docxtpl script on the same content; and
  ``planmaker --help``;
* batch throughput in documents per second: ``planmaker batch`` (all cores) for each N,
  the median of ``--batch-runs`` runs, against a pandoc loop (one process at a time, and one per core) and a docxtpl loop in
  one process (contenders run on at most ``--contender-cap`` documents; the rate is
  what counts);
* peak memory (VmHWM) of each planmaker worker as N grows, and of the docxtpl loop.

A contender that is not installed is reported as absent. Nothing here is a test; the
figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""What every measured process sees: this environment, but writing Python's bytecode
cache, so that (after the unmeasured first run) modules load as in an installed copy,
whose bytecode pip compiles at install time."""
MEASURES = [
    (
        "依法执教，规范办学行为。",
        "严格执行义务教育课程计划，开足、开齐、上好各类必修课和综合实践活动课",
    ),
    (
        "强化常规，提高课堂效率。",
        "教师要及时书写课后反思，学校采取定期检查与不定期检查相结合的方法检查备课",
    ),
    (
        "以研促教，推动专业发展。",
        "继续开展“一人一题”小课题研究，采用研讨课、汇报课、示范课等方式开展活动",
    ),
    ("关注过程，抓好质量监测。", "每月组织一次学科质量抽测，及时分析学情，针对薄弱环节调整教学"),
    (
        "家校协同，形成育人合力。",
        "定期召开家长会，开展家长开放日活动，听取家长对学校教学工作的意见",
    ),
]
WEEK_TASKS = [
    "组织报名领书，制定各部门工作计划",
    "审议各部门工作计划，开展常规教学检查",
    "组织青年教师汇报课",
    "召开教研组长会议，布置课题研究",
    "清明节安全教育，开展读书活动",
    "数学学科质量抽测",
    "开展“四声一影”活动",
    "语文、英语学科质量抽测",
    "期中质量检测",
    "期中质量分析会",
]


def plan_yaml(n: int) -> str:
    """Plan number ``n``: about five A4 pages in GB/T 9704 layout (22 lines of 28 characters)."""
    org = f"第{n + 1}实验小学"
    lines = [
        "kind: plan",
        f"org: {org}",
        "department: 教务处",
        "period: {school_year: 2025-2026, semester: 2, start: 2026-03-02, weeks: 20}",
        "preamble: |",
        f"  本学期是学校发展的关键之年，全校{30 + n % 40}个教学班将继续以教研工作为抓手，"
        "努力提高学校教学质量，为学校今后更好的发展奠定坚实的基础。",
        "guiding: |",
        "  以立德树人为根本任务，以课堂教学改革为突破口，以教研活动为载体，"
        "全面落实课程方案和课程标准，不断提高教育教学质量，办好人民满意的教育。",
        "goals:",
    ]
    lines += [
        f"  - {title.split('，')[1].rstrip('。')}，力争全年达标率提高{n % 7 + i}个百分点。"
        for i, (title, _) in enumerate(MEASURES)
    ]
    lines.append("measures:")
    for i, (title, text) in enumerate(MEASURES[:4]):
        lines += [f"  - title: {title}", "    items:"]
        lines += [
            f"      - {text}，第{j + 1}阶段在第{(i + j) % 18 + 1}周前完成，"
            f"由{['语文', '数学', '英语'][j]}组负责落实。"
            for j in range(3)
        ]
    lines += [
        "safeguards:",
        "  - 成立以校长为组长的教学工作领导小组，定期研究解决教学中的问题。",
        "  - 落实教学工作考核办法，把考核结果作为评优评先的重要依据。",
        "schedule:",
        "  layout: table",
        "  entries:",
    ]
    for week in range(1, 21):
        task = WEEK_TASKS[(week + n) % len(WEEK_TASKS)]
        lines += [f"    - week: {week}", f"      tasks: [{task}]", "      owner: 教务处"]
    lines += ["signature:", "  name: 教务处", "  date: 2026-02-27"]
    return "\n".join(lines) + "\n"


# --- the contenders, each a fresh process running this file with a mode flag ----------

MD_TEMPLATE = """\
# {{ org }}2025—2026学年第二学期教务处工作计划

{% for p in preamble %}{{ p }}

{% endfor %}
## 一、指导思想

{% for p in guiding %}{{ p }}

{% endfor %}
## 二、工作目标

{% for g in goals %}{{ loop.index }}.{{ g }}

{% endfor %}
## 三、主要工作及措施

{% for m in measures %}### （{{ hanzi[loop.index] }}）{{ m.title }}

{% for item in m["items"] %}{{ loop.index }}.{{ item }}

{% endfor %}{% endfor %}
## 四、保障措施

{% for s in safeguards %}{{ loop.index }}.{{ s }}

{% endfor %}
## 五、具体安排

| 周次 | 工作内容 | 负责人 |
| --- | --- | --- |
{% for e in entries %}| 第{{ hanzi[e.week] }}周 | {{ e.tasks | join("；") }} | {{ e.owner }} |
{% endfor %}

::: {custom-style="Signature"}
{{ signature }}

2026年2月27日
:::
"""
HANZI = (
    ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    + ["十" + d for d in "一二三四五六七八九"]
    + ["二十"]
)


def _context(path: Path) -> dict:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        "org": data["org"],
        "preamble": [p for p in data["preamble"].split("\n\n") if p.strip()],
        "guiding": [data["guiding"].strip()],
        "goals": data["goals"],
        "measures": data["measures"],
        "safeguards": data["safeguards"],
        "entries": [
            {"week": e["week"], "tasks": e["tasks"], "owner": e["owner"]}
            for e in data["schedule"]["entries"]
        ],
        "signature": data["signature"]["name"],
        "hanzi": HANZI,
    }


def run_jinja_pandoc(paths: Sequence[Path], out: Path, reference: Path) -> None:
    """YAML → Jinja2 → Markdown → pandoc with a reference DOCX, one pandoc per document."""
    import jinja2

    template = jinja2.Environment().from_string(MD_TEMPLATE)
    for path in paths:
        md = template.render(_context(path))
        subprocess.run(
            [
                "pandoc",
                "-f",
                "markdown",
                "-o",
                str(out / (path.stem + ".docx")),
                "--reference-doc",
                str(reference),
            ],
            input=md.encode("utf-8"),
            check=True,
        )


def make_docxtpl_template(path: Path) -> None:
    """The docxtpl template: the same document's structure, built with python-docx."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph("{{ org }}2025—2026学年第二学期教务处工作计划").alignment = 1
    d.add_paragraph("{%p for p in preamble %}")
    d.add_paragraph("{{ p }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("一、指导思想")
    d.add_paragraph("{{ guiding[0] }}")
    d.add_paragraph("二、工作目标")
    d.add_paragraph("{%p for g in goals %}")
    d.add_paragraph("{{ loop.index }}.{{ g }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("三、主要工作及措施")
    d.add_paragraph("{%p for m in measures %}")
    d.add_paragraph("（{{ hanzi[loop.index] }}）{{ m.title }}")
    d.add_paragraph("{%p for item in m['items'] %}")
    d.add_paragraph("{{ loop.index }}.{{ item }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("四、保障措施")
    d.add_paragraph("{%p for s in safeguards %}")
    d.add_paragraph("{{ loop.index }}.{{ s }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("五、具体安排")
    table = d.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("周次", "工作内容", "负责人"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for e in entries %}"
    for cell, text in zip(
        table.rows[2].cells,
        ("第{{ hanzi[e.week] }}周", "{{ e.tasks | join('；') }}", "{{ e.owner }}"),
        strict=True,
    ):
        cell.text = text
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    d.add_paragraph("{{ signature }}").alignment = 2
    d.add_paragraph("2026年2月27日").alignment = 2
    for p in d.paragraphs:
        for run in p.runs:
            run.font.size = Pt(16)
    d.save(str(path))


def run_docxtpl(paths: Sequence[Path], out: Path, template: Path) -> None:
    """docxtpl in one process: load the template, render, save, for each document."""
    from docxtpl import DocxTemplate

    for path in paths:
        doc = DocxTemplate(str(template))
        doc.render(_context(path))
        doc.save(str(out / (path.stem + ".docx")))


# --- measuring --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    pid: int
    peak_mib: dict[int, float] = field(default_factory=dict)
    """VmHWM of each descendant process seen while it ran (MiB)."""
    returncode: int = 0


def timed(cmd: Sequence[str], *, watch: bool = False, cwd: Path | None = None) -> Run:
    """Run ``cmd``; its wall time and, with ``watch``, the peak memory of its descendants."""
    peaks: dict[int, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=ENV
    )
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            for pid in [proc.pid, *_descendants(proc.pid)]:
                hwm = _vm_hwm(pid)
                if hwm:
                    peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            stop.wait(0.05)

    watcher = threading.Thread(target=poll, daemon=True) if watch else None
    if watcher:
        watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    if watcher:
        watcher.join()
    if proc.returncode:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return Run(seconds, proc.pid, peaks, proc.returncode)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            for child in map(int, text.split()):
                found += [child, *_descendants(child)]
    except OSError:
        pass
    return found


def _vm_hwm(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def interleaved_medians(
    repeats: int, commands: dict[str, list[str] | None], *, warm: bool = True
) -> dict[str, float | None]:
    """Median wall time of ``repeats`` fresh runs of each command (None: absent), after
    one unmeasured run of each (file cache, bytecode) when ``warm``. The commands take
    turns, one run each per round and in a rotated order, so that what else the machine
    does weighs on every command alike and the rows of one run compare. A command that
    fails ends the benchmark: its time would measure nothing."""
    present = [name for name, cmd in commands.items() if cmd is not None]
    for name in present if warm else ():
        subprocess.run(
            commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
        )
    times: dict[str, list[float]] = {name: [] for name in present}
    for round_ in range(repeats):
        shift = round_ % max(1, len(present))
        for name in present[shift:] + present[:shift]:
            run = timed(commands[name])  # type: ignore[arg-type]
            if run.returncode:
                raise SystemExit(f"bench: {name} failed (exit {run.returncode})")
            times[name].append(run.seconds)
    return {name: statistics.median(times[name]) if name in times else None for name in commands}


FLOOR_CHECK = "floor: import typer, pydantic, PyYAML"
FLOOR_RENDER = "floor: the same + Jinja2, markdown-it"
FLOOR_HELP = "floor: import json, shutil"
ONE_MODEL = "import pydantic; type('M', (pydantic.BaseModel,), {'__annotations__': {'x': int}})"
# what planmaker's own process does around any command (planmaker.cli.main): the cycle
# collector's first round after 100 000 objects (YOUNG_OBJECTS), pydantic's plugins off,
# and everything frozen out of the collector's reach before the exit
AS_PLANMAKER = (
    "import gc, os; gc.set_threshold(100_000, *gc.get_threshold()[1:]); "
    "os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')"
)
EXIT_AS_PLANMAKER = "import gc; gc.freeze()"


BEFORE = ("planmaker render", "planmaker check", "planmaker --help")
BEFORE_PREFIX = "before: "


def before_commands(command: str | None, one: Path, out: Path) -> dict[str, list[str]]:
    """The cold commands of ``--before`` (none without it), named after planmaker's own."""
    if not command:
        return {}
    pm = command.split()
    return {
        BEFORE_PREFIX + "planmaker render": [*pm, "render", str(one), "-o", str(out / "bf.docx")],
        BEFORE_PREFIX + "planmaker check": [*pm, "check", str(one)],
        BEFORE_PREFIX + "planmaker --help": [*pm, "--help"],
    }


def floor(imports: str, *, model: bool = True) -> list[str]:
    """A process that loads ``imports``, makes one pydantic model (unless not ``model``)
    and ends as planmaker does."""
    made = f"; {ONE_MODEL}" if model else ""
    return [sys.executable, "-c", f"{AS_PLANMAKER}; import {imports}{made}; {EXIT_AS_PLANMAKER}"]


def batch_rounds(
    commands: dict[str, list[str]], folder: Path, out: Path, jobs: int, rounds: int
) -> dict[str, list[Run]] | None:
    """``batch`` of each planmaker command over ``folder``, taking turns ``rounds`` times
    (so that other work on the machine weighs on all alike); None if one fails."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(max(1, rounds)):
        for name, pm in commands.items():
            run = timed(
                [*pm, "batch", str(folder), "-o", str(out), "--jobs", str(jobs)], watch=True
            )
            shutil.rmtree(out, ignore_errors=True)
            if run.returncode:
                return None
            runs[name].append(run)
    return runs


def subcommands(pm: Sequence[str]) -> list[str]:
    """The commands ``planmaker --help`` lists (its 命令 section)."""
    done = subprocess.run([*pm, "--help"], capture_output=True, text=True, env=ENV)
    names: list[str] = []
    listing = False
    for line in done.stdout.splitlines():
        if line.startswith("命令"):
            listing = True
        elif listing and line.startswith("  ") and not line.startswith("   "):
            names.append(line.split()[0])
    return names


def planmaker_command() -> list[str]:
    script = Path(sys.executable).with_name("planmaker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "planmaker"]


def pandoc_loop(mds: Sequence[Path], out: Path, reference: Path, jobs: int) -> float:
    """Seconds for pandoc to convert every Markdown file, ``jobs`` at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(md: Path) -> None:
        subprocess.run(
            [
                "pandoc",
                str(md),
                "-o",
                str(out / (md.stem + ".docx")),
                "--reference-doc",
                str(reference),
            ],
            check=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, mds))
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--small", action="store_true", help="N = 20, one cold run each: checks that all runs"
    )
    parser.add_argument("--repeats", type=int, default=7, help="runs per cold measure")
    parser.add_argument(
        "--batch-runs", type=int, default=3, help="runs per batch measure (the median is shown)"
    )
    parser.add_argument("--contender-cap", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--planmaker",
        metavar="COMMAND",
        help="the planmaker command to measure (default: the one beside this Python)",
    )
    parser.add_argument(
        "--before",
        metavar="COMMAND",
        help="another planmaker command (an older commit's) whose cold render, check,"
        " --help and batches take their turns in the same rounds, for before/after ratios",
    )
    parser.add_argument("--run-jinja-pandoc", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument("--run-docxtpl", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_jinja_pandoc:
        *paths, out, ref = map(Path, args.run_jinja_pandoc)
        run_jinja_pandoc(paths, out, ref)
        return 0
    if args.run_docxtpl:
        *paths, out, template = map(Path, args.run_docxtpl)
        run_docxtpl(paths, out, template)
        return 0
    if args.small:
        args.n, args.repeats, args.contender_cap, args.batch_runs = [20], 1, 20, 1
    with tempfile.TemporaryDirectory(prefix="planmaker-bench-") as tmp:
        return bench(Path(tmp), args)


def bench(tmp: Path, args: argparse.Namespace) -> int:
    pm = args.planmaker.split() if args.planmaker else planmaker_command()
    have_pandoc = shutil.which("pandoc") is not None
    try:
        import docxtpl  # noqa: F401

        have_docxtpl = True
    except ImportError:
        have_docxtpl = False
    biggest = max(args.n)
    plans = tmp / "plans"
    plans.mkdir()
    for n in range(biggest):
        (plans / f"plan{n:05}.yaml").write_text(plan_yaml(n), encoding="utf-8")
    one = plans / "plan00000.yaml"
    out = tmp / "out"
    out.mkdir()
    reference = tmp / "reference.docx"
    if have_pandoc:
        subprocess.run(
            ["pandoc", "-o", str(reference), "--print-default-data-file", "reference.docx"],
            check=True,
        )
    template = tmp / "docxtpl-template.docx"
    if have_docxtpl:
        make_docxtpl_template(template)

    rows: list[tuple[str, str, str]] = []
    this = [sys.executable, str(HERE)]
    commands: dict[str, list[str] | None] = {
        "planmaker render": [*pm, "render", str(one), "-o", str(out / "pm.docx")],
        "planmaker check": [*pm, "check", str(one)],
        "planmaker --help": [*pm, "--help"],
        **{f"planmaker {name} --help": [*pm, name, "--help"] for name in subcommands(pm)},
        **before_commands(args.before, one, out),
        "bare import docx, jinja2, yaml": [sys.executable, "-c", "import docx, jinja2, yaml"],
        # the floor under planmaker: its libraries loaded and one pydantic model made,
        # nothing else done (check needs the first three, render all five)
        FLOOR_CHECK: floor("typer, yaml"),
        FLOOR_RENDER: floor("typer, yaml, jinja2.sandbox, markdown_it"),
        # and under every --help: Python with what reads a page written ahead (the
        # command tree, typer, writes it only for a console under 80 columns)
        FLOOR_HELP: floor("json, shutil", model=False),
        "pandoc on ready Markdown": None,
        "Jinja2 → Markdown → pandoc script": None,
        "docxtpl script": None,
    }
    if have_pandoc:
        from jinja2 import Environment

        md = tmp / "plan00000.md"
        md.write_text(
            Environment().from_string(MD_TEMPLATE).render(_context(one)), encoding="utf-8"
        )
        commands["pandoc on ready Markdown"] = [
            "pandoc",
            str(md),
            "-o",
            str(out / "pd.docx"),
            "--reference-doc",
            str(reference),
        ]
        commands["Jinja2 → Markdown → pandoc script"] = [
            *this,
            "--run-jinja-pandoc",
            str(one),
            str(out),
            str(reference),
        ]
    if have_docxtpl:
        commands["docxtpl script"] = [
            *this,
            "--run-docxtpl",
            str(one),
            str(out),
            str(template),
        ]
    cold = interleaved_medians(args.repeats, commands, warm=not args.small)
    helps = {
        name: t
        for name, t in cold.items()
        if name.startswith("planmaker ") and name.endswith("--help") and t is not None
    }
    slowest_help = max(helps, key=lambda name: helps[name])
    for name, seconds in cold.items():
        if name in helps and name not in ("planmaker --help", slowest_help):
            continue
        note = "slowest of every command's --help" if name == slowest_help else ""
        if name == "planmaker --help" or name == slowest_help:
            note = ", ".join(filter(None, [note, "target ≤ 0.100 s"]))
        rows.append((f"cold: {name}", _s(seconds), note))
    base = cold.get("Jinja2 → Markdown → pandoc script")
    if base:
        for name, target in (
            ("planmaker render", "target ≤ 1.0× (first milestone ≤ 1.5×)"),
            (FLOOR_RENDER, "what render cannot go below"),
            ("planmaker check", "target ≤ 0.8×"),
            (FLOOR_CHECK, "what check cannot go below"),
            (slowest_help, "target ≤ 0.6×"),
            (FLOOR_HELP, "what --help cannot go below"),
        ):
            seconds = cold[name]
            if seconds is not None:
                rows.append((f"ratio: {name} ÷ Jinja2→pandoc", f"{seconds / base:.2f}×", target))
    for name in BEFORE:
        if cold.get(BEFORE_PREFIX + name):
            ratio = cold[name] / cold[BEFORE_PREFIX + name]  # type: ignore[operator]
            rows.append((f"ratio: {name} ÷ before", f"{ratio:.2f}×", "same rounds"))

    rates: dict[str, float] = {}
    memory: dict[int, float] = {}
    for n in sorted(args.n):
        files = sorted(plans.glob("*.yaml"))[:n]
        folder = tmp / f"batch{n}"
        folder.mkdir()
        for f in files:
            os.link(f, folder / f.name)
        batches = {"planmaker": pm, **({"before": args.before.split()} if args.before else {})}
        runs = batch_rounds(batches, folder, tmp / f"out{n}", args.jobs, args.batch_runs)
        if runs is None:
            rows.append((f"planmaker batch N={n}", "failed", ""))
            continue
        seconds = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
        rate = n / seconds["planmaker"]
        rates[f"planmaker{n}"] = rate
        ours = runs["planmaker"]
        worker_peak = max(
            (mib for r in ours for pid, mib in r.peak_mib.items() if pid != r.pid), default=0.0
        )
        memory[n] = worker_peak
        rows.append(
            (
                f"planmaker batch N={n} ({args.jobs} processes)",
                f"{rate:.1f} docs/s",
                f"{seconds['planmaker']:.1f} s (median of {len(ours)}); "
                f"worker peak {worker_peak:.0f} MiB, "
                f"batch process {max(r.peak_mib.get(r.pid, 0.0) for r in ours):.0f} MiB"
                + ("; target ≥ 200 docs/s" if n == 1000 else ""),
            )
        )
        if "before" in seconds:
            before_rate = n / seconds["before"]
            rows.append((f"before: planmaker batch N={n}", f"{before_rate:.1f} docs/s", ""))
            rows.append(
                (
                    f"ratio: planmaker batch N={n} ÷ before",
                    f"{rate / before_rate:.2f}×",
                    "same rounds",
                )
            )

    cap = min(args.contender_cap, biggest)
    sample = sorted(plans.glob("*.yaml"))[:cap]
    if have_pandoc:
        from jinja2 import Environment

        template_md = Environment().from_string(MD_TEMPLATE)
        mds = tmp / "md"
        mds.mkdir()
        for f in sample:
            (mds / (f.stem + ".md")).write_text(template_md.render(_context(f)), encoding="utf-8")
        mdfiles = sorted(mds.glob("*.md"))
        for jobs in sorted({1, args.jobs}):
            loop_out = tmp / f"pandoc{jobs}"
            loop_out.mkdir()
            seconds = pandoc_loop(mdfiles, loop_out, reference, jobs)
            rates[f"pandoc{jobs}"] = cap / seconds
            rows.append(
                (
                    f"pandoc loop, {jobs} at a time (N={cap})",
                    f"{cap / seconds:.1f} docs/s",
                    f"{seconds:.1f} s",
                )
            )
    else:
        rows.append(("pandoc loop", "absent", "pandoc is not installed"))
    if have_docxtpl:
        loop_out = tmp / "docxtpl"
        loop_out.mkdir()
        list_file = [str(p) for p in sample]
        run = timed([*this, "--run-docxtpl", *list_file, str(loop_out), str(template)], watch=True)
        rates["docxtpl"] = cap / run.seconds
        peak = max(run.peak_mib.values(), default=0.0)
        rows.append(
            (
                f"docxtpl loop, one process (N={cap})",
                f"{cap / run.seconds:.1f} docs/s",
                f"{run.seconds:.1f} s; peak {peak:.0f} MiB",
            )
        )
    else:
        rows.append(("docxtpl loop", "absent", "docxtpl is not installed"))

    top = max(args.n)
    if f"planmaker{top}" in rates:
        for other in ("pandoc1", f"pandoc{args.jobs}", "docxtpl"):
            if other in rates:
                rows.append(
                    (
                        f"ratio: planmaker batch N={top} ÷ {other}",
                        f"{rates[f'planmaker{top}'] / rates[other]:.1f}×",
                        "",
                    )
                )
    if len(memory) > 1:
        small, large = sorted(memory)[-2:]  # the two largest N: does the peak keep growing?
        if memory[small]:
            rows.append(
                (
                    f"ratio: worker peak N={large} ÷ N={small}",
                    f"{memory[large] / memory[small]:.2f}×",
                    "target ≤ 1.10×, < 150 MiB",
                )
            )
    _print(rows)
    return 0


def _s(seconds: float | None) -> str:
    return "absent" if seconds is None else f"{seconds:.3f} s"


def _print(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    value = max(len(r[1]) for r in rows)
    print(f"planmaker benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, figure, note in rows:
        print(f"{name:<{width}}  {figure:>{value}}  {note}".rstrip())


if __name__ == "__main__":
    sys.exit(main())

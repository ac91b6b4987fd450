"""``planmaker summarize``: the end-of-term summary YAML of a plan, to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """由工作计划生成工作总结的 YAML，待填写。

表头（单位、部门、时段）照搬，标题自动改为“……工作总结”；主要工作及措施的各项标题变成“主要工作及成效”的标题，
计划自己的其他部分(sections)照旧各成一部分，其下留出待填写的内容；计划的工作目标写成“主要工作及成效”上方的注释，
供总结逐条回应；本学期的节假日、调休和附件照搬；具体安排逐条照搬，每条加上 status: pending（未完成）。
把每条改成 done（已完成）、partial（部分完成）或 cancelled（取消）后生成文档，会自动统计完成率。
默认写在计划旁边，文件名是总结的标题加 .yaml；已有同名文件时不会覆盖（要覆盖请加 --force）。

例：planmaker summarize 教务处工作计划.yaml
例：planmaker summarize 教务处工作计划.yaml -o 总结/
"""


def summarize_command(
    plan: Annotated[
        Path, typer.Argument(help="工作计划的 YAML 文件。", show_default=False, metavar="文件")
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="写到哪个文件（或以 / 结尾的文件夹）；默认在计划旁边。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="已有同名文件时覆盖它。")] = False,
) -> None:
    from planmaker.cli import console
    from planmaker.cli.common import about, write_user_file
    from planmaker.output import output_target
    from planmaker.pipeline import load_file
    from planmaker.summarize import summary_yaml

    with about(plan):
        scaffold = summary_yaml(load_file(plan))
    target = output_target(output, plan.parent, scaffold.name)
    schema_file = write_user_file(target, scaffold.text, force=force, protect=plan)
    console.show(scaffold.warnings)
    console.tell("cli.written", file=target)
    if schema_file is not None:
        console.tell("new.schema_written", file=schema_file)
    console.tell("summarize.next_step", file=target)

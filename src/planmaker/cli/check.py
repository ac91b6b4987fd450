"""``planmaker check``: validate without writing anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """检查 YAML 文件是否写对，不生成文档。每个问题都会列出文件、行号、列号和改法。

例：planmaker check 教务处工作计划.yaml
例：planmaker check 计划/*.yaml
"""


def check_command(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="要检查的 YAML 文件（可写多个）。", show_default=False, metavar="文件..."
        ),
    ],
) -> None:
    from planmaker.cli import console, report_error
    from planmaker.cli.messages import warning
    from planmaker.errors import PlanError
    from planmaker.pipeline import document_markdown, load_file

    failed = 0
    for plan in plans:
        try:
            doc = load_file(plan)
            _, warnings, _ = document_markdown(doc, base=plan.parent, shown_from=Path.cwd())
        except PlanError as err:
            failed += 1
            report_error(err.in_file(str(plan)))
            continue
        for w in warnings:
            console.warn(f"{plan}: {warning(w)}")
        console.say(f"{plan}：没有发现问题。")
    if failed:
        console.error(f"{failed} 个文件有问题，请按上面的提示修改。")
        raise typer.Exit(1)

"""``planmaker templates``: list, show and export the built-in templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planmaker.cli.helptext import PlanTyper

HELP = """查看内置模板，或导出一份改成本单位自己的模板。不写子命令时列出内置模板。

例：planmaker templates list
例：planmaker templates show plan
例：planmaker templates export plan 模板/
"""

LIST_HELP = """列出内置模板：每行一个，名称和说明。

例：planmaker templates list
"""

SHOW_HELP = """显示一个内置模板的全文。

例：planmaker templates show plan
例：planmaker templates show _macros
"""

EXPORT_HELP = """把一个内置模板连同它用到的公共部件（如 _macros.md.j2）复制到文件夹里，供修改。

改好后用 --template 文件夹/plan.md.j2 指定，或在 YAML 中写 templates: 文件夹。
已有同名文件时不会覆盖，除非加 --force。

例：planmaker templates export plan 模板/
例：planmaker render 计划.yaml --template 模板/plan.md.j2
"""

app = PlanTyper(name="templates", help=HELP, invoke_without_command=True)

NameArg = Annotated[
    str,
    typer.Argument(
        help="模板名称，如 plan、summary、report（见 planmaker templates list）。",
        show_default=False,
        metavar="名称",
    ),
]


@app.callback()
def templates_command(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        list_command()


@app.command("list", help=LIST_HELP)
def list_command() -> None:
    from planmaker.cli import console
    from planmaker.templating import BUILTIN_DESCRIPTIONS, builtin_names

    names = builtin_names()
    width = max(len(name) for name in names) + 2
    lines = [f"{name:<{width}}{BUILTIN_DESCRIPTIONS.get(name, '')}".rstrip() for name in names]
    console.write_stdout(("\n".join(lines) + "\n").encode("utf-8"))


@app.command("show", help=SHOW_HELP)
def show_command(name: NameArg) -> None:
    from planmaker.cli import console
    from planmaker.templating import builtin_file

    console.write_stdout(builtin_file(name).read_bytes())


@app.command("export", help=EXPORT_HELP)
def export_command(
    name: NameArg,
    folder: Annotated[
        Path,
        typer.Argument(
            help="导出到的文件夹（不存在时会新建）。", show_default=False, metavar="文件夹"
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="覆盖文件夹中已有的同名文件。")] = False,
) -> None:
    from planmaker.cli import console
    from planmaker.errors import Location, PlanError, Problem
    from planmaker.output import write_atomic
    from planmaker.templating import builtin_files

    sources = builtin_files(name)
    targets = [folder / source.name for source in sources]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise PlanError.of(Problem("output.exists", Location(str(t))) for t in existing)
    for source, target in zip(sources, targets, strict=True):
        write_atomic(target, source.read_bytes(), protect=source)
        console.tell("templates.exported", file=target)
    console.tell("templates.usage", file=targets[0], folder=folder)

"""``planmaker render``: one document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """把一份 YAML（或 Markdown）写成文档。

默认在输入文件旁边生成同名的 .docx；-o 可指定文件、文件夹（以 / 结尾）或 -（输出到屏幕，仅 md/txt）。

例：planmaker render 教务处工作计划.yaml
例：planmaker render 教务处工作计划.yaml -o 输出/ --format pdf
例：planmaker render 教务处工作计划.yaml --format md -o -
"""

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="输出格式：docx（默认）、pdf、md、txt。", show_default=False
    ),
]
TemplateOpt = Annotated[
    str | None,
    typer.Option(
        "--template", "-t", help="模板：内置模板名（plan、summary、report）或模板文件路径。"
    ),
]
ReferenceOpt = Annotated[
    Path | None,
    typer.Option(
        "--reference-doc", help="本单位的 Word 文档，从中取样式、页面设置和页眉页脚（红头）。"
    ),
]


def render_command(
    plan: Annotated[
        Path,
        typer.Argument(
            help="计划或总结的 YAML 文件，或 Markdown 文件。", show_default=False, metavar="文件"
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="输出文件、文件夹（以 / 结尾）或 -（屏幕）。"),
    ] = None,
    format: FormatOpt = None,
    template: TemplateOpt = None,
    reference_doc: ReferenceOpt = None,
) -> None:
    from planmaker.cli import console
    from planmaker.cli.messages import message, warning
    from planmaker.errors import PlanError
    from planmaker.output import write_atomic
    from planmaker.pipeline import FORMATS, TEXT_FORMATS, RenderOptions, output_path, render_file

    if format is not None and format not in FORMATS:
        raise PlanError("output.unknown_format", format=format)
    target, fmt = output_path(plan, output, format)
    if target is None and fmt not in TEXT_FORMATS:
        # A command-line mistake (spec §3: exit 2), worded like every other message.
        console.error(message("output.stdout_binary", {"format": fmt}))
        raise typer.Exit(2)
    opts = RenderOptions(fmt, template, reference_doc, shown_from=Path.cwd())
    rendered = render_file(plan, opts)
    for w in rendered.warnings:
        console.warn(warning(w))
    if target is None:
        console.write_stdout(rendered.data)
        return
    write_atomic(target, rendered.data, protect=[plan, *opts.input_files()])
    console.say(f"已生成：{target}")

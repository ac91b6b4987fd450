"""``planmaker render``: one document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planmaker.cli.common import DraftOpt, FormatOpt, ReferenceOpt, TemplateOpt

HELP = """把一份 YAML（或 Markdown）写成文档。

默认在输入文件旁边生成同名的 .docx；-o 可指定文件、文件夹（以 / 结尾）或 -（输出到屏幕，仅 md/txt）。

例：planmaker render 教务处工作计划.yaml
例：planmaker render 教务处工作计划.yaml -o 输出/ --format pdf
例：planmaker render 教务处工作计划.yaml --format md -o -
例：planmaker render 教务处工作总结.yaml --draft
"""


def render_command(
    plan: Annotated[
        Path,
        typer.Argument(
            help="计划或总结的 YAML 文件，或 Markdown 文件。", show_default=False, metavar="文件"
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="文件", help="输出文件、文件夹（以 / 结尾）或 -（屏幕）。"
        ),
    ] = None,
    format: FormatOpt = None,
    template: TemplateOpt = None,
    reference_doc: ReferenceOpt = None,
    draft: DraftOpt = False,
) -> None:
    from planmaker.cli import console
    from planmaker.cli.common import CommandLineError
    from planmaker.output import write_atomic
    from planmaker.pipeline import TEXT_FORMATS, RenderOptions, output_path, render_file

    target, fmt = output_path(plan, output, format)
    if target is None and fmt not in TEXT_FORMATS:
        raise CommandLineError("output.stdout_binary", format=fmt)
    opts = RenderOptions(fmt, template, reference_doc, shown_from=Path.cwd(), draft=draft)
    rendered = render_file(plan, opts)
    console.show(rendered.warnings)
    if target is None:
        console.write_stdout(rendered.data)
        return
    write_atomic(target, rendered.data, protect=[plan, *opts.input_files()])
    console.tell("cli.written", file=target)

"""``planmaker schema``: the JSON Schema of planmaker's YAML, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """输出 planmaker YAML 的 JSON Schema（含中文键名和说明），供编辑器补全和检查。

VS Code 装上 YAML 扩展（Red Hat）后，在 YAML 文件第一行写
  # yaml-language-server: $schema=./planmaker.schema.json
即可边写边提示键名、检查写法，不需要联网。planmaker new 生成的文件已经带有这一行。

例：planmaker schema -o planmaker.schema.json
例：planmaker schema > planmaker.schema.json
"""


def schema_command(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="文件", help="写到哪个文件；不写则输出到屏幕。"),
    ] = None,
) -> None:
    from planmaker.cli import console
    from planmaker.output import write_atomic
    from planmaker.schema import schema_text

    data = schema_text().encode("utf-8")
    if output is None or output == "-":
        console.write_stdout(data)
        return
    from planmaker.output import output_target
    from planmaker.schema import SCHEMA_FILE

    target = output_target(output, Path(), SCHEMA_FILE)
    write_atomic(target, data)
    console.tell("cli.written", file=target)

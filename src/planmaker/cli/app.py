"""The typer application: every command registered in one place.

This module imports the commands; no command imports it.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import cache
from typing import Annotated

import typer

from planmaker import __version__
from planmaker.cli.helptext import PlanTyper

app = PlanTyper(
    name="planmaker",
    help=(
        "planmaker：把一份简短的 YAML 写成符合 GB/T 9704-2012 的工作计划、工作总结（Word 文档）。\n\n"
        "例：planmaker render 教务处工作计划.yaml"
    ),
    add_completion=False,
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        from planmaker.cli.console import out_console

        out_console().print(f"planmaker {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", help="显示版本号后退出。", callback=_version, is_eager=True),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="出错时显示详细的调用栈，供报告问题。")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="说明用了哪种编码、哪个模板和节假日数据。")
    ] = False,
) -> None:
    """planmaker：工作计划与工作总结生成工具。"""


def _register() -> None:
    from planmaker.cli import (
        batch,
        calendar,
        check,
        import_,
        new,
        render,
        report,
        schema,
        summarize,
        templates,
    )

    app.command("render", help=render.HELP)(render.render_command)
    app.command("check", help=check.HELP)(check.check_command)
    app.command("new", help=new.HELP)(new.new_command)
    app.command("summarize", help=summarize.HELP)(summarize.summarize_command)
    app.command("calendar", help=calendar.HELP)(calendar.calendar_command)
    app.command("schema", help=schema.HELP)(schema.schema_command)
    app.command("batch", help=batch.HELP)(batch.batch_command)
    app.command("report", help=report.HELP)(report.report_command)
    app.command("import", help=import_.HELP)(import_.import_command)
    app.add_typer(templates.app, name="templates")


_register()


def application(args: Sequence[str]) -> typer.Typer:
    """The application to run the command line ``args`` with: one holding only the
    command they name, when they name one (typer builds the parameters of every command
    it holds each time it starts, which for all of them costs a cold start as much as
    reading the YAML); the whole application otherwise (its own help, a misspelt
    command)."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    return _only(name) if name is not None else app


@cache
def _only(name: str) -> typer.Typer:
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only

"""The help pages: click's plain layout, in Chinese, wrapped for Chinese text.

typer's rich help cuts option descriptions off with “…” in an 80-column console,
labels values with Python's types (``<bool>``, ``<list[Path]>``, ``<int range>``) and
costs a tenth of a second to import. Here every command is a :class:`PlanCommand` (or
:class:`PlanGroup`), whose help is click's own layout (usage, text, a definition list
per section) written by :class:`HelpFormatter`, which measures a Chinese character as
two columns and never starts a line with closing punctuation nor ends one with opening
punctuation. A value's label is the option's ``metavar`` (文件, 文件夹, 数字 …), or a
Chinese word for its type; a flag has none. Nothing is truncated.

:class:`PlanTyper` makes every command it registers one of these, so a new command
gets this help by being registered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from planmaker.cli.zh import translate_message

SECTIONS = {"argument": "参数", "option": "选项"}
COMMANDS = "命令"
TYPE_LABELS: dict[Any, str] = {Path: "路径", int: "数字", float: "数字", str: "文字"}
"""Labels for values whose option gives no ``metavar``."""
HELP_OPTION = "显示本帮助后退出。"

_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—·%,.;:!?)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")
_PIECES = re.compile(r"[!-~]+| +|.")
"""A run of printable ASCII (a word, an option, a path), a run of spaces, or one other
character: the pieces a line may break between."""


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for wide and ambiguous characters (a
    Chinese console draws “ ” as wide), none for combining marks."""
    if text.isascii():
        return len(text)
    columns = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        columns += 2 if unicodedata.east_asian_width(char) in "WFA" else 1
    return columns


def wrap(line: str, columns: int) -> list[str]:
    """``line`` broken into lines of at most ``columns`` columns, between words and
    between Chinese characters, never before closing or after opening punctuation."""
    columns = max(columns, 10)
    lines: list[str] = []
    current: list[str] = []
    for piece in _pieces(line, columns):
        if piece.isspace() and not current:
            continue
        if current and width("".join(current)) + width(piece) > columns and not piece.isspace():
            carried: list[str] = []
            while current and current[-1].isspace():
                current.pop()
            while len(current) > 1 and (carried or [piece])[0] in _NO_LINE_START:
                carried.insert(0, current.pop())  # a closing mark takes what it closes along
            while len(current) > 1 and current[-1][-1] in _NO_LINE_END:
                carried.insert(0, current.pop())
            lines.append("".join(current).rstrip())
            while carried and carried[0].isspace():
                carried.pop(0)
            current = carried
        current.append(piece)
    if current or not lines:
        lines.append("".join(current).rstrip())
    return lines


def _pieces(line: str, columns: int) -> Iterator[str]:
    for piece in _PIECES.findall(line):
        while width(piece) > columns:  # a word longer than a line: cut it
            cut = columns
            while width(piece[:cut]) > columns:
                cut -= 1
            yield piece[:cut]
            piece = piece[cut:]
        yield piece


def paragraphs(text: str, columns: int) -> list[str]:
    """Every line of ``text`` wrapped to ``columns``; its line breaks and empty lines kept."""
    out: list[str] = []
    for line in text.splitlines():
        out.extend(wrap(line.strip(), columns) if line.strip() else [""])
    return out


class HelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,name-defined]
    """click's help formatter, measuring and wrapping with :func:`width` and :func:`wrap`."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{'':>{self.current_indent}}{prefix if prefix is not None else '用法：'}{prog} "
        args = translate_message(args)
        lines = wrap(args, self.width - width(head)) if args else [""]
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * width(head) + line + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in paragraphs(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        first = min(max(width(name) for name, _ in rows), col_max) + col_spacing
        text_columns = self.width - self.current_indent - first
        for name, text in rows:
            self.write(f"{'':>{self.current_indent}}{name}")
            lines = paragraphs(text, text_columns) if text else []
            if not lines:
                self.write("\n")
                continue
            if width(name) <= first - col_spacing:
                self.write(" " * (first - width(name)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first + self.current_indent) + line + "\n" if line else "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class PlanContext(typer.Context):
    formatter_class = HelpFormatter


def label(param: Any) -> str:
    """The value label of ``param``: its ``metavar``, else a Chinese word for its type."""
    if param.metavar:
        return str(param.metavar)
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    if getattr(descriptor, "is_list", False):
        annotation = getattr(annotation, "__args__", (None,))[0]
    return TYPE_LABELS.get(annotation, "值")


def help_record(param: Any) -> tuple[str, str] | None:
    """The help row of ``param``: its options (or name) with the value's label, and its
    help with 默认 and 必填 after it."""
    if getattr(param, "hidden", False):
        return None
    flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
    if param.param_type_name == "argument":
        name = label(param)
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
    else:
        opts = sorted(param.opts, key=lambda o: len(o) - len(o.lstrip("-")))
        name = ", ".join(opts) + ("" if flag else f" {label(param)}")
    extra = []
    if not flag and param.default is not None and param.show_default is not False:
        default = param.default
        if isinstance(default, float) and default.is_integer():
            default = int(default)
        extra.append(f"默认：{default}")
    if param.required:
        extra.append("必填")
    text = param.help or ""
    if extra:
        text = f"{text}  [{'；'.join(extra)}]" if text else f"[{'；'.join(extra)}]"
    return name, text


def format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """The 参数 and 选项 sections of ``command``'s help."""
    for kind, heading in SECTIONS.items():
        rows = [
            record
            for param in command.get_params(ctx)
            if param.param_type_name == kind and (record := help_record(param)) is not None
        ]
        if rows:
            with formatter.section(heading):
                formatter.write_dl(rows)


def short_help(command: Any) -> str:
    """What a group's help says of ``command``: its short help, else its first paragraph."""
    text = command.short_help or command.help or ""
    return text.strip().split("\n\n")[0].replace("\n", "")


class _Help:
    """What :class:`PlanCommand` and :class:`PlanGroup` share."""

    context_class = PlanContext

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
            # A bool, not None, when absent: typer then needs no converter for it.
            option.default = False
        return option


class PlanCommand(_Help, TyperCommand):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)


class PlanGroup(_Help, TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, short_help(command)))
        if rows:
            with formatter.section(COMMANDS):
                formatter.write_dl(rows)


class PlanTyper(typer.Typer):
    """A typer application whose commands and groups have planmaker's help."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", PlanGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", PlanCommand)
        return super().command(*args, **kwargs)

"""Chinese for the words typer and click print themselves (Usage, Options, their errors).

click marks its texts with gettext's ``_`` at import time; we rebind ``_`` in its
modules to a lookup in :data:`WORDS` and set typer's help panel titles. Texts we do not
know stay in English rather than break.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

WORDS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Error": "错误",
    "Aborted.": "已中断。",
    "Aborted!": "已中断。",
    "[default: {}]": "[默认：{}]",
    "[required]": "[必填]",
    "[env var: {}]": "[环境变量：{}]",
    "(deprecated) ": "（已弃用）",
    "Show this message and exit.": "显示本帮助后退出。",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "No such option: {name}": "没有这个选项：{name}",
    "Missing argument {param_hint}.": "缺少参数 {param_hint}。",
    "Missing option {param_hint}.": "缺少选项 {param_hint}。",
    "Missing parameter {param_hint}.": "缺少参数 {param_hint}。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Did you mean {possibility}?": "是不是想写 {possibility}？",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一：{choices}。",
    "{value!r} is not a valid boolean.": "{value!r} 不是有效的 是/否 值。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Path {name} does not exist.": "路径 {name} 不存在。",
    "File {name} does not exist.": "文件 {name} 不存在。",
    "Directory {name} does not exist.": "文件夹 {name} 不存在。",
    "Show the version and exit.": "显示版本号后退出。",
}

PATTERNS = [
    (r"^Missing argument '?(.+?)'?\.$", r"缺少参数 \1。"),
    (r"^Missing option '?(.+?)'?\.$", r"缺少选项 \1。"),
    (r"^Missing parameter:? '?(.+?)'?\.?$", r"缺少参数 \1。"),
    (r"^No such option: (\S+?)\.?(?= |$)", r"没有这个选项：\1。"),
    (r" ?\(Possible options: (.+)\)$", r"可用的相近选项：\1。"),
    (r"^No such command '?(.+?)'?\.", r"没有这个命令：\1。"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多出了参数：\1。"),
    (r"^Option '?(.+?)'? requires an argument\.$", r"选项 \1 后面需要一个值。"),
    (r"^Invalid value for '?(.+?)'?: (.*)$", r"\1 的值无效：\2"),
    (r" Did you mean (\S+?)\?$", r" 是不是想写 \1？"),
    (r"^Usage: ", "用法："),
    (r"\[OPTIONS\]", "[选项]"),
    (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
]
"""Regular expressions for click's messages in typer releases that no longer use gettext."""


def translate_message(text: str) -> str:
    """A click error or usage line in Chinese (unknown texts stay as they are)."""
    import re

    for pattern, replacement in PATTERNS:
        text = re.sub(pattern, replacement, text)
    return text


_MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui", "utils")


def translate(text: str) -> str:
    return WORDS.get(text, text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Rebind click's and typer's gettext functions and typer's panel titles to Chinese.

    Only the click typer uses (its own copy in recent releases, else click itself), and
    typer's rich help only when something has loaded it: loading it costs more than
    all of a help page."""
    for package in ("typer._click", "click"):
        try:
            importlib.import_module(f"{package}.core")
        except ImportError:
            continue
        for name in _MODULES:
            try:
                module: Any = importlib.import_module(f"{package}.{name}")
            except ImportError:
                continue
            if hasattr(module, "_"):
                module._ = translate
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext
        break
    _patch_help_option_and_usage()
    rich_utils: Any = sys.modules.get("typer.rich_utils")
    if rich_utils is None:
        return
    for const in (
        "DEPRECATED_STRING",
        "DEFAULT_STRING",
        "ENVVAR_STRING",
        "REQUIRED_LONG_STRING",
        "ARGUMENTS_PANEL_TITLE",
        "OPTIONS_PANEL_TITLE",
        "COMMANDS_PANEL_TITLE",
        "ERRORS_PANEL_TITLE",
        "ABORTED_TEXT",
        "RICH_HELP",
    ):
        value = getattr(rich_utils, const, None)
        if isinstance(value, str):
            setattr(rich_utils, const, translate(value))
    if hasattr(rich_utils, "_"):
        rich_utils._ = translate


def _patch_help_option_and_usage() -> None:
    """The ``--help`` option's own text and the ``Usage:`` prefix, which click hard-codes."""
    try:
        from typer._click.core import Command  # type: ignore[import-not-found]
        from typer._click.formatting import HelpFormatter  # type: ignore[import-not-found]
    except ImportError:
        return
    get_help_option = Command.get_help_option
    write_usage = HelpFormatter.write_usage

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = WORDS["Show this message and exit."]
        return option

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, translate_message(args), "用法：" if prefix is None else prefix)

    Command.get_help_option = help_option
    HelpFormatter.write_usage = usage

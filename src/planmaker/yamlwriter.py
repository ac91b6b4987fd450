"""YAML text for the files planmaker writes for people to edit (``new``, ``summarize``,
``report``): block style, readable Chinese, quoting always right.

The values go through PyYAML's safe dumper, so every string that needs quotes gets
them; Chinese stays readable (``allow_unicode``), text of several lines is a ``|``
block, lines are never folded, and a short list can be asked for on one line
(:class:`Flow`). :class:`Lines` builds a file line by line, with comments between the
values, which a plain dump cannot carry.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper with indented lists and ``|`` blocks for text of several lines."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class Flow(list):  # type: ignore[type-arg]
    """A short list written on one line: ``[9, 18]``."""


def _represent_flow(dumper: yaml.SafeDumper, values: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", values, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Flow, _represent_flow)


def dump(value: Any) -> str:
    """``value`` as block-style YAML with readable Chinese and no line folding."""
    return yaml.dump(
        value,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


class Lines:
    """The file being written, line by line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def comment(self, text: str, indent: int = 0) -> None:
        for line in text.split("\n"):
            self.lines.append(" " * indent + ("# " + line if line else "#"))

    def value(self, key: str, value: Any, note: str | None = None, indent: int = 0) -> None:
        """``key: value`` (a YAML fragment), with ``note`` at its end when it is one line."""
        fragment = dump({key: value}).rstrip("\n").split("\n")
        if note and len(fragment) == 1:
            fragment[0] += f"   # {note}"
        elif note:
            self.comment(note, indent)
        self.lines.extend(" " * indent + line for line in fragment)

    def item(self, value: Any, indent: int) -> None:
        """One ``- …`` list item."""
        fragment = dump([value]).rstrip("\n").split("\n")
        self.lines.extend(" " * indent + line for line in fragment)

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

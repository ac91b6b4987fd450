"""YAML text → plain data, with the line and column of every key and value.

PyYAML's node API (``compose``) is used instead of ``safe_load`` for three reasons:
every scalar stays text (so ``2025.10`` or ``no`` never turn into a float or a boolean
behind the user's back; the model converts), duplicate keys can be detected (PyYAML
keeps the last one silently), and positions survive for error messages.

The walk is bounded: an alias bomb ("billion laughs") or an absurdly deep tree is
refused after :data:`MAX_NODES` nodes or :data:`MAX_DEPTH` levels, in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planmaker.errors import Location, PlanError, Problem

MAX_NODES = 20_000
MAX_DEPTH = 40

Path = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
# A key written with a full-width colon, or an ASCII colon followed by a full-width space,
# as Chinese input methods type them. Only consulted where the YAML does not parse.
_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w]*|[\u4e00-\u9fff]{1,8})\s*：")
_FULLWIDTH_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w]*|[\u4e00-\u9fff]{1,8}):\u3000")


@dataclass
class Loaded:
    """Plain data (dicts with text keys, lists, text, None) and where each piece was written."""

    data: Any
    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> Location:
        """The location of the value (or, with ``key``, of the key) at ``path``.

        Falls back to the nearest enclosing place that is known, so a problem with a
        missing key points at the mapping that lacks it.
        """
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return Location(self.file, *table[probe])
            if probe in self.values:
                return Location(self.file, *self.values[probe])
            probe = probe[:-1]
        line, col = self.values.get((), (1, 1))
        return Location(self.file, line, col)


def load_yaml(text: str, file: str) -> Loaded:
    """Parse ``text`` (the content of ``file``) into :class:`Loaded`, or raise PlanError."""
    if not text.strip(" \t\r\n\ufeff\u3000"):
        raise PlanError("input.empty", Location(file))
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        root = _compose_for_message(text, file)
    if root is None:
        raise PlanError("input.empty", Location(file))
    loaded = Loaded(None, file)
    walker = _Walker(loaded)
    loaded.data = walker.walk(root, ())
    if walker.problems:
        raise PlanError.of(walker.problems)
    return loaded


def _compose_for_message(text: str, file: str) -> yaml.Node | None:
    """Parse again with the pure-Python loader, whose errors we know how to word.

    The C loader (libyaml) is several times faster and is used first; its messages
    differ, so a file it refuses is read once more here to say what is wrong.
    """
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, file) from err
    except yaml.reader.ReaderError as err:  # a character YAML does not allow in a file
        before = text[: err.position]
        line = before.count("\n") + 1
        col = err.position - (before.rfind("\n") + 1) + 1
        char = err.character if isinstance(err.character, str) else chr(err.character)
        raise PlanError(
            "text.bad_char", Location(file, line, col), char=f"U+{ord(char):04X}"
        ) from err


class _Walker:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.count = 0
        self.problems: list[Problem] = []

    def walk(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        where = Location(self.loaded.file, node.start_mark.line + 1, node.start_mark.column + 1)
        if self.count > MAX_NODES:
            raise PlanError("yaml.too_many_nodes", where, limit=MAX_NODES)
        if len(path) > MAX_DEPTH:
            raise PlanError("yaml.too_deep", where, limit=MAX_DEPTH)
        self.loaded.values.setdefault(path, (where.line, where.col))
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kwhere = Location(
                self.loaded.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL_TAG:
                self.problems.append(Problem("yaml.bad_key", kwhere))
                continue
            key = key_node.value
            if key in out:
                first = self.loaded.keys[(*path, key)]
                self.problems.append(
                    Problem("yaml.duplicate_key", kwhere, {"key": key, "first": first[0]})
                )
                continue
            self.loaded.keys[(*path, key)] = (kwhere.line, kwhere.col)
            out[key] = self.walk(value_node, (*path, key))
        return out


def _syntax_error(err: yaml.MarkedYAMLError, text: str, file: str) -> PlanError:
    """Word a PyYAML error as one of ours, spotting the usual slips of Chinese typists."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    lines = text.splitlines()
    problem = err.problem or ""
    if "\\t" in problem or "'\\t'" in problem or _tab_in_indent(lines, line):
        row = lines[line - 1] if 0 < line <= len(lines) else ""
        return PlanError(
            "yaml.tab", Location(file, line, row.find("\t") + 1 if "\t" in row else col)
        )
    if "special characters are not allowed" in problem:
        return PlanError("text.bad_char", Location(file, line, col), char=_char_at(text, mark))
    # Look at the error line and the few before it (PyYAML often notices on the next line).
    for n in range(min(line, len(lines)), max(0, line - 4), -1):
        row = lines[n - 1]
        m = _FULLWIDTH_COLON.match(row)
        if m:
            return PlanError(
                "yaml.fullwidth_colon", Location(file, n, row.index("：") + 1), key=m.group(2)
            )
        m = _FULLWIDTH_SPACE.match(row)
        if m:
            return PlanError(
                "yaml.fullwidth_space", Location(file, n, row.index("\u3000") + 1), key=m.group(2)
            )
    return PlanError("yaml.syntax", Location(file, line, col), problem=_problem_text(err))


def _tab_in_indent(lines: list[str], line: int) -> bool:
    if not 0 < line <= len(lines):
        return False
    row = lines[line - 1]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent


def _char_at(text: str, mark: Any) -> str:
    if mark is None or mark.index is None or mark.index >= len(text):
        return "?"
    return f"U+{ord(text[mark.index]):04X}"


def _problem_text(err: yaml.MarkedYAMLError) -> str:
    return " ".join(part for part in (err.context, err.problem) if part)

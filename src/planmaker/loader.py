"""YAML text → plain data, with the line and column of every key and value.

PyYAML's node API (``compose``) is used instead of ``safe_load`` for three reasons:
every scalar stays text (so ``2025.10`` or ``no`` never turn into a float or a boolean
behind the user's back; the model converts), duplicate keys can be detected (PyYAML
keeps the last one silently), and positions survive for error messages.

Work is bounded before it starts: nothing recursive runs on nesting deeper than it can
take, so ``[[[[…`` a million deep is refused at the bracket that goes too deep, whichever
libyaml (if any) is installed; an alias bomb ("billion laughs") is refused after
:data:`MAX_NODES` nodes. Both take milliseconds. In the main thread, a libyaml that
refuses nesting past :data:`SAFE_RECURSION` levels itself (0.2.6 does, past 1,000)
composes at once, and the walk over its nodes refuses what is past :data:`MAX_NESTING`;
with any other loader, or in another thread, the depth is checked on the event stream
(an iterative parser) first.

Characters YAML does not allow in a file (C0 controls, U+FFFE …) are reported where
they stand, each one, and the rest of the file is still read so that every problem is
listed. NEL, LS and PS (U+0085, U+2028, U+2029) are ordinary characters, as in YAML 1.2,
in editors and in docs/yaml.md §3 (line ends are \n, \r\n and \r), although PyYAML (YAML 1.1)
would break lines at them and fold them into spaces. PyYAML's English syntax errors are turned into our own codes, spotting the
slips Chinese typists make: a full-width colon ``：`` or space after a key, a colon
without its space, full-width or tab indentation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from typing import Any

import yaml

from planmaker.errors import Location, PlanError, Problem
from planmaker.markdown import BAD_CHARS, bad_char_code

# Characters a DOCX cannot hold (defined with the Markdown form every writer reads).
# Written raw, YAML refuses them too; written as escapes in double quotes (``"\\x01"``),
# YAML takes them, and :func:`load_yaml` does not.

MAX_NODES = 20_000
"""Nodes visited, aliases expanded; a long plan has a few thousand."""
MAX_NESTING = 40
"""Nesting levels of mappings and lists; a plan needs about ten."""
SAFE_RECURSION = 1000
"""Nesting levels the fast loader's composer (recursive C) may go through: a libyaml that
refuses deeper nesting itself composes without a first pass over the events."""

Path = tuple[str | int, ...]

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"
_REPLACEMENT = "\ufffd"
_NOT_BREAKS = ("\x85", "\u2028", "\u2029")
_KEY = r"([A-Za-z_]\w*|[\u4e00-\u9fff]{1,8})"
# The slips of Chinese typists, consulted only near a place where the YAML does not parse:
# patterns ``re`` compiles (and keeps) when first used, not on every start.
_FULLWIDTH_COLON = r"^(\s*(?:-\s+)?)" + _KEY + r"\s*："
_FULLWIDTH_SPACE = r"^(\s*(?:-\s+)?)" + _KEY + r":\u3000"
_COLON_NO_SPACE = r"^(\s*(?:-\s+)?)" + _KEY + r":(?=[^\s/:\"'])"
_ODD_INDENT = r"^[ \t]*([\u3000\u00a0])"
_QUOTED = re.compile(r"'(.*)'")
# The escapes of a double-quoted scalar, to find the one that wrote a bad character.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SHORT_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "e": "\x1b"}


@dataclass
class Loaded:
    """Plain data (dicts with text keys, lists, text, None) and where each piece was written.

    ``values`` and ``keys`` map a path (keys and list indexes) to the 1-based line and
    column of the value or key.
    """

    data: Any
    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    folded: dict[tuple[int, int], str] = field(default_factory=dict)
    """Lines that start with “- ” inside a plain text of several lines: YAML folded a
    mis-indented list item into the text before it (“备课 - 上课”); place → that text."""

    def where(self, path: Path, *, key: bool = False) -> Location:
        """The location of the value (or, with ``key``, of the key) at ``path``.

        Falls back to the key of the nearest enclosing place that is known, so a
        problem with a missing key points at the mapping that lacks it.
        """
        probe = tuple(path)
        while probe:
            if key and probe in self.keys:
                return Location(self.file, *self.keys[probe])
            if probe in self.values:
                return Location(self.file, *self.values[probe])
            probe = probe[:-1]
            key = True
        line, col = self.values.get((), (1, 1))
        return Location(self.file, line, col)


def load_yaml(text: str, file: str) -> Loaded:
    """Parse ``text`` (the content of ``file``) into :class:`Loaded`, or raise PlanError.

    Every character YAML or a DOCX does not allow (:data:`BAD_CHARS`), every duplicate
    key and every key that is not plain text is reported together; a syntax error is
    reported with them.
    """
    if not text.strip(" \t\r\n\ufeff\u3000"):
        raise PlanError("input.empty", Location(file))
    problems: list[Problem] = []
    text = _replace_unprintable(text, file, problems)
    text, restore = _shield_characters(text)
    try:
        root = _compose(text, file)
    except PlanError as err:
        raise _in_order([*problems, *err.problems]) from err
    if root is None:
        raise _in_order(problems) if problems else PlanError("input.empty", Location(file))
    loaded = Loaded(None, file)
    walker = _Walker(loaded, text, restore, problems)
    try:
        loaded.data = walker.walk(root, ())
    except PlanError as err:
        raise _in_order([*problems, *err.problems]) from err
    if problems:
        raise _in_order(problems)
    return loaded


def _in_order(problems: list[Problem]) -> PlanError:
    """One error listing ``problems`` from the top of the file down."""
    return PlanError.of(sorted(problems, key=lambda p: (p.where.line or 0, p.where.col or 0)))


def _replace_unprintable(text: str, file: str, problems: list[Problem]) -> str:
    """Report each character YAML refuses in a file, and put U+FFFD in its place.

    The replacement keeps every position as it is, so the rest of the file can still
    be read and its problems listed; nothing is written while a problem remains.
    """
    found = list(yaml.reader.Reader.NON_PRINTABLE.finditer(text))
    if not found:
        return text
    for m in found:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(
            Problem("text.bad_char", Location(file, line, col), {"char": f"U+{ord(m.group()):04X}"})
        )
    return yaml.reader.Reader.NON_PRINTABLE.sub(_REPLACEMENT, text)


def _shield_characters(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with NEL, LS and PS put out of PyYAML's sight, and the table to undo it.

    Each becomes a character the text does not contain, from the private-use planes
    first: a printable character of the same length, so every position stays as it is.
    Some character of the supplementary planes is always free: a text holding all of
    their 1,048,576 characters would be over 4 MB, twice the size any input may have.
    """
    found = [c for c in _NOT_BREAKS if c in text]
    if not found:
        return text, {}
    used = set(text)
    candidates = chain(range(0xF0000, 0x110000), range(0x10000, 0xF0000))
    free = (chr(cp) for cp in candidates if chr(cp) not in used)
    stand_in = {c: next(free) for c in found}
    shielded = text.translate({ord(c): s for c, s in stand_in.items()})
    return shielded, {ord(s): c for c, s in stand_in.items()}


def _compose(text: str, file: str) -> yaml.Node | None:
    """The node tree of ``text``, composed only as deep as the composer can recurse.

    The fast loader composes at once when it may (:func:`_composes_at_once`; the walk
    then refuses what is past :data:`MAX_NESTING`); otherwise its event stream is
    checked first. A libyaml build may refuse deep nesting while scanning ahead, before
    the deep events exist, and words its errors its own way: whatever it refuses is read
    again by :class:`_CheckedLoader`, which does not depend on which libyaml is present.
    """
    if _FAST is not yaml.SafeLoader:
        try:
            if not _composes_at_once(_FAST):
                _check_depth(yaml.parse(text, Loader=_FAST), file)
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    loader = _CheckedLoader(text, file)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, file) from err
    except yaml.YAMLError as err:
        raise PlanError("yaml.syntax", Location(file)) from err
    finally:
        loader.dispose()


def _composes_at_once(loader: type) -> bool:
    """Whether ``loader`` may compose without a first pass over the events: it composes
    in C (libyaml) and refuses nesting past :data:`SAFE_RECURSION` levels on its own,
    and this is the main thread, whose stack (a megabyte or more on every system) holds
    that much recursion (some 300 KB)."""
    return threading.current_thread() is threading.main_thread() and _refuses_deep_nesting(loader)


@cache
def _refuses_deep_nesting(loader: type) -> bool:
    """Whether ``loader`` is libyaml's and refuses nesting past :data:`SAFE_RECURSION`
    levels: tried once, on list items each inside the one before, in C alone (libyaml
    0.2.6 counts brackets and indentation against the same limit, and trying brackets
    would take twenty times as long)."""
    c_parser = getattr(getattr(yaml, "cyaml", None), "CParser", None)
    if c_parser is None or not issubclass(loader, c_parser):
        return False
    probe = loader("- " * (SAFE_RECURSION + 1) + "x\n")
    try:
        probe.raw_parse()  # every event, none made into a Python object
    except yaml.YAMLError:
        return True
    except AttributeError:  # a PyYAML without it: the events are checked instead
        return False
    finally:
        probe.dispose()
    return False


def _check_depth(events: Iterable[yaml.Event], file: str) -> None:
    """Refuse (``yaml.too_deep``, at the collection that goes too deep) nesting past the limit."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise PlanError("yaml.too_deep", _place(file, event.start_mark), limit=MAX_NESTING)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _CheckedLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, counting nesting on each event the composer takes.

    Its scanner and parser are iterative and have no nesting limit of their own; its
    composer recurses once per level, so the count stops it at :data:`MAX_NESTING`, long
    before Python's recursion limit. Its errors are the ones :func:`_syntax_error` words.
    """

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text)
        self.file = file
        self.depth = 0

    def get_event(self) -> yaml.Event:
        event = super().get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise PlanError(
                    "yaml.too_deep", _place(self.file, event.start_mark), limit=MAX_NESTING
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            self.depth -= 1
        return event


def _place(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


class _Walker:
    def __init__(
        self, loaded: Loaded, text: str, restore: dict[int, str], problems: list[Problem]
    ) -> None:
        self.loaded = loaded
        self.text = text
        self.restore = restore
        self.count = 0
        self.problems = problems

    def walk(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        mark = node.start_mark
        if self.count > MAX_NODES:
            raise PlanError("yaml.too_many_nodes", _place(self.loaded.file, mark), limit=MAX_NODES)
        if len(path) >= MAX_NESTING and not isinstance(node, yaml.ScalarNode):
            # a collection one level too deep, as the text or its aliases nest it
            raise PlanError("yaml.too_deep", _place(self.loaded.file, mark), limit=MAX_NESTING)
        self.loaded.values.setdefault(path, (mark.line + 1, mark.column + 1))
        restore = self.restore
        if isinstance(node, yaml.ScalarNode):
            if node.value is not None and BAD_CHARS.search(node.value):
                self.check_chars(node)
            if node.style in (None, "") and node.end_mark.line > mark.line:
                self.find_folded(node)
            if node.tag == _NULL_TAG:
                return None
            return node.value.translate(restore) if restore else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        keys = self.loaded.keys
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL_TAG:
                self.problems.append(Problem("yaml.bad_key", _place(self.loaded.file, kmark)))
                continue
            key = key_node.value.translate(restore) if restore else key_node.value
            if key_node.value is not None and BAD_CHARS.search(key_node.value):
                self.check_chars(key_node)
            key_path = (*path, key)
            if key in out:
                self.problems.append(
                    Problem(
                        "yaml.duplicate_key",
                        _place(self.loaded.file, kmark),
                        {"key": key, "first": keys[key_path][0]},
                    )
                )
                continue
            keys[key_path] = (kmark.line + 1, kmark.column + 1)
            out[key] = self.walk(value_node, key_path)
        return out

    def find_folded(self, node: yaml.ScalarNode) -> None:
        """Record each continuation line of a plain text that starts with “- ” (see ``folded``)."""
        written = self.text[node.start_mark.index : node.end_mark.index]
        lines = re.split(r"\r\n|\r|\n", written)[1:]
        for n, row in enumerate(lines, start=node.start_mark.line + 2):
            body = row.lstrip(" ")
            if body == "-" or body.startswith("- "):
                value = node.value.translate(self.restore)
                self.loaded.folded[(n, len(row) - len(body) + 1)] = value

    def check_chars(self, node: yaml.ScalarNode) -> None:
        """Report a character a DOCX cannot hold, at the escape that wrote it.

        Raw ones were reported (and replaced) before parsing, so one found here came
        from an escape in double quotes; the node's start is the fallback.
        """
        if node.value is None or not (m := BAD_CHARS.search(node.value)):
            return
        where = _place(self.loaded.file, node.start_mark)
        if node.style == '"':
            start, end = node.start_mark.index, node.end_mark.index
            for esc in _ESCAPE.finditer(self.text, start, end):
                if _unescape(esc.group(1)) == m.group():
                    before = self.text[: esc.start()]
                    col = esc.start() - (before.rfind("\n") + 1) + 1
                    where = Location(self.loaded.file, before.count("\n") + 1, col)
                    break
        problem = Problem(bad_char_code(m.group()), where, {"char": f"U+{ord(m.group()):04X}"})
        if problem not in self.problems:  # an alias repeats its anchor's text
            self.problems.append(problem)


def _unescape(escape: str) -> str | None:
    """The character a YAML escape (the part after the backslash) stands for, if one."""
    if escape[0] in "xuU" and len(escape) > 1:
        code = int(escape[1:], 16)
        return chr(code) if code <= 0x10FFFF else None
    return _SHORT_ESCAPES.get(escape)


# PyYAML's problem (or context) text → our code, the first match wins. The mark used is
# the problem's, or with ``opener`` the place where the unclosed thing began.
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("scanning a quoted scalar", "yaml.unclosed_quote", True),
    ("parsing a flow sequence", "yaml.unclosed_bracket", True),
    ("parsing a flow mapping", "yaml.unclosed_brace", True),
    ("expected a single document", "yaml.several_documents", False),
    ("found undefined alias", "yaml.undefined_alias", False),
    ("unknown escape character", "yaml.bad_escape", False),
    ("scanning an anchor", "yaml.bad_start", True),
    ("scanning an alias", "yaml.bad_start", True),
    ("cannot start any token", "yaml.bad_start", False),
    ("scanning a block scalar", "yaml.block_scalar", True),
    ("mapping values are not allowed", "yaml.unexpected_colon", False),
    ("could not find expected ':'", "yaml.missing_colon", True),
    ("but found '<scalar>'", "yaml.text_after_value", False),
    ("expected <block end>", "yaml.indent", False),
    ("did not find expected", "yaml.indent", False),
    ("are not allowed here", "yaml.indent", False),
)


def _syntax_error(err: yaml.MarkedYAMLError, text: str, file: str) -> PlanError:
    """Word a PyYAML error as one of ours, spotting the usual slips of Chinese typists."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    lines = text.splitlines()
    problem = err.problem or ""
    described = f"{err.context or ''} {problem}"
    if "'\\t'" in problem or _tab_in_indent(lines, line):
        row = lines[line - 1] if 0 < line <= len(lines) else ""
        return PlanError(
            "yaml.tab", Location(file, line, row.find("\t") + 1 if "\t" in row else col)
        )
    first = err.context_mark.line + 1 if err.context_mark else line
    slip = _typing_slip(lines, file, line, min(first, line - 3))
    if slip is not None:
        return slip
    for fragment, code, opener in _PROBLEMS:
        if fragment in described:
            place = err.context_mark if opener and err.context_mark else mark
            where = _place(file, place) if place else Location(file, line, col)
            if code == "yaml.unexpected_colon" and _deeper_than_above(lines, line):
                code = "yaml.indent"
            if code == "yaml.text_after_value":
                if not _after_closer(lines, line, col):
                    code = "yaml.indent"
                elif opening := _unclosed_quote(text, mark):
                    return PlanError(
                        "yaml.unclosed_quote", _place(file, opening), char=opening.char
                    )
            name = m.group(1) if (m := _QUOTED.search(problem)) else ""
            return PlanError(code, where, char=_char_at(text, place), name=name, line=line)
    return PlanError("yaml.syntax", Location(file, line, col))


def _typing_slip(lines: list[str], file: str, last: int, first: int) -> PlanError | None:
    """A full-width colon, full-width space, missing space or odd indent near the error.

    Lines ``last`` down to ``first`` (1-based) are looked at, nearest first: PyYAML
    often notices a slip a line or two after it.
    """
    for n in range(min(last, len(lines)), max(0, first - 1), -1):
        row = lines[n - 1]
        if m := re.match(_ODD_INDENT, row):
            return PlanError(
                "yaml.fullwidth_indent", Location(file, n, m.start(1) + 1), char=m.group(1)
            )
        if m := re.match(_FULLWIDTH_COLON, row):
            return PlanError(
                "yaml.fullwidth_colon", Location(file, n, row.index("：") + 1), key=m.group(2)
            )
        if m := re.match(_FULLWIDTH_SPACE, row):
            return PlanError(
                "yaml.fullwidth_space", Location(file, n, row.index("\u3000") + 1), key=m.group(2)
            )
        if m := re.match(_COLON_NO_SPACE, row):
            return PlanError("yaml.colon_no_space", Location(file, n, m.end() + 1), key=m.group(2))
    return None


def _deeper_than_above(lines: list[str], line: int) -> bool:
    """Whether line ``line`` is indented more than the content line above it.

    Then a ``key: value`` on it was meant as a sibling of the line above, not as part
    of that line's value (which is how YAML reads it).
    """
    if not 1 < line <= len(lines):
        return False
    row = lines[line - 1]
    above = next((r for r in reversed(lines[: line - 1]) if r.strip()), "")
    indent = len(row) - len(row.lstrip(" "))
    return bool(above) and indent > len(above) - len(above.lstrip(" ")) and ": " in above


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int
    char: str


def _unclosed_quote(text: str, mark: Any) -> _Mark | None:
    """Where a quote opened on an earlier line than the one that closes before ``mark``.

    YAML lets a quoted value run over lines, so a quote left open runs on to the next
    quote in the file, and the error shows there; the user's slip is where it opened.
    """
    closing = len(text[: mark.index].rstrip(" \t")) - 1
    quote = text[closing] if closing >= 0 else ""
    if quote not in ('"', "'"):
        return None
    opening = closing - 1
    while opening >= 0 and (text[opening] != quote or (quote == '"' and _escaped(text, opening))):
        opening -= 1
    if opening < 0 or "\n" not in text[opening:closing]:
        return None
    line_start = text.rfind("\n", 0, opening) + 1
    return _Mark(text.count("\n", 0, opening), opening - line_start, quote)


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    n = 0
    while index - n - 1 >= 0 and text[index - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _after_closer(lines: list[str], line: int, col: int) -> bool:
    """Whether column ``col`` of line ``line`` follows a closing quote or bracket."""
    if not 0 < line <= len(lines):
        return False
    return lines[line - 1][: col - 1].rstrip().endswith(('"', "'", "]", "}"))


def _tab_in_indent(lines: list[str], line: int) -> bool:
    if not 0 < line <= len(lines):
        return False
    row = lines[line - 1]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent


def _char_at(text: str, mark: Any) -> str:
    if mark is None or mark.index is None or mark.index >= len(text):
        return ""
    return text[mark.index]

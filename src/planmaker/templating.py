"""The one place that builds the Jinja2 environment and runs templates.

Templates run in Jinja2's sandbox with :class:`~jinja2.StrictUndefined`, so a
misspelt name or a reach for Python internals stops with a message naming the template
file and line; :mod:`planmaker.sandbox` hands them plain data only and bounds their
time, output and what they build. Search order: a template file given with ``--template``, the unit's own
folders (``templates:`` in the YAML), then the built-ins. The built-ins are also
reachable as ``builtin/<name>``, so that a unit's ``plan.md.j2`` can extend the
built-in one, and a name a built-in uses inside itself (``{% import "_macros.md.j2" %}``)
always means the built-in of that name: a unit's own ``_macros.md.j2`` changes the
templates that import it from the unit's folder, never the built-ins.

User text is escaped on output by the environment's ``finalize`` (it becomes literal
Markdown, see :func:`escape_value`); helpers that emit Markdown return ``Markup``, which
passes through. :data:`FILTERS` is the only registry of helpers.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planmaker import context as ctx
from planmaker import numbering
from planmaker.errors import Location, PlanError
from planmaker.intake import TEMPLATE_MAX_BYTES, check_regular, checked_loader
from planmaker.markdown import escape_text

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger(__name__)

TEMPLATE_SUFFIX = ".md.j2"
BUILTIN_PREFIX = "builtin/"
"""Names under this prefix are the built-in templates, whatever the unit's folders hold."""
BUILTIN_DESCRIPTIONS = {
    "plan": "工作计划（学期或年度）",
    "summary": "工作总结（含计划完成情况）",
    "report": "年度工作总结 / 学年工作总结（由 planmaker report 生成）",
}
"""Built-in template name → its one-line Chinese description (``templates list``)."""

_TEMPLATE_FILE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".md")
# Markdown trims these from the ends of a paragraph, heading or table cell, but the text
# rule of docs/yaml.md §3 keeps them: written as character references they survive.
_EDGE_SPACE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029"
_LEADING_SPACE = re.compile(f"^[{_EDGE_SPACE}]+")
_TRAILING_SPACE = re.compile(f"[{_EDGE_SPACE}]+$")
_INDENT = re.compile(r"^[ \t]*")
_LINE_END = re.compile(r"\r\n|\r|\n")
_QUOTED = re.compile(r"'([^']*)'")
_MAY_CHANGE = re.compile(rf"[\\`*_\[\]<>#|&!~{{}}$\r\n{_EDGE_SPACE}]|^[ \t\-+=:>]|^\d")
"""Something :func:`escape_value` changes: a character that may start markup, a line
break, a space Markdown trims, or a line starting with an indent or what may start a
list, quote, heading or number; a text without any of them comes out as it is."""


def escape_value(value: Any) -> str:
    """``value`` as literal Markdown text: whatever it holds, it never becomes structure.

    Each line is escaped by :func:`planmaker.markdown.escape_text` after its indent (so
    a second line ``  - x`` of a multi-line ``extra`` field does not start a list), and
    the white space Markdown would trim from the ends of a line is written as character
    references, so the text comes out of every writer as it is in the document model.
    """
    text = "" if value is None else str(value)
    if _MAY_CHANGE.search(text) is None:
        return text
    return "\n".join(_escape_line(line) for line in _LINE_END.split(text))


def _escape_line(line: str) -> str:
    indent = _INDENT.match(line).group(0)  # type: ignore[union-attr]
    text = escape_text(line[len(indent) :])
    text = _LEADING_SPACE.sub(_references, text)
    return indent + _TRAILING_SPACE.sub(_references, text)


def _references(match: re.Match[str]) -> str:
    return "".join(f"&#x{ord(c):X};" for c in match.group(0))


def _escaped(value: Any) -> str:
    from markupsafe import Markup

    return str(value) if isinstance(value, Markup) else escape_value(value)


def _join(values: Sequence[Any], sep: str = "") -> Any:
    """``join`` that escapes each piece as Markdown text (Jinja's own would not)."""
    from markupsafe import Markup

    return Markup(escape_value(sep).join(_escaped(v) for v in values))


def _cell(lines: Sequence[Any]) -> Any:
    """Lines of one table cell, escaped and joined by ``<br>`` (the only raw HTML we write)."""
    from markupsafe import Markup

    return Markup("<br>".join(_escaped(v) for v in lines if v))


def _escape(value: Any) -> Any:
    """``escape``/``e``: Markdown escaping (HTML escaping would let ``# x`` through)."""
    from markupsafe import Markup

    return Markup(_escaped(value))


def _date(value: Any, style: str = "arabic") -> str:
    return numbering.format_date(value, style)


FILTERS = {
    "hanzi": numbering.to_hanzi,
    "week_label": numbering.week_label,
    "month_label": numbering.month_label,
    "date": _date,
    "date_range": numbering.format_range,
    "date_span": numbering.format_span,
    "list_line": ctx.list_line,
    "cell": _cell,
    "join": _join,
    "escape": _escape,
    "e": _escape,
}
"""Helpers every template may use as filters; documented in docs/模板编写指南.md."""


def builtin_dir() -> Path:
    """The folder of the built-in templates, shipped inside the package."""
    return Path(str(resources.files("planmaker.templates")))


def builtin_names() -> list[str]:
    """Names (file stems) of the built-in document templates; partials start with ``_``."""
    return sorted(
        p.name[: -len(TEMPLATE_SUFFIX)]
        for p in builtin_dir().glob("*" + TEMPLATE_SUFFIX)
        if not p.name.startswith("_")
    )


def builtin_file(name: str) -> Path:
    """The file of the built-in template ``name`` (``plan``, ``plan.md.j2``, ``_macros``).

    Raises PlanError ``template.not_found``.
    """
    filename = _with_suffix(name.removeprefix(BUILTIN_PREFIX))
    path = builtin_dir() / filename
    if "/" in filename or "\\" in filename or not path.is_file():
        raise PlanError("template.not_found", Location(name), name=name)
    return path


def builtin_files(name: str) -> list[Path]:
    """The built-in template ``name`` and every built-in it extends, imports or includes.

    The template itself comes first; the others follow in the order they are met.
    These are the files ``templates export`` copies, so that the copies use each other.
    """
    from jinja2 import meta

    env = environment(())
    found = [builtin_file(name)]
    for template in found:  # the list grows while it is walked: references of references
        source = template.read_text(encoding="utf-8")
        for ref in meta.find_referenced_templates(env.parse(source)):
            if ref is None:  # a name computed at run time: nothing to copy
                continue
            path = builtin_dir() / ref.removeprefix(BUILTIN_PREFIX)
            if path.is_file() and path not in found:
                found.append(path)
    return found


@cache
def environment(search: tuple[str, ...]) -> Environment:
    """The sandboxed environment searching ``search`` folders before the built-ins; the
    built-ins compiled once and kept (:mod:`planmaker.templatecache`)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from markupsafe import Markup

    from planmaker.sandbox import PlanSandbox
    from planmaker.templatecache import bytecode_cache

    class PlanEnvironment(PlanSandbox):
        def join_path(self, template: str, parent: str) -> str:
            """A name used inside a built-in template means the built-in of that name."""
            if parent.startswith(BUILTIN_PREFIX) and not template.startswith(BUILTIN_PREFIX):
                return BUILTIN_PREFIX + template
            return template

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        return Markup(escape_value(value))

    builtin = FileSystemLoader(str(builtin_dir()))
    env = PlanEnvironment(
        loader=ChoiceLoader(
            [checked_loader(list(search)), PrefixLoader({"builtin": builtin}), builtin]
        ),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(builtin_dir()),
    )
    env.add_filters(FILTERS)
    return env


def render_template(
    name: str,
    context: dict[str, Any],
    search: Sequence[Path] = (),
    *,
    shown_from: Path | None = None,
) -> str:
    """Render the template ``name`` with ``context``.

    ``name`` is a built-in (``builtin/plan``), a template file (a path with a folder in
    it, or an existing file named ``*.md.j2``, ``*.j2``, ``*.jinja``, ``*.md``) or a
    template name (``plan``, ``plan.md.j2``) looked up in the ``search`` folders, then
    among the built-ins.
    The template sees ``context`` as plain data and runs within
    :data:`planmaker.limits.LIMITS` (see :mod:`planmaker.sandbox`).
    Raises PlanError ``template.not_found``, ``template.syntax``,
    ``template.unknown_filter``, ``template.undefined``, ``template.unsafe``,
    ``template.recursion``, ``template.error`` or one of the limits' codes
    (``template.too_slow``, ``template.output_too_large``, ``template.text_too_large``,
    ``template.built_too_large``, ``template.list_too_large``,
    ``template.number_too_large``, ``template.range_too_large``), located at the
    template's file and line. The file is named relative to the folder ``shown_from``
    when it lies inside it (the folder the user works in), else as found.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    from planmaker import sandbox
    from planmaker.limits import TemplateLimit

    folders = [str(p) for p in search]
    path = Path(name)
    if name.startswith(BUILTIN_PREFIX):
        top = _with_suffix(name)
    elif _names_a_file(name):
        check_regular(name, TEMPLATE_MAX_BYTES, "template")
        folders.insert(0, str(path.parent.resolve()))
        top = path.name
    else:
        top = _with_suffix(name)
        if not any((Path(folder) / top).is_file() for folder in folders):
            top = BUILTIN_PREFIX + top
    env = environment(tuple(folders))
    try:
        template = env.get_template(top)
        _note_file(template.filename or top, shown_from)
        return sandbox.render(template, context)
    except TemplateLimit as err:
        where = Location(_shown(err.where[0], shown_from), err.where[1]) if err.where else None
        raise PlanError(
            err.code, where or _template_place(err, name, shown_from), **err.params
        ) from None
    except TemplateNotFound as err:
        if err.name == top:
            raise PlanError("template.not_found", Location(name), name=name) from err
        raise PlanError(
            "template.not_found",
            _template_place(err, name, shown_from),
            name=str(err.name).removeprefix(BUILTIN_PREFIX),
        ) from err
    except TemplateSyntaxError as err:
        where = Location(_shown(err.filename or err.name or name, shown_from), err.lineno)
        problem = (err.message or "").rstrip(".")
        if problem.startswith("No filter named"):
            raise PlanError(
                "template.unknown_filter",
                where,
                name=_first_quoted(problem),
                filters="、".join(FILTERS),
            ) from err
        raise PlanError("template.syntax", where, problem=problem) from err
    except UndefinedError as err:
        problem = err.message or ""
        raise PlanError(
            "template.undefined", _template_place(err, name, shown_from), name=_last_quoted(problem)
        ) from err
    except SecurityError as err:
        problem = str(err)
        raise PlanError(
            "template.unsafe", _template_place(err, name, shown_from), name=_first_quoted(problem)
        ) from err
    except PlanError:
        raise
    except RecursionError as err:  # a plan.md.j2 that extends "plan.md.j2": itself
        raise PlanError("template.recursion", _template_place(err, name, shown_from)) from err
    except Exception as err:  # a filter given the wrong thing, a division by zero …
        raise PlanError(
            "template.error",
            _template_place(err, name, shown_from),
            problem=f"{type(err).__name__}: {err}",
        ) from err


def _note_file(filename: str, shown_from: Path | None) -> None:
    """Log (for ``--verbose``) the template file used: a built-in by name, a user's by path."""
    if not log.isEnabledFor(logging.INFO):  # finding the real folder takes a dozen lookups
        return
    path = Path(filename)
    if path.resolve().parent == builtin_dir().resolve():
        name = path.name.removesuffix(TEMPLATE_SUFFIX)
        log.info("verbose.builtin_template", {"name": name, "file": str(path)})
    else:
        log.info("verbose.template", {"file": _shown(filename, shown_from)})


def _names_a_file(name: str) -> bool:
    """Whether ``--template name`` means a file rather than a template's name."""
    if "/" in name or os.sep in name:
        return True
    return name.endswith(_TEMPLATE_FILE_SUFFIXES) and Path(name).is_file()


def _with_suffix(name: str) -> str:
    return name if name.endswith(_TEMPLATE_FILE_SUFFIXES) else name + TEMPLATE_SUFFIX


def _first_quoted(message: str) -> str:
    """The first ``'…'`` in a Jinja message (the attribute in a sandbox refusal)."""
    found = _QUOTED.findall(message)
    return found[0] if found else message


def _last_quoted(message: str) -> str:
    """The missing name in ``'x' is undefined`` or ``'dict object' has no attribute 'x'``."""
    found = _QUOTED.findall(message)
    return found[-1] if found else message


def _shown(filename: str, shown_from: Path | None) -> str:
    """A template's file as a user would type it: relative to ``shown_from`` if inside."""
    if shown_from is None:
        return filename
    try:
        return str(Path(filename).resolve().relative_to(shown_from.resolve()))
    except (ValueError, OSError):
        return filename


def _template_place(err: BaseException, name: str, shown_from: Path | None) -> Location:
    """The template file and line where ``err`` happened, from Jinja's rewritten traceback.

    Jinja replaces the frames of compiled template code with frames that carry the
    template's file name and line (and ``__jinja_exception__`` in their globals); the
    innermost of these is where the template went wrong.
    """
    tb = err.__traceback__
    place = Location(name)
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            place = Location(_shown(tb.tb_frame.f_code.co_filename, shown_from), tb.tb_lineno)
        tb = tb.tb_next
    return place

"""The one place that builds the Jinja2 environment and runs templates.

Templates run in Jinja2's sandbox with :class:`~jinja2.StrictUndefined`, so a
misspelt name or a reach for Python internals stops with a message naming the template
file and line. Search order: a template file given with ``--template``, the unit's own
folders (``templates:`` in the YAML), then the built-ins, which are also reachable as
``builtin/<name>`` so that a unit's ``plan.md.j2`` can extend the built-in one.

User text is escaped on output by the environment's ``finalize`` (it becomes literal
Markdown, see :func:`planmaker.markdown.escape_text`); helpers that emit Markdown return
``Markup``, which passes through. :data:`FILTERS` is the only registry of helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planmaker import context as ctx
from planmaker import numbering
from planmaker.errors import Location, PlanError
from planmaker.markdown import escape_text

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE_SUFFIX = ".md.j2"
BUILTIN_DESCRIPTIONS = {
    "plan": "工作计划（学期或年度）",
    "summary": "工作总结（含计划完成情况）",
    "report": "年度工作总结 / 学年工作总结（由 planmaker report 生成）",
}
"""Built-in template name → its one-line Chinese description (``templates list``)."""


def _join(values: Sequence[Any], sep: str = "") -> Any:
    """``join`` that escapes each piece as Markdown text (Jinja's own would not)."""
    from markupsafe import Markup

    return Markup(escape_text(str(sep)).join(_escaped(v) for v in values))


def _escaped(value: Any) -> str:
    from markupsafe import Markup

    return str(value) if isinstance(value, Markup) else escape_text(str(value))


def _cell(lines: Sequence[Any]) -> Any:
    """Lines of one table cell, escaped and joined by ``<br>`` (the only raw HTML we write)."""
    from markupsafe import Markup

    return Markup("<br>".join(_escaped(v) for v in lines if v))


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


@cache
def environment(search: tuple[str, ...]) -> Environment:
    """The sandboxed environment searching ``search`` folders before the built-ins."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        return Markup(escape_text("" if value is None else str(value)))

    builtin = FileSystemLoader(str(builtin_dir()))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(
            [FileSystemLoader(list(search)), PrefixLoader({"builtin": builtin}), builtin]
        ),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def render_template(name: str, context: dict[str, Any], search: Sequence[Path] = ()) -> str:
    """Render the template ``name`` (a built-in name, a file name in ``search``, or a path).

    Raises PlanError ``template.not_found``, ``template.syntax``, ``template.undefined``,
    ``template.unsafe`` or ``template.error``, located at the template's file and line.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    folders = [str(p) for p in search]
    as_path = Path(name)
    if as_path.suffix in (".j2", ".jinja", ".md") or as_path.parent != Path("."):
        if not as_path.is_file():
            raise PlanError("template.not_found", Location(name), name=name)
        folders.insert(0, str(as_path.parent.resolve()))
        name = as_path.name
    elif not name.endswith(TEMPLATE_SUFFIX):
        name += TEMPLATE_SUFFIX
    env = environment(tuple(folders))
    try:
        template = env.get_template(name)
        return template.render(context)
    except TemplateNotFound as err:
        raise PlanError("template.not_found", Location(name), name=err.name) from err
    except TemplateSyntaxError as err:
        where = Location(err.filename or err.name or name, err.lineno)
        raise PlanError("template.syntax", where, problem=err.message or "") from err
    except UndefinedError as err:
        raise PlanError(
            "template.undefined", _template_place(err, name), problem=err.message or ""
        ) from err
    except SecurityError as err:
        raise PlanError("template.unsafe", _template_place(err, name), problem=str(err)) from err
    except PlanError:
        raise
    except Exception as err:  # a filter given the wrong thing, a division by zero …
        raise PlanError(
            "template.error", _template_place(err, name), problem=f"{type(err).__name__}: {err}"
        ) from err


def template_source_file(name: str, search: Sequence[Path] = ()) -> Path:
    """The file the template ``name`` is loaded from (for ``templates show/export``)."""
    env = environment(tuple(str(p) for p in search))
    if not name.endswith(TEMPLATE_SUFFIX):
        name += TEMPLATE_SUFFIX
    from jinja2 import TemplateNotFound

    try:
        _, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except TemplateNotFound as err:
        raise PlanError("template.not_found", Location(name), name=name) from err
    return Path(filename or name)


def _template_place(err: BaseException, name: str) -> Location:
    """The template file and line where ``err`` happened, from Jinja's rewritten traceback."""
    tb = err.__traceback__
    place = Location(name)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")) and filename != "<template>":
            place = Location(filename, tb.tb_lineno)
        tb = tb.tb_next
    return place if place.line is not None else Location(name)

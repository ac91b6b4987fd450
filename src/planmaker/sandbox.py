"""The Jinja2 sandbox templates run in: plain data in; bounded time, output and values.

A unit's template is code from outside. Jinja2's immutable sandbox already refuses
Python internals (``__class__``) and changes to data. :class:`PlanSandbox` adds, all in
this process (never a process per render):

- **plain data**: the context becomes plain data (:func:`planmaker.plain.plain`) where
  it enters Jinja, :meth:`PlanTemplate.new_context`, whichever way a template is run;
- **time**: :func:`render` gives the run a deadline, checked at every call, attribute,
  operator, output and join the template makes, and by a timer signal (``SIGALRM``,
  main thread only) for a loop that makes none of these;
- **output**: :func:`render` counts what the template writes, in UTF-8 bytes;
- **values**: the operators ``*``, ``**``, ``%``, ``+`` (intercepted), ``~``, the
  joins that build a macro's or a ``{% set %}`` block's text, every filter, the methods
  of texts and ``str.format`` are checked by :mod:`planmaker.limits` before they build
  anything; ``range`` and ``lipsum`` are bounded too.

A limit reached raises :class:`~planmaker.limits.TemplateLimit`, which
:mod:`planmaker.templating` words as a located ``PlanError``.
"""

from __future__ import annotations

import re
import signal
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import Template
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from markupsafe import Markup

from planmaker import limits
from planmaker.limits import Limits, TemplateLimit
from planmaker.plain import Record, plain

_ALARM_REPEAT = 1.0
"""Seconds between timer signals after the deadline, should one be swallowed."""


def render(template: Template, context: dict[str, Any], bounds: Limits | None = None) -> str:
    """Run ``template`` with ``context`` within ``bounds``; its output.

    Raises TemplateLimit, or whatever the template raises (as Jinja rewrote it).
    """
    bounds = bounds or limits.LIMITS
    parts: list[str] = []
    size = 0
    stream = template.generate(context)
    try:
        with _limited(bounds):
            for chunk in stream:
                size += len(chunk) if chunk.isascii() else len(chunk.encode("utf-8", "replace"))
                if size > bounds.output_bytes:
                    err = TemplateLimit(
                        "template.output_too_large",
                        megabytes=f"{bounds.output_bytes / limits.MB:g}",
                    )
                    err.where = _suspended_place(stream)
                    raise err
                parts.append(chunk)
    finally:
        stream.close()
    return "".join(parts)


@contextmanager
def _limited(bounds: Limits) -> Iterator[None]:
    previous = limits.start(bounds)
    disarm = _arm_timer(bounds.seconds)
    try:
        yield
    finally:
        limits.end(previous)
        disarm()


def _arm_timer(seconds: float) -> Callable[[], None]:
    """A ``SIGALRM`` at the deadline, for loops that call nothing; returns its undoing.

    Signals reach only the main thread, and a timer someone else set is left alone:
    the checks in the hooks still hold the deadline then.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        return lambda: None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, _ALARM_REPEAT)

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)

    return disarm


def _on_alarm(signum: int, frame: types.FrameType | None) -> None:
    if limits.running():
        raise limits.too_slow()


def _suspended_place(stream: Any) -> tuple[str, int | None] | None:
    """The template file and line where a suspended ``generate()`` stands."""
    place = None
    while stream is not None:
        frame = getattr(stream, "gi_frame", None)
        template = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if template is not None:
            line = template.get_corresponding_lineno(frame.f_lineno)  # type: ignore[union-attr]
            place = (template.filename or template.name or "", line)
        stream = getattr(stream, "gi_yieldfrom", None)
    return place


class PlanTemplate(Template):
    """A template whose context is always plain data (see the module docstring)."""

    def new_context(
        self,
        vars: dict[str, Any] | None = None,  # noqa: A002 - Jinja's name
        shared: bool = False,
        locals: dict[str, Any] | None = None,  # noqa: A002
    ) -> Context:
        if vars and not shared:  # shared: an include's or import's copy of a context
            vars = {name: plain(value) for name, value in vars.items()}
        return super().new_context(vars, shared, locals)


class _CodeGenerator(CodeGenerator):
    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        """``a ~ b`` as ``environment.checked_join(markup_join, (a, b))``: checked first."""
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.checked_join({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Formatting:
    """``str.format`` whose fields may not be too wide nor add up to too long a text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._written = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        limits.tick()
        for number in re.findall(r"\d+", format_spec):
            limits.check_number(number)
        if not isinstance(value, str):
            limits.check_text(value)
        text = super().format_field(value, format_spec)  # type: ignore[misc]
        self._written += len(text)
        if self._written > limits.limits().text_chars:
            raise limits.too_long_text()
        return text


class _Formatter(_Formatting, SandboxedFormatter):
    pass


class _EscapeFormatter(_Formatting, SandboxedEscapeFormatter):
    pass


def _checked_concat(parts: Any) -> str:
    """The join of a macro's, a block's or ``{% set %}``'s output, its length checked first."""
    parts = parts if isinstance(parts, list) else list(parts)
    limits.tick()
    limits.check_length("", sum(map(len, parts)))
    return limits.check_result("".join(parts))


class PlanSandbox(ImmutableSandboxedEnvironment):
    """The environment every template runs in (see the module docstring)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})
    code_generator_class = _CodeGenerator
    template_class = PlanTemplate
    concat = staticmethod(_checked_concat)  # type: ignore[assignment]

    def __init__(self, **options: Any) -> None:
        finalize = options.pop("finalize", None)

        def checked_finalize(value: Any) -> Any:
            limits.tick()
            if not isinstance(value, str):
                limits.check_text(value)
            if finalize is None or isinstance(value, Markup):  # written as it is: no copy
                return value if finalize is None else finalize(value)
            return limits.check_result(finalize(value))

        super().__init__(finalize=checked_finalize, **options)
        self.globals["range"] = limits.bounded_range
        self.globals["lipsum"] = limits.bounded_lipsum
        self.filters["sum"] = limits.bounded_sum
        self.add_filters(self.filters)

    def add_filters(self, filters: dict[str, Callable[..., Any]]) -> None:
        """Add (or replace) filters, each checked as :mod:`planmaker.limits` says."""
        self.filters.update({n: limits.bounded_filter(n, f) for n, f in filters.items()})

    def checked_join(self, join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
        limits.tick()
        budget = limits.limits().text_chars
        if sum(limits.text_size(p, budget) for p in parts) > budget:
            raise limits.too_long_text()
        return limits.check_result(join(parts))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limits.tick()
        limits.check_binop(operator, left, right)
        return limits.check_result(super().call_binop(context, operator, left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        limits.tick()
        if type(obj) is Record and type(attribute) is str and attribute[:1] != "_":
            # A record has no public attribute of its own: a public name is one of its
            # values, plain data and never a method, which Jinja's checks would let
            # through as they stand; a name it lacks takes the checked way below.
            values = obj._values
            if attribute in values:
                return values[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        limits.tick()
        return super().getitem(obj, argument)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        limits.tick()
        obj = self.wrap_str_format(obj) or obj  # Jinja before 3.1.5 wraps it only here
        values = list(args)
        limits.check_method(obj, values, kwargs)
        return limits.check_result(super().call(context, obj, *values, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``/``format_map`` of a text, through the checked formatter."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)):
            return None
        owner = getattr(value, "__self__", None)
        if value.__name__ not in ("format", "format_map") or not isinstance(owner, str):
            return None
        kind = type(owner)
        by_map = value.__name__ == "format_map"

        def format(*args: Any, **kwargs: Any) -> str:
            if by_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            formatter: _Formatting
            if isinstance(owner, Markup):
                formatter = _EscapeFormatter(self, escape=owner.escape)
            else:
                formatter = _Formatter(self)
            return kind(formatter.vformat(owner, args, kwargs))  # type: ignore[attr-defined]

        return format

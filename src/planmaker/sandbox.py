"""The Jinja2 sandbox templates run in: a template sees plain data, whichever way it is run.

A unit's template is code from outside. Jinja2's immutable sandbox already refuses
Python internals (``__class__``) and changes to data; :class:`PlanSandbox` adds that the
context becomes plain data (:func:`planmaker.plain.plain`) where it enters Jinja,
:meth:`PlanTemplate.new_context`, so no model method is ever within a template's reach.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Template
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from planmaker.plain import plain


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


class PlanSandbox(ImmutableSandboxedEnvironment):
    """The environment every template runs in (see the module docstring)."""

    template_class = PlanTemplate

    def add_filters(self, filters: dict[str, Callable[..., Any]]) -> None:
        """Add (or replace) filters."""
        self.filters.update(filters)

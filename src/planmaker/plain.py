"""What a template sees of the document: plain data, never an object that reaches Python.

A pydantic model hands a template its class methods (``parse_raw`` unpickles, ``parse_file``
reads any file, ``model_validate`` builds objects), so models never reach a template.
:func:`plain` turns the template context into dicts, lists, tuples, strings, numbers,
dates and :class:`Record`: the named values of one model or dataclass, read-only, with no
methods of its own. A model's properties are computed once, here, and stored like its
fields, so a template reads ``doc.period.school_year``, ``row.date_lines`` or
``doc.holidays[0].first`` as it always has.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache, cached_property
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

_LIBRARY_MODULES = ("builtins", "pydantic", "pydantic_core")


class Record:
    """The named values of one model: ``record.name`` and ``record["name"]``, nothing else.

    Iterating gives ``(name, value)`` pairs, as iterating a pydantic model does. A name
    that is not there raises AttributeError (KeyError for ``record["name"]``), which a
    template reports as an unknown name.
    """

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's own lookups (__html__, __getstate__ …)
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{name} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{name} is read-only")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self._values.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._values == other._values

    def __hash__(self) -> int:
        return hash(_frozen(self._values))

    def __repr__(self) -> str:
        return " ".join(f"{name}={value!r}" for name, value in self._values.items())


_AS_IS = frozenset({str, Markup, bool, int, float, date, datetime, type(None), Record})


def plain(value: Any) -> Any:
    """``value`` as template data (see the module docstring); plain values come back as they are."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    return _converter(kind)(value)


def _list(values: Any) -> list[Any]:
    return [v if type(v) in _AS_IS else plain(v) for v in values]


def _tuple(values: Any) -> tuple[Any, ...]:
    return tuple([v if type(v) in _AS_IS else plain(v) for v in values])


def _dict(values: Any) -> dict[Any, Any]:
    return {
        k if type(k) in _AS_IS else plain(k): v if type(v) in _AS_IS else plain(v)
        for k, v in values.items()
    }


def _set(values: Any) -> frozenset[Any]:
    return frozenset(_list(values))


@cache
def _converter(kind: type) -> Callable[[Any], Any]:
    """How to make a value of type ``kind`` plain (worked out once per type)."""
    if issubclass(kind, str):
        return str
    if issubclass(kind, (bool, int, float, date)):
        return lambda value: value
    for base, convert in ((list, _list), (tuple, _tuple), (dict, _dict)):
        if issubclass(kind, base):
            return convert
    if issubclass(kind, (set, frozenset)):
        return _set
    properties = _properties(kind)
    if issubclass(kind, BaseModel):
        return lambda value: _record(value, value.__dict__, properties)
    if dataclasses.is_dataclass(kind):
        names = [f.name for f in dataclasses.fields(kind)]
        return lambda value: _record(value, {n: getattr(value, n) for n in names}, properties)
    return str


def _record(obj: Any, fields: dict[str, Any], properties: tuple[str, ...]) -> Record:
    values = _dict(fields)
    for name in properties:
        values[name] = plain(getattr(obj, name))
    return Record(values)


def _properties(cls: type) -> tuple[str, ...]:
    """The public properties our own classes define (not pydantic's ``model_*`` ones)."""
    names: list[str] = []
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] in _LIBRARY_MODULES:
            continue
        for name, attr in vars(klass).items():
            if (
                isinstance(attr, (property, cached_property))
                and not name.startswith("_")
                and name not in names
            ):
                names.append(name)
    return tuple(names)


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value

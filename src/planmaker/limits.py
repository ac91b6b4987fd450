"""What a template run may use, and the checks that hold it to that.

:class:`Limits` bounds one document's template run: its time, its output, and the
texts, lists and numbers it builds. The run under way (see :mod:`planmaker.sandbox`)
is kept per thread; :func:`tick` checks its deadline. The ``check_*`` functions refuse
an operator, a method, a filter or a join whose result would be past its limit
*before* it is built (``"a" * 10**10`` is refused without allocating anything), and
:func:`text_size` sees through a list holding one long text many times.
A limit reached raises :class:`TemplateLimit`, an error code and its params.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

from jinja2 import pass_environment
from jinja2.filters import make_attrgetter
from jinja2.utils import Namespace, generate_lorem_ipsum

from planmaker.plain import Record

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one document's template run may use."""

    seconds: float = 10.0
    output_bytes: int = 20 * MB
    text_chars: int = 20 * MB
    """The longest text a template may build (no longer one could be written out)."""
    built_chars: int = 100 * MB
    """All the text a run builds, added up (every copy costs memory, even one thrown away)."""
    list_items: int = 1_000_000
    int_bits: int = 100_000
    """The largest whole number (about 30,000 digits; 4,300 is the most Python prints)."""
    range_items: int = 100_000


LIMITS = Limits()
"""The limits of every run; tests swap in smaller ones."""


class TemplateLimit(Exception):
    """A template went past one of its :class:`Limits`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.where: tuple[str, int | None] | None = None
        """The template file and line, when known before Jinja rewrites the traceback."""


@dataclass
class _Run:
    limits: Limits
    deadline: float
    built: int = 0


_local = threading.local()
_clock = time.monotonic


def start(bounds: Limits) -> _Run | None:
    """Begin a run in this thread; returns the run it replaces, for :func:`end`."""
    previous = getattr(_local, "run", None)
    _local.run = _Run(bounds, _clock() + bounds.seconds)
    return previous


def end(previous: _Run | None) -> None:
    _local.run = previous


def running() -> bool:
    return getattr(_local, "run", None) is not None


def limits() -> Limits:
    """The limits of the run under way in this thread (:data:`LIMITS` outside one)."""
    run = getattr(_local, "run", None)
    return run.limits if run is not None else LIMITS


def tick() -> None:
    """Raise ``template.too_slow`` once the run under way is past its deadline."""
    run = getattr(_local, "run", None)
    if run is not None and _clock() > run.deadline:
        raise too_slow()


def too_slow() -> TemplateLimit:
    return TemplateLimit("template.too_slow", seconds=f"{limits().seconds:g}")


# --- sizes --------------------------------------------------------------------------------


def too_long_text() -> TemplateLimit:
    return TemplateLimit("template.text_too_large", limit=limits().text_chars)


def _too_long_list() -> TemplateLimit:
    return TemplateLimit("template.list_too_large", limit=limits().list_items)


def check_length(sample: Any, length: int) -> None:
    """Refuse a text or list of ``length`` like ``sample`` past its limit."""
    if isinstance(sample, (str, bytes)):
        if length > limits().text_chars:
            raise too_long_text()
    elif length > limits().list_items:
        raise _too_long_list()


def check_result(value: Any) -> Any:
    """Refuse a text or list a template built past its limit; count the text built."""
    if isinstance(value, (str, bytes)):  # the text's length and the run's count in one look
        size = len(value)
        run = getattr(_local, "run", None)
        if size > (run.limits if run is not None else LIMITS).text_chars:
            raise too_long_text()
        if run is not None:
            run.built += size
            if run.built > run.limits.built_chars:
                megabytes = f"{run.limits.built_chars / MB:g}"
                raise TemplateLimit("template.built_too_large", megabytes=megabytes)
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        check_length(value, len(value))
    return value


def check_text(value: Any) -> None:
    """Refuse ``value`` if its text (``str(value)``) would be past the limit."""
    budget = limits().text_chars
    if text_size(value, budget) > budget:
        raise too_long_text()


def text_size(value: Any, budget: int) -> int:
    """At least ``len(str(value))``, found without building it; stops once past ``budget``.

    A list holding the same long text many times costs little memory but a great
    deal as text, so containers are walked (each object once).
    """
    if isinstance(value, str):
        return len(value)
    return _repr_size(value, budget, {}, 0)


def _repr_size(value: Any, budget: int, seen: dict[int, int], depth: int) -> int:
    if isinstance(value, (str, bytes)):
        plain_ascii = value.isascii() and (isinstance(value, bytes) or value.isprintable())
        return (len(value) if plain_ascii else 10 * len(value)) + 3
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if value is None or isinstance(value, (float, date)):
        return 40
    key = id(value)
    if key in seen:
        return seen[key]
    if depth > 100:
        return budget + 1
    seen[key] = 0  # a namespace holding itself
    if isinstance(value, Namespace):
        value = value._Namespace__attrs  # type: ignore[attr-defined]
    if isinstance(value, (dict, Record)):
        items: Any = chain.from_iterable(value.items() if isinstance(value, dict) else value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return 200  # an object's repr: <Macro 'tree'>, an undefined name …
    total = 2
    for item in items:
        total += 2 + _repr_size(item, budget, seen, depth + 1)
        if total > budget:
            break
    seen[key] = total
    return total


def _materialize(values: list[Any], index: int) -> None:
    """Turn ``values[index]`` into a list (at most the list limit) unless it has a length."""
    if index >= len(values):
        return
    value = values[index]
    if hasattr(value, "__len__"):
        check_length([], len(value))
        return
    out = []
    for item in value:
        out.append(item)
        if len(out) > limits().list_items:
            raise _too_long_list()
    values[index] = out


# --- the checks before an operator, a method or a filter builds something -------------------

_TEXTS = (str, bytes)
_SEQUENCES = (str, bytes, list, tuple)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)")


def check_number(number: Any) -> None:
    """Refuse a width or count from a template that is past the text limit."""
    if isinstance(number, str):
        if len(number) > 9 or int(number) > limits().text_chars:
            raise too_long_text()
    elif isinstance(number, int) and number > limits().text_chars:
        raise too_long_text()


def check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, _SEQUENCES) and isinstance(n, int):
                check_length(seq, len(seq) * max(n, 0))
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(left.bit_length() + right.bit_length())
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            _check_bits(right * left.bit_length())
    elif operator == "+":
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            check_length(left, len(left) + len(right))
    elif operator == "%" and isinstance(left, _TEXTS):
        _check_percent(left if isinstance(left, str) else left.decode("latin-1"), right)


def _check_bits(bits: int) -> None:
    if bits > limits().int_bits:
        raise TemplateLimit("template.number_too_large", digits=int(limits().int_bits * 0.30103))


def _check_percent(fmt: str, args: Any) -> None:
    """``fmt % args``: every width at most the text limit, and the whole result too."""
    specs = _PERCENT.findall(fmt)
    if not specs:
        return
    widest = 0
    for width, precision, _ in specs:
        for number in (width, precision):
            if number == "*":
                for value in args if isinstance(args, tuple) else (args,):
                    check_number(value)
                    widest = max(widest, value if isinstance(value, int) else 0)
            elif number:
                check_number(number)
                widest = max(widest, int(number))
    budget = limits().text_chars
    if len(fmt) + len(specs) * (widest + text_size(args, budget)) > budget:
        raise too_long_text()


def check_method(obj: Any, args: list[Any], kwargs: dict[str, Any]) -> None:
    """Methods of texts and dates whose result can be far longer than what they are given."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, date) and name == "strftime" and args:
        check_length("", 64 * len(str(args[0])))
    if not isinstance(owner, _TEXTS):
        return
    if name in ("center", "ljust", "rjust", "zfill") and args:
        check_number(args[0])
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        tab = "\t" if isinstance(owner, str) else b"\t"
        if isinstance(size, int):
            check_length(owner, len(owner) + owner.count(tab) * max(size, 0))  # type: ignore[arg-type]
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        _check_replace(owner, args[0], args[1], count)
    elif name == "join" and args:
        _materialize(args, 0)
        size = sum(text_size(item, limits().text_chars) for item in args[0])
        check_length(owner, size + len(owner) * max(len(args[0]) - 1, 0))
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        check_length(owner, len(owner) * max(longest, 1))


def _check_replace(text: Any, old: Any, new: Any, count: Any) -> None:
    if not isinstance(text, _TEXTS):
        text = str(text)
    old, new = (v if isinstance(v, type(text)) else str(v) for v in (old, new))
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    check_length(text, len(text) + found * max(len(new) - len(old), 0))


def _filter_center(values: list[Any], kwargs: dict[str, Any]) -> None:
    check_number(values[1] if len(values) > 1 else kwargs.get("width", 80))


def _filter_indent(values: list[Any], kwargs: dict[str, Any]) -> None:
    width = values[1] if len(values) > 1 else kwargs.get("width", 4)
    text = str(values[0])
    indent = width if isinstance(width, int) else len(str(width))
    check_length(text, len(text) + (text.count("\n") + 1) * max(indent, 0))


def _filter_format(values: list[Any], kwargs: dict[str, Any]) -> None:
    _check_percent(str(values[0]), kwargs or tuple(values[1:]))


def _filter_tojson(values: list[Any], kwargs: dict[str, Any]) -> None:
    """Every line of the JSON (at most one per character) is indented by ``indent``."""
    indent = values[1] if len(values) > 1 else kwargs.get("indent")
    if isinstance(indent, (int, str)):
        width = indent if isinstance(indent, int) else len(indent)
        lines = text_size(values[0], limits().text_chars)
        check_length("", lines * (1 + max(width, 0)))


def _filter_replace(values: list[Any], kwargs: dict[str, Any]) -> None:
    if len(values) >= 3:
        count = values[3] if len(values) > 3 else kwargs.get("count")
        _check_replace(values[0], values[1], values[2], -1 if count is None else count)


def _filter_wordwrap(values: list[Any], kwargs: dict[str, Any]) -> None:
    wrap = values[3] if len(values) > 3 else kwargs.get("wrapstring")
    text = str(values[0])
    check_length(text, len(text) * (1 + len(str(wrap or "\n"))))


def _filter_count(position: int, name: str) -> Callable[[list[Any], dict[str, Any]], None]:
    """``batch``/``slice``: the number of lists (or items per list) they make."""

    def check(values: list[Any], kwargs: dict[str, Any]) -> None:
        _materialize(values, 0)
        count = values[position] if len(values) > position else kwargs.get(name)
        if isinstance(count, int):
            check_length([], count)

    return check


def _filter_join(values: list[Any], kwargs: dict[str, Any]) -> None:
    _materialize(values, 0)
    separator = values[1] if len(values) > 1 else kwargs.get("sep", kwargs.get("d", ""))
    budget = limits().text_chars
    size = sum(text_size(item, budget) for item in values[0])
    if size + len(str(separator)) * max(len(values[0]) - 1, 0) > budget:
        raise too_long_text()


def _filter_materialize(values: list[Any], kwargs: dict[str, Any]) -> None:
    _materialize(values, 0)


_FILTER_CHECKS = {
    "center": _filter_center,
    "indent": _filter_indent,
    "format": _filter_format,
    "replace": _filter_replace,
    "tojson": _filter_tojson,
    "wordwrap": _filter_wordwrap,
    "batch": _filter_count(1, "linecount"),
    "slice": _filter_count(1, "slices"),
    "join": _filter_join,
    "cell": _filter_join,
    **dict.fromkeys(
        ("list", "sort", "unique", "reverse", "groupby", "min", "max", "dictsort", "random"),
        _filter_materialize,
    ),
}
"""Checks a filter's arguments (after the context Jinja may pass) before it runs."""

_CONTAINER_FILTERS = frozenset(
    """attr batch count d default dictsort first groupby items join cell last length list
    map max min reject rejectattr random reverse select selectattr slice sort sum unique
    """.split()
)
"""Filters that take a list as it is; every other filter turns its value into text."""


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS.get(name)
    text = name not in _CONTAINER_FILTERS
    offset = 1 if hasattr(func, "jinja_pass_arg") else 0

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        tick()
        values = list(args[offset:])
        if text and values and not isinstance(values[0], str):
            check_text(values[0])
        if check is not None and values:
            check(values, kwargs)
        return check_result(func(*args[:offset], *values, **kwargs))

    return bounded


@pass_environment
def bounded_sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    """``sum`` that joins lists at once (a plain ``sum`` of lists takes quadratic time)."""
    values = [iterable]
    _materialize(values, 0)
    items = values[0]
    if attribute is not None:
        items = list(map(make_attrgetter(environment, attribute), items))
    if isinstance(start, (list, tuple)) and all(isinstance(v, type(start)) for v in items):
        check_length(start, len(start) + sum(len(v) for v in items))
        return type(start)(chain(start, *items))
    return sum(items, start)


def bounded_range(*args: int) -> range:
    try:
        numbers = range(*args)
        length = len(numbers)
    except OverflowError:
        length = None
    if length is None or length > limits().range_items:
        raise TemplateLimit("template.range_too_large", limit=limits().range_items)
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    # a word and its space are at most 14 characters; html adds <p></p> to a paragraph
    if isinstance(n, int) and isinstance(max, int) and n * (max * 14 + 10) > limits().text_chars:
        raise too_long_text()
    return generate_lorem_ipsum(n, html, min, max)

"""Every problem planmaker makes while the tests run, and whether its message formats.

A user meets a problem (an error or a warning) through its code and params, worded by
``planmaker.cli.messages``. ``ProblemsSeen`` records, while the tests run, each problem
the library creates and each code the command line words (one example per code and set
of params); ``unworded`` lists those whose code has no Chinese message, or whose message
leaves a field unfilled with the params really given (whether ``message`` prints “?”
for it or raises).
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MADE_UNWORDED = frozenset({"no.such_code"})
"""Codes tests make without a message on purpose, to see what the user is shown then."""


class ProblemsSeen:
    def __init__(self) -> None:
        self.examples: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Record inside the block (here only, when nested) every ``Problem`` the library
        makes and every code the command line words with ``messages.message``."""
        from planmaker.cli import messages
        from planmaker.errors import Problem

        made = _unwrapped(Problem.__init__)
        worded = _unwrapped(messages.message)

        def make(problem: Problem, *args: Any, **kwargs: Any) -> None:
            made(problem, *args, **kwargs)
            self.add(problem.code, problem.params)

        def word(code: str, params: dict[str, Any], *args: Any, **kwargs: Any) -> str:
            if not _asked_by_a_test():
                self.add(code, params)
            return worded(code, params, *args, **kwargs)

        make.unwrapped = made  # type: ignore[attr-defined]
        word.unwrapped = worded  # type: ignore[attr-defined]
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Problem, "__init__", make)
            mp.setattr(messages, "message", word)
            yield

    def add(self, code: str, params: object) -> None:
        params = params if isinstance(params, dict) else {}
        self.examples.setdefault((code, tuple(sorted(map(str, params)))), dict(params))

    @property
    def codes(self) -> set[str]:
        return {code for code, _ in self.examples}

    def unworded(self) -> list[str]:
        """One line per recorded problem whose message is missing or does not format."""
        from planmaker.cli.messages import MESSAGES

        found = []
        for (code, _), params in sorted(self.examples.items()):
            if code in MADE_UNWORDED:
                continue
            template = MESSAGES.get(code)
            if template is None:
                found.append(f"{code}: no message in cli/messages.py")
            elif not CHINESE.search(template):
                found.append(f"{code}: the message is not in Chinese")
            else:
                unfilled = unfilled_fields(code, template, params)
                if unfilled:
                    found.append(f"{code} {params!r}: {', '.join(unfilled)} left unfilled")
        return found


def _asked_by_a_test(depth: int = 3) -> bool:
    """Whether a test module asked for the wording itself (directly or through the
    console's printer): a test trying a made-up or half-filled code is not meeting it."""
    frame = sys._getframe(2)
    for _ in range(depth):
        if frame is None:
            return False
        if frame.f_globals.get("__name__", "").startswith("test_"):
            return True
        frame = frame.f_back
    return False


def _unwrapped(function: Any) -> Any:
    """``function`` as it was before any recorder replaced it."""
    return getattr(function, "unwrapped", function)


def unfilled_fields(code: str, template: str, params: dict[str, Any]) -> list[str]:
    """The fields of ``template`` that ``message(code, params)`` cannot fill.

    A field named in ``params`` is filled with the param; any other must be one the
    messages module works out itself (a key's Chinese name, a hint …). Its value is read
    from the message as printed, by matching the message against the template; a field
    printed as “?” — or a message that raises — is unfilled.
    """
    from planmaker.cli import messages

    message = _unwrapped(messages.message)  # checking is not meeting: not recorded
    pattern = []
    derived = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        pattern.append(re.escape(literal))
        if name is None:
            continue
        if name in params:
            shown = messages._shown(name, params[name])  # user text as messages show it
            value = {"r": repr, "a": ascii, "s": str}.get(conversion or "", lambda v: v)(shown)
            pattern.append(re.escape(format(value, spec or "")))
        else:
            pattern.append(f"(?P<f{len(derived)}>.*?)")
            derived.append(name)
    try:
        text = message(code, dict(params))
    except Exception as err:  # a strict message that cannot format
        return [f"message raised {type(err).__name__}: {err}"]
    match = re.fullmatch("".join(pattern), text, flags=re.S)
    if match is None:
        return [f"the message printed does not follow its template: {text!r}"]
    return [name for i, name in enumerate(derived) if match.group(f"f{i}") == "?"]

"""The one error type of planmaker.

Library code raises only :class:`PlanError`. It carries a stable dotted ``code``
(``yaml.fullwidth_colon``, ``plan.unknown_key`` …), where it happened (file, 1-based
line and column), and the ``params`` the message needs. Its English ``str()`` is for
logs and tests; the Chinese wording lives in ``planmaker.cli.messages`` and is applied
only at the command-line edge. Validation gathers every problem it finds as
``errors`` of one PlanError, so ``planmaker check`` can list them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Location:
    """A place in a file; ``line`` and ``col`` are 1-based, ``None`` when unknown."""

    file: str | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass
class Problem:
    """One located problem: a code, its place and the values its message needs."""

    code: str
    where: Location = field(default_factory=Location)
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"
    """``"error"`` stops the work; ``"warning"`` is reported and the work goes on."""

    def __str__(self) -> str:
        detail = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.where}: {self.code}" + (f" ({detail})" if detail else "")


class PlanError(Exception):
    """One or more problems that stop the work; see the module docstring."""

    def __init__(
        self,
        code: str,
        where: Location | None = None,
        /,
        **params: Any,
    ) -> None:
        self.problems: list[Problem] = [Problem(code, where or Location(), params)]
        super().__init__(str(self))

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> PlanError:
        """Gather several problems (at least one) into one error."""
        problems = list(problems)
        if not problems:
            raise ValueError("PlanError.of needs at least one problem")
        err = cls(problems[0].code, problems[0].where, **problems[0].params)
        err.problems = problems
        err.args = (str(err),)
        return err

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def where(self) -> Location:
        return self.problems[0].where

    @property
    def params(self) -> dict[str, Any]:
        return self.problems[0].params

    def in_file(self, file: str) -> PlanError:
        """The same error, with ``file`` filled in where a problem has none."""
        for i, p in enumerate(self.problems):
            if p.where.file is None:
                self.problems[i] = Problem(p.code, replace(p.where, file=file), p.params)
        self.args = (str(self),)
        return self

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)

"""The token-renderer base every writer of the token stream extends.

Modelled on markdown-it-py's ``RendererHTML``: a subclass writes one method per
token type it handles, named after the type (``heading_open``, ``text``,
``container_signature_close`` …), taking ``(tokens, idx)``; every public method a
subclass defines is such a rule. Token types it knowingly writes nothing for are
listed in :attr:`TokenRenderer.ignored`.

:meth:`TokenRenderer.render` walks the flat block stream and sends each ``inline``
token's children through the same rules. Unlike markdown-it-py's renderer, which
falls back to a default for a type it has no rule for, any other type is refused with
``PlanError("markdown.unsupported")`` at the line of the block it sits in: a
construct outside the dialect is never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from planmaker.errors import Location, PlanError

if TYPE_CHECKING:
    from markdown_it.token import Token

Rule = Callable[[list["Token"], int], None]
"""A rule: the token list and the index of the token to write."""

CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
"""``<br>``, ``<br/>``, ``<br />``: the dialect's one piece of raw HTML, a line break
inside a table cell (match it against the token's content stripped)."""

_HTML = ("html_block", "html_inline")


class TokenRenderer:
    """Walks a token stream, calling the rule named after each token's type."""

    ignored: ClassVar[frozenset[str]] = frozenset()
    """Token types that carry nothing this writer writes."""

    _rule_names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._rule_names = tuple(
            name
            for name in dir(cls)
            if not name.startswith("_") and name not in _BASE_NAMES and callable(getattr(cls, name))
        )

    def __init__(self) -> None:
        self.line: int | None = None
        """1-based source line of the block being written (``None`` before the first)."""
        self.rules: dict[str, Rule] = {name: getattr(self, name) for name in self._rule_names}
        self.rules.update(dict.fromkeys(self.ignored, self._ignore))

    def render(self, tokens: list[Token]) -> None:
        """Write block ``tokens`` in order; an ``inline`` token's children go through
        :meth:`render_inline`."""
        rules = self.rules
        for idx, token in enumerate(tokens):
            if token.map is not None:
                self.line = token.map[0] + 1
            if token.type == "inline":
                self.render_inline(token.children or [])
            else:
                (rules.get(token.type) or self._rule(token))(tokens, idx)

    def render_inline(self, children: list[Token]) -> None:
        """Write the inline ``children`` of one block in order."""
        rules = self.rules
        for idx, child in enumerate(children):
            (rules.get(child.type) or self._rule(child))(children, idx)

    def unsupported(self, what: str) -> PlanError:
        """The error for ``what`` (a token type, or the HTML as written) at the current line."""
        return PlanError("markdown.unsupported", Location(line=self.line), what=what)

    def _rule(self, token: Token) -> Rule:
        rule = self.rules.get(token.type)
        if rule is None:
            raise self.unsupported(token.content.strip() if token.type in _HTML else token.type)
        return rule

    def _ignore(self, tokens: list[Token], idx: int) -> None:
        """Nothing to write."""


_BASE_NAMES = frozenset(vars(TokenRenderer))
"""Names the base defines: never rules, even when public."""

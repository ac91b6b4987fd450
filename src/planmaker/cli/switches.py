"""The switches that work before or after the command name (``--debug``, ``--verbose``).

A module of their own, so that the edge (``cli.run``) can set them without loading the
printer (``console``) and its messages, which a help page does not use.
"""

from __future__ import annotations


class State:
    """Switches that work before or after the command name (see ``cli.main``). A plain
    class: ``dataclasses`` loads ``inspect``, a tenth of what a help page takes."""

    def __init__(self, *, debug: bool = False, verbose: bool = False) -> None:
        self.debug = debug
        self.verbose = verbose

    def __repr__(self) -> str:
        return f"State(debug={self.debug}, verbose={self.verbose})"


state = State()

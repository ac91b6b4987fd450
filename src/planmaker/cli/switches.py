"""The switches that work before or after the command name (``--debug``, ``--verbose``).

A module of their own, so that the edge (``cli.run``) can set them without loading the
printer (``console``) and its messages, which a help page does not use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class State:
    """Switches that work before or after the command name (see ``cli.main``)."""

    debug: bool = False
    verbose: bool = False


state = State()

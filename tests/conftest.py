"""Fixtures for every test: planmaker run as a user runs it."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES, ROOT, run_in_process, run_process

__all__ = ["EXAMPLES", "ROOT"]


@pytest.fixture
def run_planmaker():
    """Run ``planmaker ARGS`` (``cwd=``, ``input=``, ``env=``) in this process; the
    result has ``returncode``, ``stdout`` and ``stderr`` as a finished process would."""
    return run_in_process


@pytest.fixture
def planmaker_process():
    """Run ``python -m planmaker ARGS`` in a process of its own (same arguments), for
    what only a process shows: stdio encodings, signals, kills, the installed command."""
    return run_process

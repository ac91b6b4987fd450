"""Fixtures for every test: planmaker run as a user runs it, hypothesis kept out of the
repository."""

from __future__ import annotations

import shutil
import tempfile

import pytest
from helpers import EXAMPLES, ROOT, run_in_process, run_process
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

__all__ = ["EXAMPLES", "ROOT"]

settings.register_profile(
    "planmaker",
    database=None,  # no examples database: nothing kept between runs
    deadline=None,  # a document takes longer on a busy machine; no example is too slow
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("planmaker")


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


# -- the session: hypothesis's folder ----------------------------------------------------

_HYPOTHESIS_HOME = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    # hypothesis keeps caches under .hypothesis/ in the current folder: not in the repository
    config.stash[_HYPOTHESIS_HOME] = tempfile.mkdtemp(prefix="planmaker-hypothesis-")
    set_hypothesis_home_dir(config.stash[_HYPOTHESIS_HOME])


def pytest_unconfigure(config: pytest.Config) -> None:
    if _HYPOTHESIS_HOME in config.stash:
        shutil.rmtree(config.stash[_HYPOTHESIS_HOME], ignore_errors=True)

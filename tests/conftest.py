"""Fixtures for every test: planmaker run as a user runs it, hypothesis kept out of the
repository, and every problem the tests meet checked for its Chinese message at the end."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pdf_documents
import pytest
from helpers import (
    EXAMPLES,
    ROOT,
    Result,
    finish_process,
    run_in_process,
    run_process,
    start_process,
)
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from problems_seen import ProblemsSeen

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


# -- the session: markers, hypothesis's folder, every problem met -----------------------

SEEN = ProblemsSeen()
_HYPOTHESIS_HOME = pytest.StashKey[str]()
_RECORDING = pytest.StashKey[contextlib.ExitStack]()
_BACKGROUND = pytest.StashKey[dict[tuple[str, ...], subprocess.Popen[bytes]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "after_all: run after every other test (it checks what they did)"
    )
    config.addinivalue_line(
        "markers",
        "in_background(command): the command is started as soon as the tests are collected"
        " and runs beside them; the test (run near the end) reads what it did",
    )
    # hypothesis keeps caches under .hypothesis/ in the current folder: not in the repository
    config.stash[_HYPOTHESIS_HOME] = tempfile.mkdtemp(prefix="planmaker-hypothesis-")
    set_hypothesis_home_dir(config.stash[_HYPOTHESIS_HOME])
    # every problem planmaker makes or words from here on (before the tests import it)
    config.stash[_RECORDING] = contextlib.ExitStack()
    config.stash[_RECORDING].enter_context(SEEN.recording())


def pytest_unconfigure(config: pytest.Config) -> None:
    if _RECORDING in config.stash:
        config.stash[_RECORDING].close()
    if _HYPOTHESIS_HOME in config.stash:
        shutil.rmtree(config.stash[_HYPOTHESIS_HOME], ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests whose process runs in the background last but one, ``after_all`` ones last."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("after_all") is not None,
            item.get_closest_marker("in_background") is not None,
        )
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the command of each ``in_background`` test now: it runs beside the others."""
    if session.config.option.collectonly:
        return
    started = session.config.stash.setdefault(_BACKGROUND, {})
    for item in session.items:
        marker = item.get_closest_marker("in_background")
        if marker is not None and tuple(marker.args[0]) not in started:
            started[tuple(marker.args[0])] = start_process(list(marker.args[0]))


def pytest_sessionfinish(session: pytest.Session) -> None:
    for process in session.config.stash.get(_BACKGROUND, {}).values():
        if process.poll() is None:  # its test did not run (interrupted, deselected)
            process.kill()
            process.wait()


@pytest.fixture
def background(request: pytest.FixtureRequest) -> Callable[[], Result]:
    """For a test marked ``in_background(command)``: wait for its command, started when
    the tests were collected (or now), and return what it did."""
    command = tuple(request.node.get_closest_marker("in_background").args[0])
    started = request.config.stash.setdefault(_BACKGROUND, {})

    def finish() -> Result:
        return finish_process(started.pop(command, None) or start_process(list(command)))

    return finish


@pytest.fixture
def problems_seen() -> ProblemsSeen:
    """What :data:`SEEN` recorded so far (all of the session in an ``after_all`` test)."""
    return SEEN


# -- LibreOffice ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every document of ``pdf_documents.DOCUMENTS`` as a PDF, by name: made and converted
    in one LibreOffice run for the whole session (skipped without LibreOffice)."""
    from planmaker.writers.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) 未安装：PDF 版式无法检查")
    folder = tmp_path_factory.mktemp("libreoffice")
    made = {name: make(folder) for name, make in pdf_documents.DOCUMENTS.items()}
    return dict(zip(made, pdf_documents.convert(list(made.values()), folder), strict=True))

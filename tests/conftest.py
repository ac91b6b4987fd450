"""Fixtures for every test: planmaker run as a user runs it, hypothesis kept out of the
repository, every problem the tests meet checked for its Chinese message at the end, the
documents LibreOffice lays out, and every DOCX the session wrote validated against the
ECMA-376 schemas at its end."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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

sys.path.insert(0, str(ROOT / "scripts"))  # review.py reads the PDF pages for the layout tests
__all__ = ["EXAMPLES", "ROOT"]

settings.register_profile(
    "planmaker",
    database=None,  # no examples database: nothing kept between runs
    deadline=None,  # a document takes longer on a busy machine; no example is too slow
    max_examples=50,  # new ones each run; the suite keeps to its time on two cores
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", settings.get_profile("planmaker"), max_examples=1000)
"""``pytest --hypothesis-profile thorough``: twenty times the examples, before a release."""
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
_LAYOUT = pytest.StashKey["_Layout"]()


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


# -- documents as LibreOffice lays them out ------------------------------------------


@dataclass
class Laid:
    """One document and its LibreOffice PDF, read back: pages of printed lines, and the
    DOCX's paragraphs by role (see scripts/review.py)."""

    docx: bytes
    pdf: Path
    pages: list
    paragraphs: object


@pytest.fixture(scope="session")
def laid_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every example (by its review.py name, e.g. ``district-xiwang-deyu-2026autumn-plan``),
    the keep-rule cases of layout_cases.py, the long Markdown fixture (``long_body``) and
    term-plan-table on an ordinary office reference (``office_reference``), converted to
    PDF in one LibreOffice run: LibreOffice costs seconds to start, so the run starts when
    the tests are collected and goes on beside them (:func:`pytest_collection_finish`)."""
    import review

    if not _can_lay_out():
        pytest.skip("LibreOffice (soffice) 或 poppler-utils (pdftotext) 未安装：无法检查 PDF 版面")
    layout = request.config.stash.get(_LAYOUT, None)
    if layout is None:  # not started with the session (the fixture reached another way)
        layout = _Layout(tmp_path_factory.mktemp("layout"))
        layout.start()
    documents, pdfs = layout.finish()
    return {
        name: Laid(data, pdf, review.read_pages(pdf), review.read_paragraphs(data))
        for (name, data), pdf in zip(documents.items(), pdfs, strict=True)
    }


def _can_lay_out() -> bool:
    from planmaker.writers.pdf import find_soffice

    return find_soffice() is not None and shutil.which("pdftotext") is not None


class _Layout(threading.Thread):
    """The documents :func:`laid_out` reads, rendered now, and their one LibreOffice run,
    which goes on in this thread (LibreOffice is a process of its own: a second core)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(name="libreoffice-layout", daemon=True)
        import layout_cases
        import review

        from planmaker.markdown import parse_markdown
        from planmaker.pipeline import RenderOptions, render_file
        from planmaker.writers.docx import DocxOptions, write_docx

        options = RenderOptions("docx", today=date(2026, 2, 21))
        self.documents = {
            review.output_name(p): render_file(p, options).data for p in review.example_files()
        }
        for name, markdown in layout_cases.CASES.items():
            self.documents[name] = write_docx(parse_markdown(markdown), DocxOptions())
        long_body = ROOT / "tests" / "fixtures" / "markdown" / "long_body.md"
        self.documents["long_body"] = write_docx(
            parse_markdown(long_body.read_text(encoding="utf-8")), DocxOptions()
        )
        reference = folder / "本单位.docx"
        reference.write_bytes(layout_cases.office_reference())
        self.documents["office_reference"] = render_file(
            EXAMPLES / "term-plan-table.yaml",
            RenderOptions("docx", reference_doc=reference, today=date(2026, 2, 21)),
        ).data
        self.folder = folder
        self.sources = []
        for name, data in self.documents.items():
            self.sources.append(folder / f"{name}.docx")
            self.sources[-1].write_bytes(data)
        self.pdfs: list[Path] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        from planmaker.writers.pdf import convert_to_pdf

        try:
            self.pdfs = convert_to_pdf(self.sources, self.folder)
        except BaseException as err:  # handed to the test that reads the pages
            self.error = err

    def finish(self) -> tuple[dict[str, bytes], list[Path]]:
        self.join()
        if self.error is not None:
            raise self.error
        return self.documents, self.pdfs


# -- every DOCX the suite writes validates against the ECMA-376 schemas -------------

_AUDIT: dict[str, float] = {}
AUDIT_PER_TEST = 1
"""How many of the DOCX one test writes are candidates for validation: the documents of
one test (a property test's hundreds of examples, a batch's folder) are alike in their
markup."""
AUDIT_DOCUMENTS = 12
"""How many of those are validated, spread evenly over the tests that wrote them:
validating costs about a quarter of a second a document, and every example is validated
whole by tests/test_package_settings.py."""


@pytest.fixture(scope="session", autouse=True)
def every_docx_is_valid_ooxml(tmp_path_factory: pytest.TempPathFactory):
    """Validate, when the session ends, the DOCX planmaker wrote during it with
    ``openxml-audit`` (the Open XML SDK's checks, ECMA-376 schemas included), the first
    :data:`AUDIT_PER_TEST` of each test: those made in this process, caught as the
    writer returns them, and those other processes wrote under the session's temporary
    folder (their docProps/app.xml names planmaker)."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:  # the test extra is not installed: nothing to validate with
        yield
        return
    from planmaker.writers.docx_base import Package

    written: dict[str, tuple[bytes, str]] = {}
    per_test: dict[str, int] = {}
    seen = 0
    document = Package.document

    def keep(data: bytes, test: str, origin: str) -> None:
        nonlocal seen
        seen += 1
        key = hashlib.sha1(data).hexdigest()
        if key not in written and per_test.get(test, 0) < AUDIT_PER_TEST:
            per_test[test] = per_test.get(test, 0) + 1
            written[key] = (data, origin)

    def recording(self, *args, **kwargs) -> bytes:
        data = document(self, *args, **kwargs)
        test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
        keep(data, test, test)
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Package, "document", recording)
        yield
    started = time.perf_counter()
    base = tmp_path_factory.getbasetemp()
    for path in sorted(base.rglob("*.docx")):
        info = path.lstat()
        # a FIFO or a link a test made there; a sparse giant or a bomb a hostile-input test made
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST_WRITTEN:
            continue
        if _made_by_planmaker(path):
            keep(path.read_bytes(), path.relative_to(base).parts[0], str(path))
    validator = OpenXmlValidator()
    failures = []
    target = base / "openxml-audit.docx"
    candidates = list(written.values())
    step = max(1, -(-len(candidates) // AUDIT_DOCUMENTS))
    for data, origin in candidates[::step]:
        target.write_bytes(data)
        result = validator.validate(target)
        if not result.is_valid:
            errors = "; ".join(f"{e.part_uri} {e.path}: {e.description}" for e in result.errors[:5])
            failures.append(f"{origin}: {result.error_count} errors: {errors}")
    _AUDIT.update(
        documents=len(candidates[::step]), written=seen, seconds=time.perf_counter() - started
    )
    if failures:
        pytest.fail("DOCX not valid OOXML:\n" + "\n".join(failures), pytrace=False)


_LARGEST_WRITTEN = 4 * 1024 * 1024
"""No DOCX the tests have planmaker write is larger; the larger files under the session's
folder are the hostile inputs tests make (a 6 GB sparse file, zip bombs)."""


def _made_by_planmaker(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/app.xml")
            if info.file_size > 64 * 1024:
                return False
            return b"<Application>planmaker</Application>" in archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def pytest_terminal_summary(terminalreporter) -> None:
    if _AUDIT:
        terminalreporter.write_line(
            f"openxml-audit: {_AUDIT['documents']:.0f} of {_AUDIT['written']:.0f} DOCX written"
            f" validated in {_AUDIT['seconds']:.1f} s"
        )


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the command of each ``in_background`` test now, and LibreOffice on the layout
    documents: they run beside the other tests."""
    if session.config.option.collectonly:
        return
    started = session.config.stash.setdefault(_BACKGROUND, {})
    for item in session.items:
        marker = item.get_closest_marker("in_background")
        if marker is not None and tuple(marker.args[0]) not in started:
            started[tuple(marker.args[0])] = start_process(list(marker.args[0]))
    wants_layout = any("laid_out" in getattr(i, "fixturenames", ()) for i in session.items)
    factory = getattr(session.config, "_tmp_path_factory", None)  # pytest's, as tmp_path's
    if wants_layout and factory is not None and _can_lay_out():
        layout = _Layout(factory.mktemp("layout"))
        layout.start()
        session.config.stash[_LAYOUT] = layout


def pytest_sessionfinish(session: pytest.Session) -> None:
    layout = session.config.stash.get(_LAYOUT, None)
    if layout is not None:  # no test read its pages (deselected, stopped early): let it end
        layout.join()
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

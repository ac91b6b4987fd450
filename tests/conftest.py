"""Fixtures for every test: planmaker run as a user runs it, hypothesis kept out of the
repository, every problem the tests meet checked for its Chinese message at the end, the
documents LibreOffice lays out, and every DOCX the session wrote validated against the
ECMA-376 schemas at its end.

The suite runs in several processes (pytest-xdist, ``-n auto`` in pyproject.toml; ``-n 0``
runs it in this one). What a session does once — the LibreOffice run, the background
commands — is done once over all of them; what it checks at its end, each process checks
for the tests it ran."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
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
def office_plan(tmp_path: Path) -> Path:
    """A plan typed in Word the way offices type them (``import_docs.office_docx``), saved
    as 教务处工作计划.docx in the test's own folder: what ``import`` is tried on."""
    import import_docs

    path = tmp_path / "教务处工作计划.docx"
    path.write_bytes(import_docs.office_docx())
    return path


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
_LAYOUT = pytest.StashKey["subprocess.Popen[bytes] | None"]()


def pytest_configure(config: pytest.Config) -> None:
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


def _worker() -> str | None:
    """This process's name among the suite's processes (``gw0`` …), None when it is alone."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read LibreOffice's pages go last but one, when its run (started at
    collection) is done. Alone, tests whose command runs in the background go last (it
    has run beside the others by then); over several processes they go first, and the
    process that takes one waits for its command while the others go on."""
    several = _worker() is not None

    def order(item: pytest.Item) -> tuple[bool, bool]:
        background = item.get_closest_marker("in_background") is not None
        return background != several, "laid_out" in getattr(item, "fixturenames", ())

    items.sort(key=order)


@pytest.fixture(scope="session", autouse=True)
def every_problem_met_is_worded():
    """When the session ends: every problem its tests met has a Chinese message that
    formats with the params it really carried (see tests/problems_seen.py)."""
    yield
    unworded = SEEN.unworded()
    if unworded:
        pytest.fail(
            "problems met without a Chinese message that formats:\n"
            + "\n".join(map(str, unworded)),
            pytrace=False,
        )


# -- documents as LibreOffice lays them out ------------------------------------------


class Laid:
    """One document and its LibreOffice PDF, read back (when first asked): pages of printed
    lines, and the DOCX's paragraphs by role (see scripts/review.py)."""

    def __init__(self, docx: bytes, pdf: Path) -> None:
        self.docx = docx
        self.pdf = pdf

    @functools.cached_property
    def pages(self) -> list:
        import review

        return review.read_pages(self.pdf)

    @functools.cached_property
    def paragraphs(self) -> object:
        import review

        return review.read_paragraphs(self.docx)


@pytest.fixture(scope="session")
def laid_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every example (by its review.py name, e.g. ``district-xiwang-deyu-2026autumn-plan``),
    the keep-rule cases of layout_cases.py, the long Markdown fixture (``long_body``) and
    term-plan-table on an ordinary office reference (``office_reference``), converted to
    PDF in one LibreOffice run: LibreOffice costs seconds to start, so the run starts when
    the tests are collected and goes on beside them (:func:`pytest_collection_finish`),
    once for all the suite's processes."""
    if not _can_lay_out():
        pytest.skip("LibreOffice (soffice) 或 poppler-utils (pdftotext) 未安装：无法检查 PDF 版面")
    folder = _layout_folder(tmp_path_factory)
    if _LAYOUT not in request.config.stash:  # not claimed at collection (deselected …)
        request.config.stash[_LAYOUT] = _claim_layout(folder)
    documents, pdfs = _laid_out_in(folder)
    return {
        name: Laid(data, pdf) for (name, data), pdf in zip(documents.items(), pdfs, strict=True)
    }


def _can_lay_out() -> bool:
    from planmaker.writers.pdf import find_soffice

    return find_soffice() is not None and shutil.which("pdftotext") is not None


def _layout_folder(factory: pytest.TempPathFactory) -> Path:
    """Where the LibreOffice run writes: in the folder the suite's processes share."""
    base = factory.getbasetemp()
    return (base.parent if _worker() is not None else base) / "libreoffice-layout"


LAYOUT_WAIT_SECONDS = 900.0
"""How long a test waits for the LibreOffice run (which may be another process's)."""


def _claim_layout(folder: Path) -> subprocess.Popen[bytes] | None:
    """Render the documents :func:`laid_out` reads into ``folder`` and start their
    LibreOffice run (tests/lay_out.py, a process of its own: a second core, and an
    environment no test changes), unless another of the suite's processes has claimed
    ``folder`` already."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return None
    import lay_out

    try:
        documents = _layout_documents(folder)
    except Exception as err:  # told to the tests that read the pages, in any process
        lay_out.done(folder, [], [], f"{type(err).__name__}: {err}")
        return None
    for name, data in documents.items():
        (folder / f"{name}.docx").write_bytes(data)
    (folder / "names.json").write_text(json.dumps(list(documents)), encoding="utf-8")
    script = Path(__file__).with_name("lay_out.py")
    return subprocess.Popen([sys.executable, str(script), str(folder)])


def _layout_documents(folder: Path) -> dict[str, bytes]:
    """Every example, the keep-rule cases, the long body and the office reference case."""
    import layout_cases
    import review

    from planmaker.markdown import parse_markdown
    from planmaker.pipeline import RenderOptions, render_file
    from planmaker.writers.docx import DocxOptions, write_docx

    options = RenderOptions("docx", today=date(2026, 2, 21))
    documents = {
        review.output_name(p): render_file(p, options).data for p in review.example_files()
    }
    for name, markdown in layout_cases.CASES.items():
        documents[name] = write_docx(parse_markdown(markdown), DocxOptions())
    long_body = ROOT / "tests" / "fixtures" / "markdown" / "long_body.md"
    documents["long_body"] = write_docx(
        parse_markdown(long_body.read_text(encoding="utf-8")), DocxOptions()
    )
    reference = folder / "本单位.docx"
    reference.write_bytes(layout_cases.office_reference())
    documents["office_reference"] = render_file(
        EXAMPLES / "term-plan-table.yaml",
        RenderOptions("docx", reference_doc=reference, today=date(2026, 2, 21)),
    ).data
    return documents


def _laid_out_in(folder: Path) -> tuple[dict[str, bytes], list[Path]]:
    """The documents of the LibreOffice run in ``folder`` and their PDFs, in the same
    order, once the run (in this process or another) is done."""
    done = folder / "done.json"
    deadline = time.monotonic() + LAYOUT_WAIT_SECONDS
    while not done.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the LibreOffice run in {folder} did not end", pytrace=False)
        time.sleep(0.1)
    manifest = json.loads(done.read_text(encoding="utf-8"))
    if manifest["error"] is not None:
        pytest.fail(f"the LibreOffice run failed: {manifest['error']}", pytrace=False)
    documents = {name: (folder / f"{name}.docx").read_bytes() for name in manifest["names"]}
    return documents, [folder / name for name in manifest["pdfs"]]


# -- every DOCX the suite writes validates against the ECMA-376 schemas -------------

_AUDIT: dict[str, float] = {}
AUDIT_PER_TEST = 1
"""How many of the DOCX one test writes are candidates for validation: the documents of
one test (a property test's hundreds of examples, a batch's folder) are alike in their
markup."""
AUDIT_DOCUMENTS = 12
"""How many of those are validated, spread evenly over the tests that wrote them (and
over the suite's processes): validating costs about a quarter of a second a document,
and every example is validated whole by tests/test_package_settings.py."""


@pytest.fixture(scope="session", autouse=True)
def every_docx_is_valid_ooxml(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
):
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
    failures = []
    target = base / "openxml-audit.docx"
    candidates = list(written.values())
    validator = OpenXmlValidator() if candidates else None  # loading its schemas takes 0.5 s
    share = -(-AUDIT_DOCUMENTS // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    step = max(1, -(-len(candidates) // share))
    for data, origin in candidates[::step]:
        target.write_bytes(data)
        result = validator.validate(target)  # type: ignore[union-attr]
        if not result.is_valid:
            errors = "; ".join(f"{e.part_uri} {e.path}: {e.description}" for e in result.errors[:5])
            failures.append(f"{origin}: {result.error_count} errors: {errors}")
    _AUDIT.update(
        documents=len(candidates[::step]), written=seen, seconds=time.perf_counter() - started
    )
    workeroutput = getattr(request.config, "workeroutput", None)  # a process of several
    if workeroutput is not None:
        workeroutput["openxml-audit"] = dict(_AUDIT)
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


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """Add up what each of the suite's processes validated (for the summary line)."""
    audit = getattr(node, "workeroutput", {}).get("openxml-audit")
    if audit:
        for key, value in audit.items():
            _AUDIT[key] = _AUDIT.get(key, 0) + value


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
        # over several processes the one that takes the test starts it (it comes first)
        if marker is not None and tuple(marker.args[0]) not in started and _worker() is None:
            started[tuple(marker.args[0])] = start_process(list(marker.args[0]))
    wants_layout = any("laid_out" in getattr(i, "fixturenames", ()) for i in session.items)
    factory = getattr(session.config, "_tmp_path_factory", None)  # pytest's, as tmp_path's
    if wants_layout and factory is not None and _can_lay_out():
        session.config.stash[_LAYOUT] = _claim_layout(_layout_folder(factory))


def pytest_sessionfinish(session: pytest.Session) -> None:
    layout = session.config.stash.get(_LAYOUT, None)
    if layout is not None:  # the other processes may still read its pages: let it end
        layout.wait()
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

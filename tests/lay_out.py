"""``python tests/lay_out.py FOLDER``: convert every DOCX named in ``FOLDER/names.json``
to PDF in one LibreOffice run, then write ``FOLDER/done.json`` (the names, the PDFs, or
what failed). The suite starts it at collection (tests/conftest.py), as a process of its
own, so that what the tests later do to this process's environment (PATH, a stand-in
LibreOffice) never reaches the run."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def lay_out(folder: Path) -> None:
    names: list[str] = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    pdfs: list[Path] = []
    error = None
    try:
        from planmaker.writers.pdf import convert_to_pdf

        pdfs = convert_to_pdf([folder / f"{name}.docx" for name in names], folder)
    except BaseException as err:  # told to the tests that read the pages
        error = f"{type(err).__name__}: {err}"
    done(folder, names, [p.name for p in pdfs], error)


def done(folder: Path, names: list[str], pdfs: list[str], error: str | None) -> None:
    """Write ``done.json`` whole or not at all (the tests wait for it to appear)."""
    partial = folder / "done.json.partial"
    fields = {"names": names, "pdfs": pdfs, "error": error}
    partial.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    partial.replace(folder / "done.json")


if __name__ == "__main__":
    lay_out(Path(sys.argv[1]))

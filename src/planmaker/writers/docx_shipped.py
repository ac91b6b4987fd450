"""The default base packages, built by python-docx ahead of time and shipped.

python-docx builds the package every document is written into
(:mod:`~planmaker.writers.docx_package`). The default ones, one per font set, are built
ahead of time and shipped as package data (``data/base-<fonts>.zip`` and ``.json``): a
cold ``render`` reads two small files instead of importing python-docx and styling its
template, which took most of a cold start. Each shipped package records a digest of the
builder's sources; when they no longer match (the layout was changed and the packages
not rebuilt), the package is built again, as for a reference document, so a stale one
is never used. ``python -m planmaker.writers.docx_shipped`` rebuilds them, and a test
checks that they equal what the builder makes.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from planmaker.writers.docx_base import Package

DATA = Path(__file__).resolve().parent.parent / "data"
"""Where the shipped packages are."""
BUILDER_SOURCES = ("docx_package.py", "docx_layout.py", "docx_oxml.py", "docx_reference.py")
"""The modules (beside this one) that decide what the builder makes."""


@lru_cache(maxsize=8)
def shared_package(fonts: str, reference: bytes | None) -> Package:
    """The package of font set ``fonts``, on ``reference`` (a DOCX's bytes) if given:
    the shipped one when it is current, else built by python-docx; once per process."""
    if reference is None:
        shipped = shipped_package(fonts)
        if shipped is not None:
            return shipped
    from planmaker.writers.docx_package import build_package

    return build_package(fonts, reference)


def shipped_package(fonts: str) -> Package | None:
    """The shipped package of ``fonts``; None when absent or built from other sources."""
    try:
        manifest = json.loads((DATA / f"base-{fonts}.json").read_text(encoding="utf-8"))
        if manifest.get("sources") != builder_digest():
            return None
        return Package(
            (DATA / f"base-{fonts}.zip").read_bytes(),
            manifest["document_head"].encode("utf-8"),
            manifest["document_tail"].encode("utf-8"),
            manifest["document_member"],
            manifest["core_member"],
            manifest["style_ids"],
        )
    except (OSError, ValueError, KeyError, AttributeError):
        return None


@lru_cache(maxsize=1)
def builder_digest() -> str:
    """SHA-256 of the builder's sources (:data:`BUILDER_SOURCES`), in that order, line
    endings read as ``\\n`` (a checkout on Windows may have turned them into ``\\r\\n``)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in BUILDER_SOURCES:
        digest.update((here / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def save_shipped(folder: Path = DATA) -> list[Path]:
    """Build the package of every font set and write it to ``folder`` as shipped."""
    from planmaker.writers.docx_layout import FONT_SETS
    from planmaker.writers.docx_package import build_package

    written = []
    for fonts in FONT_SETS:
        package = build_package(fonts, None)
        for path, data in (
            (folder / f"base-{fonts}.zip", package.shared_zip),
            (folder / f"base-{fonts}.json", package.manifest(builder_digest()).encode("utf-8")),
        ):
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":  # python -m planmaker.writers.docx_shipped
    for saved in save_shipped():
        print(saved)  # noqa: T201

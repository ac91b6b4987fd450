"""The seed documents the recogniser's tests read: text fixtures as the importer's blocks."""

from __future__ import annotations

from pathlib import Path

from planmaker.importer.blocks import Source, text_blocks

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


def text_source(name: str) -> Source:
    """A text fixture as a reader of plain text hands it over: paragraphs without hints."""
    return Source(name, text_blocks(fixture_lines(name)))

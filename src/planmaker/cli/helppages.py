"""The help pages, written ahead from the command tree and shipped with the package.

A help page is what :mod:`planmaker.cli.helptext` writes from typer's command tree, but
loading typer and the click it carries takes most of a ``--help``'s time: some 70
milliseconds of about 100. So every page is written ahead, for a console of 80 columns
or more (click then lays every page out 78 columns wide, whatever the width beyond),
and shipped in ``data/help.json`` together with a checksum of the planmaker source files
the pages came from. :func:`stored_page` hands back the page a command line asks for
when it asks for nothing but a help page, the console is that wide and those files are
unchanged; in every other case (a narrower console, a source changed since, a command
line that asks for more) the command tree writes the page as before.

``python scripts/help_pages.py`` writes the pages again; a test checks that the shipped
ones equal what the command tree writes.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Sequence
from functools import cache

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""The planmaker package folder: the sources are named relative to it."""
PAGES = os.path.join(PACKAGE, "data", "help.json")
HELP_OPTIONS = ("-h", "--help")
LAYOUT_COLUMNS = 80
"""click lays a page out ``min(console columns, 80) - 2`` wide: every console this wide
or wider gets the same page."""


def stored_page(args: Sequence[str]) -> str | None:
    """The shipped page for the command line ``args`` (without ``--debug``/``--verbose``)
    when it is ``[COMMAND …] --help`` (or ``-h``), the console is at least
    :data:`LAYOUT_COLUMNS` wide and the page is current; ``None`` otherwise."""
    if not args or args[-1] not in HELP_OPTIONS:
        return None
    if any(arg.startswith("-") for arg in args[:-1]):
        return None
    import shutil

    if shutil.get_terminal_size().columns < LAYOUT_COLUMNS:
        return None
    pages = _current_pages()
    return None if pages is None else pages.get(" ".join(args[:-1]))


@cache
def _current_pages() -> dict[str, str] | None:
    """The shipped pages, by command words; None when absent, unreadable or written
    from sources that have changed since."""
    try:
        with open(PAGES, encoding="utf-8") as file:
            shipped = json.load(file)
        if shipped["sources"] != digest(shipped["files"]):
            return None
        pages = shipped["pages"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pages if isinstance(pages, dict) else None


def digest(files: Sequence[str]) -> str:
    """A checksum of the planmaker source ``files`` (named relative to the package):
    zlib's CRC-32 of their names and contents, which tells an edited file from the one
    the pages came from and loads in no time (hashlib's OpenSSL takes milliseconds)."""
    crc = 0
    for name in files:
        with open(os.path.join(PACKAGE, *name.split("/")), "rb") as file:
            crc = zlib.crc32(file.read(), zlib.crc32(name.encode("utf-8") + b"\0", crc))
    return f"{crc:08x}"

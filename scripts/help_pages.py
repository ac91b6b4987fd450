"""Write the help pages planmaker ships, ``src/planmaker/data/help.json``.

    .venv/bin/python scripts/help_pages.py

Every page is what the command tree writes for ``planmaker [COMMAND …] --help`` in a
console of 80 columns, by command words; with them go the planmaker source files that
writing them loaded and their checksum, so that a page is no longer used once one of
those files changes (see ``planmaker.cli.helppages``). Run it after changing a
command's help or options; the tests fail until it has run.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

from planmaker.cli import helppages, run_command


def written_pages() -> dict[str, str]:
    """Every page as the command tree writes it for a console of
    :data:`~planmaker.cli.helppages.LAYOUT_COLUMNS` columns, by command words (the top
    page under ``""``)."""
    import typer.main

    from planmaker.cli.app import app

    def words(path: tuple[str, ...], command: object) -> list[tuple[str, ...]]:
        found = [path]
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not getattr(sub, "hidden", False):
                found += words((*path, name), sub)
        return found

    pages: dict[str, str] = {}
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(helppages.LAYOUT_COLUMNS)
    try:
        for path in words((), typer.main.get_command(app)):
            out = StringIO()
            with redirect_stdout(out):
                code = run_command([*path, "--help"], stored_help=False)
            if code != 0:
                raise RuntimeError(f"planmaker {' '.join(path)} --help ended with {code}")
            pages[" ".join(path)] = out.getvalue()
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    return pages


def sources() -> list[str]:
    """The planmaker source files this process has loaded, relative to the package, in
    order: after :func:`written_pages` in a process of its own, those the pages come from."""
    package = Path(helppages.PACKAGE)
    files = []
    for name, module in list(sys.modules.items()):
        path = Path(getattr(module, "__file__", None) or "").resolve()
        if name.startswith("planmaker") and path.suffix == ".py" and package in path.parents:
            files.append(path.relative_to(package).as_posix())
    return sorted(files)


def write() -> Path:
    """Write the pages, with the files they came from and their checksum; the file."""
    pages = written_pages()
    files = sources()
    shipped = {"sources": helppages.digest(files), "files": files, "pages": pages}
    path = Path(helppages.PAGES)
    path.write_text(json.dumps(shipped, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent / "src" / "planmaker"
    if Path(helppages.PACKAGE).resolve() != here:
        sys.exit(
            f"planmaker 是从 {helppages.PACKAGE} 载入的，不是本仓库的 {here}："
            "请先用 pip install -e 安装，帮助页才会写到这里。"
        )
    print(write())

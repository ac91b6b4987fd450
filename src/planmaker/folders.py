"""The folders a user names to ``batch`` and ``report``: the input files they hold, and
what was left out, each said with its name.

A folder may hold anything: earlier outputs, hidden drafts, a FIFO, a link to its own
parent or to ``/``, a link that points at itself. None of these may stop the walk or
hang the run; none is passed over silently.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import replace
from pathlib import Path

from planmaker.errors import Location, Problem
from planmaker.intake import file_type_name

INPUT_SUFFIXES = (".yaml", ".yml")


def yaml_files(folder: Path, skipped: list[Problem]) -> list[Path]:
    """The ``.yaml``/``.yml`` files under ``folder`` (:func:`input_files`)."""
    return input_files(folder, skipped, INPUT_SUFFIXES)


def input_files(
    folder: Path,
    skipped: list[Problem],
    suffixes: tuple[str, ...],
    others: list[Path] | None = None,
) -> list[Path]:
    """The files under ``folder`` whose names end in one of ``suffixes`` (any case), each
    folder's files before its subfolders.

    Left out, each noted in ``skipped``: hidden folders, and hidden files that would
    otherwise count (their names start with a dot); links to folders (never followed:
    a link to ``/`` or to a parent would never end); links that loop; files that are not
    regular (a FIFO would hang the worker that opens it); folders that cannot be listed.
    Other files are gathered in ``others`` when given, else counted, one notice per
    folder given. A dangling link stays in, to fail as a missing file with its name.
    """
    files: list[Path] = []
    other_files: list[Path] = []  # the files that are not inputs
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            skipped.append(Problem("walk.unreadable", Location(str(current)), severity="warning"))
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(current) / entry.name
            if entry.name.startswith("."):
                if entry.is_dir(follow_symlinks=False) or _is_input(entry.name, suffixes):
                    skipped.append(Problem("walk.hidden", Location(str(path)), severity="warning"))
                continue
            problem = _not_walkable(entry)
            if problem is not None:
                skipped.append(replace(problem, where=Location(str(path))))
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(path)
            elif _is_input(entry.name, suffixes):
                files.append(path)
            else:
                other_files.append(path)
        stack.extend(reversed(subfolders))
    if others is not None:
        others.extend(other_files)
    elif other_files:
        names = [p.name for p in other_files]
        examples = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
        params = {"count": len(names), "examples": examples}
        skipped.append(Problem("walk.not_yaml", Location(str(folder)), params, "warning"))
    return files


def _is_input(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.lower().endswith(suffixes)


def _not_walkable(entry: os.DirEntry[str]) -> Problem | None:
    """Why a folder entry is neither walked into nor taken (its problem, unlocated), or None."""
    try:
        if entry.is_symlink():
            mode = os.stat(entry.path).st_mode
            if stat.S_ISDIR(mode):
                return Problem("walk.folder_link", severity="warning")
        elif entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
            return None
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as err:
        return (
            Problem("walk.symlink_loop", severity="warning") if err.errno == errno.ELOOP else None
        )
    if stat.S_ISREG(mode):
        return None
    return Problem("walk.special", params={"type": file_type_name(mode)}, severity="warning")

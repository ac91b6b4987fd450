"""Writing outputs: where ``-o`` puts them, and writing them so that nothing is ever half-written.

:func:`write_atomic` writes a temporary file in the target folder and renames it into
place. Ctrl-C or an error removes the temporary file and leaves the old output as it
was; a killed process can leave only a temporary file named
``.<name>.<host>.<pid>.<random>.planmaker-tmp``, which the next write into that folder
(:func:`remove_stale_temporaries`) removes once that process is gone. The host is in
the name so that a run on one machine never removes what a run on another machine is
writing into a shared folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import socket
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planmaker.errors import Location, PlanError
from planmaker.intake import file_type_name

_TMP_SUFFIX = ".planmaker-tmp"
_TMP_NAME = re.compile(
    r"^\.(?P<name>.*)\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.[0-9a-f]+"
    + re.escape(_TMP_SUFFIX)
    + "$"
)
_TMP_NAME_CHARS = 40
"""How much of the output's name a temporary file repeats (names have a length limit)."""


def names_folder(output: str) -> bool:
    """Whether ``-o output`` names a folder: one that exists, or written with a trailing / or \\.

    The backslash counts on every system, so a path typed the Windows way means the
    same folder wherever planmaker runs.
    """
    return output.endswith(("/", "\\")) or os.path.isdir(output)


def output_target(output: str | None, folder: Path, name: str) -> Path:
    """Where ``-o output`` puts a file whose own name is ``name``.

    No ``-o``: ``folder / name``. A folder (:func:`names_folder`): ``output / name``.
    Anything else names the file itself.
    """
    if output is None:
        return folder / name
    if names_folder(output):
        return Path(output) / name
    return Path(output)


@dataclass(frozen=True)
class Inputs:
    """The files a command reads, which none of its outputs may replace (``output.is_input``).

    A file is known by its device and inode number, so a link to an input, or another
    name of it, is still that input; by its real path where the system gives no inode.
    """

    ids: frozenset[tuple[int, int]] = frozenset()
    paths: frozenset[str] = frozenset()

    @classmethod
    def of(cls, files: Iterable[str | os.PathLike[str] | None]) -> Inputs:
        ids: set[tuple[int, int]] = set()
        paths: set[str] = set()
        for file in files:
            if file is None:
                continue
            try:
                st = os.stat(file)
            except (OSError, ValueError):
                continue
            if st.st_ino:
                ids.add((st.st_dev, st.st_ino))
            else:
                paths.add(_real(file))
        return cls(frozenset(ids), frozenset(paths))

    def holds(self, path: str | os.PathLike[str], st: os.stat_result | None = None) -> bool:
        """Whether the file at ``path`` (``st``: its ``os.stat`` when known) is an input."""
        if st is None:
            try:
                st = os.stat(path)
            except (OSError, ValueError):
                return False
        if st.st_ino:
            return (st.st_dev, st.st_ino) in self.ids
        return _real(path) in self.paths


Protected = Inputs | str | os.PathLike[str] | Iterable[str | os.PathLike[str] | None] | None
"""What :func:`write_atomic` keeps from being written over: one input or several."""


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    protect: Protected = None,
    sync: bool = True,
    clean: bool = True,
) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    ``sync`` forces the file to disk before the rename, so a power cut cannot leave an
    empty file under the old name; ``batch`` passes False and syncs once at its end.
    ``clean`` removes temporary files dead processes left in the folder; ``batch``
    does that once per folder instead of once per file.

    ``protect`` is the command's input file, or all of them (:class:`Inputs`): writing
    onto any is refused (``output.is_input``), whatever ``--force`` says. What already
    exists at ``path`` must be a regular file (or a link to one, which is replaced, not
    followed): a folder is ``output.is_directory``, a device, FIFO or socket
    ``output.not_regular``. A missing folder is created. Raises PlanError
    ``output.not_writable`` when the folder cannot be written, ``output.disk_full``
    when the disk is full, ``output.name_too_long`` for a name the system refuses as too
    long, ``output.symlink_loop`` for links that lead back to themselves and
    ``output.locked`` when the old file cannot be replaced (on Windows: open in Word or
    WPS). Whatever happens, including Ctrl-C, the old file is either untouched or
    wholly replaced, and the temporary file is gone.
    """
    target = Path(path)
    existing = _output_stat(target)
    if existing is not None:
        if _protected(protect).holds(target, existing):
            raise PlanError("output.is_input", Location(str(target)))
        if stat.S_ISDIR(existing.st_mode):
            raise PlanError("output.is_directory", Location(str(target)))
        if not stat.S_ISREG(existing.st_mode):
            raise PlanError(
                "output.not_regular", Location(str(target)), type=file_type_name(existing.st_mode)
            )
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise output_problem(err, folder) from None
    if clean:
        remove_stale_temporaries(folder)
    tmp = folder / _temporary_name(target.name)
    try:
        try:
            with open(tmp, "xb") as fh:
                fh.write(data)
                if sync:
                    fh.flush()
                    os.fsync(fh.fileno())
        except OSError as err:
            raise output_problem(err, folder) from None
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise PlanError("output.locked", Location(str(target))) from None
        except OSError as err:
            raise output_problem(err, target) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def output_exists(path: str | os.PathLike[str]) -> bool:
    """Whether something is at the output ``path`` (``--force`` decides what happens then).

    Raises PlanError ``output.name_too_long``, ``output.symlink_loop`` or
    ``output.not_writable`` when the system cannot even look.
    """
    return _output_stat(path) is not None


def _output_stat(path: str | os.PathLike[str]) -> os.stat_result | None:
    """``os.stat`` of the output ``path`` (links followed), or None when nothing is there."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        if err.errno == errno.ENOENT:
            return None
        raise output_problem(err, Path(path)) from None


def output_problem(err: OSError, where: Path) -> PlanError:
    """The PlanError for an ``OSError`` met while writing at ``where``."""
    code = {
        errno.ENOSPC: "output.disk_full",
        errno.ENAMETOOLONG: "output.name_too_long",
        errno.ELOOP: "output.symlink_loop",
    }.get(err.errno or 0, "output.not_writable")
    return PlanError(code, Location(str(where)))


def _protected(protect: Protected) -> Inputs:
    if protect is None:
        return Inputs()
    if isinstance(protect, Inputs):
        return protect
    if isinstance(protect, (str, os.PathLike)):
        return Inputs.of([protect])
    return Inputs.of(protect)


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(path))


def _temporary_name(name: str) -> str:
    """``.<name>.<host>.<pid>.<random>.planmaker-tmp``: recognisably ours, never shared."""
    token = secrets.token_hex(4)
    return f".{name[:_TMP_NAME_CHARS]}.{_host()}.{os.getpid()}.{token}{_TMP_SUFFIX}"


@cache
def _host() -> str:
    """This machine's name, reduced to the characters a temporary name may hold."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:32] or "host"


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files in ``folder`` left by planmaker processes that no longer run.

    Only files written on this machine are considered; a file whose process is still
    running (or cannot be checked) is kept.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TMP_NAME.match(name)
        if m and m["host"] == _host() and not _process_alive(int(m["pid"])):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else, or cannot be asked
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    """On Windows ``os.kill(pid, 0)`` would send CTRL_C_EVENT; ask the kernel instead."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return kernel32.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)

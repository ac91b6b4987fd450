"""Files in and out: bytes → text, and writing outputs so that nothing is ever half-written.

Reading: users save YAML from Notepad, WPS or VS Code on Windows, so besides UTF-8 we
accept UTF-8 with a BOM, UTF-16 with a BOM (Notepad's "Unicode") and GB18030, the
superset of GBK that Chinese Windows uses. Files over :data:`MAX_BYTES` are refused
before they are read, so a 50 MB file costs nothing.

Writing: :func:`write_atomic` writes a temporary file in the target folder and renames
it into place. Ctrl-C or an error removes the temporary file and leaves the old output
as it was; a killed process can leave only a temporary file named
``.<name>.<pid>.planmaker-tmp``, which the next write into that folder removes once
that process is gone.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from planmaker.errors import Location, PlanError

MAX_BYTES = 2 * 1024 * 1024
"""The largest input accepted. A term plan is a few kB; the longest seed is 116 kB."""

_TMP_SUFFIX = ".planmaker-tmp"
_TMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)" + re.escape(_TMP_SUFFIX) + "$")


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its text (line ends as written) and the encoding used."""

    path: str
    text: str
    encoding: str


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode a user's input file; see the module docstring for what is accepted."""
    p = Path(path)
    where = Location(str(path))
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise PlanError("input.is_directory", where)
        if size > MAX_BYTES:
            raise PlanError("input.too_large", where, size=size, limit=MAX_BYTES)
        data = p.read_bytes()
    except FileNotFoundError:
        raise PlanError("input.not_found", where) from None
    except PermissionError:
        raise PlanError("input.not_readable", where) from None
    except IsADirectoryError:
        raise PlanError("input.is_directory", where) from None
    text, encoding = decode(data, str(path))
    return SourceText(str(path), text, encoding)


def decode(data: bytes, file: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes, or PlanError ``input.not_text``/``input.encoding``."""
    where = Location(file)
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise _undecodable(data, err, file, codec) from None
    if b"\x00" in data:
        raise PlanError("input.not_text", where)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise _undecodable(data, utf8_err, file, "utf-8") from None


def _undecodable(data: bytes, err: UnicodeDecodeError, file: str | None, codec: str) -> PlanError:
    before = data[: err.start]
    line = before.count(b"\n") + 1
    col = err.start - (before.rfind(b"\n") + 1) + 1
    return PlanError("input.encoding", Location(file, line, col), encoding=codec)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, protect: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    ``protect`` is the input file: writing onto it is refused (``output.is_input``).
    A missing folder is created. Raises PlanError ``output.not_writable`` when the folder
    cannot be written and ``output.locked`` when the old file cannot be replaced (on
    Windows: open in Word or WPS).
    """
    target = Path(path)
    if protect is not None and _same_file(target, protect):
        raise PlanError("output.is_input", Location(str(target)))
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise PlanError("output.not_writable", Location(str(folder))) from None
    if target.is_dir():
        raise PlanError("output.is_directory", Location(str(target)))
    remove_stale_temporaries(folder)
    tmp = folder / f".{target.name}.{os.getpid()}{_TMP_SUFFIX}"
    try:
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
        except OSError:
            raise PlanError("output.not_writable", Location(str(folder))) from None
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise PlanError("output.locked", Location(str(target))) from None
        except OSError:
            raise PlanError("output.not_writable", Location(str(target))) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files in ``folder`` left by planmaker processes that no longer run."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TMP_NAME.match(name)
        if m and not _process_alive(int(m["pid"])):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there; keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and os.path.samefile(a, b))
    except OSError:
        return False

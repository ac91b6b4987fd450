"""Files in and out: bytes → text, and writing outputs so that nothing is ever half-written.

Reading: users save YAML from Notepad, WPS or VS Code on Windows, so besides UTF-8 we
accept UTF-8 with a BOM, UTF-16 with a BOM (Notepad's "Unicode") and GB18030, the
superset of GBK that Chinese Windows uses. Only a regular file of at most
:data:`MAX_BYTES` is read (:mod:`planmaker.intake`), so a 50 MB file, a device or a FIFO
costs nothing. The encoding used is logged (the ``planmaker`` logger, shown under
``--verbose``).

Writing: :func:`write_atomic` writes a temporary file in the target folder and renames
it into place. Ctrl-C or an error removes the temporary file and leaves the old output
as it was; a killed process can leave only a temporary file named
``.<name>.<host>.<pid>.<random>.planmaker-tmp``, which the next write into that folder
(:func:`remove_stale_temporaries`) removes once that process is gone. The host is in
the name so that a run on one machine never removes what a run on another machine is
writing into a shared folder.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import logging
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
from planmaker.intake import MAX_BYTES, file_type_name, read_limited

log = logging.getLogger(__name__)

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（带 BOM）",
    "utf-16": "UTF-16（带 BOM）",
    "utf-16-le": "UTF-16 LE（无 BOM）",
    "utf-16-be": "UTF-16 BE（无 BOM）",
    "gb18030": "GB18030（兼容 GBK）",
}
"""The encodings :func:`decode` reports, as users know them."""

_TMP_SUFFIX = ".planmaker-tmp"
_TMP_NAME = re.compile(
    r"^\.(?P<name>.*)\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.[0-9a-f]+"
    + re.escape(_TMP_SUFFIX)
    + "$"
)
_TMP_NAME_CHARS = 40
"""How much of the output's name a temporary file repeats (names have a length limit)."""


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its text (line ends as written) and the encoding used."""

    path: str
    text: str
    encoding: str


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode a user's input file; see the module docstring for what is accepted.

    Raises PlanError as :func:`read_limited` does for an input (``input.not_found``,
    ``input.too_large`` … checked before reading), then ``input.not_text`` or
    ``input.encoding``.
    """
    data = read_limited(path, MAX_BYTES, "input")
    text, encoding = decode(data, str(path))
    log.info("verbose.encoding", {"file": str(path), "encoding": ENCODING_NAMES[encoding]})
    return SourceText(str(path), text, encoding)


def decode(data: bytes, file: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes, or PlanError ``input.not_text``/``input.encoding``.

    A BOM decides the encoding. UTF-32 (with a BOM or without) is recognised and
    refused as a whole (``input.utf32``). Without a BOM, NUL bytes on every other
    byte are UTF-16 saved without one, which is read; any other NUL byte means a
    binary file, refused at the line and column of the first. Then UTF-8 is tried,
    then GB18030. When neither fits, the error points at the first byte that the
    encoding which got further could not read: that is where the file is damaged.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or _utf32(data):
        raise PlanError("input.utf32", Location(file))
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
        if (utf16 := _bomless_utf16(data)) is not None:
            return utf16
        nul = data.index(b"\x00")
        line, col = _position(data, nul)
        raise PlanError("input.not_text", Location(file, line, col))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_err:
            if gb_err.start > utf8_err.start:
                raise _undecodable(data, gb_err, file, "gb18030") from None
            raise _undecodable(data, utf8_err, file, "utf-8") from None


def _undecodable(data: bytes, err: UnicodeDecodeError, file: str | None, codec: str) -> PlanError:
    """``input.encoding`` at the line and column (in characters) of the unreadable byte.

    With a BOM the file said which encoding it is in (``input.bad_for_bom``).
    """
    start = err.start + (len(codecs.BOM_UTF8) if codec == "utf-8-sig" else 0)
    line, col = _position(data, start, codec)
    code = "input.bad_for_bom" if codec in ("utf-8-sig", "utf-16") else "input.encoding"
    return PlanError(
        code,
        Location(file, line, col),
        encoding=ENCODING_NAMES[codec],
        byte=" ".join(f"0x{b:02X}" for b in data[start : max(err.end, start + 1)][:4]),
    )


_LINE_END = re.compile(r"\r\n|\r|\n")
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters: a text file holds none but tab and the line ends."""


def _position(data: bytes, index: int, codec: str | None = None) -> tuple[int, int]:
    """The 1-based line and column (in characters) of the byte at ``index``.

    The bytes before it are read in ``codec``, or else in the first of UTF-8 and
    GB18030 that reads them.
    """
    head = data[:index]
    text = None
    for name in (codec,) if codec else ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            text = head.decode(name)
            break
    if text is None:
        text = head.decode(codec or "utf-8", "replace")
    lines = _LINE_END.split(text)
    return len(lines), len(lines[-1]) + 1


def _utf32(data: bytes) -> bool:
    """Whether BOM-less ``data`` reads as UTF-32 text (a NUL in every four bytes, or more)."""
    if not data or len(data) % 4 or b"\x00" not in data:
        return False
    return any(_reads_as_text(data, codec) is not None for codec in ("utf-32-le", "utf-32-be"))


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when BOM-less ``data`` is UTF-16 text, else None.

    UTF-16 writes each ASCII character (line ends, spaces, keys, digits) with a NUL
    byte, in the second byte of each pair (little endian, as Windows saves it) or the
    first (big endian). The side with more NULs gives the byte order; the file must
    then read as text with line breaks, and at least 1 % of it ASCII.
    """
    if len(data) % 2:
        return None
    second, first = data[1::2].count(0), data[0::2].count(0)
    if second == first:
        return None
    codec = "utf-16-le" if second > first else "utf-16-be"
    text = _reads_as_text(data, codec)
    if text is None or "\n" not in text or max(second, first) * 100 < len(text):
        return None
    return text, codec


def _reads_as_text(data: bytes, codec: str) -> str | None:
    """``data`` decoded, if it decodes and holds no control character but tab and line ends."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _NOT_IN_TEXT.search(text) else text


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

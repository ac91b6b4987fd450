"""Files planmaker is given: regular files within a size limit per kind, checked before
they are read.

A device (``/dev/zero``) would be read until memory runs out, a FIFO would wait for a
writer forever, and a 6 GB file costs what it weighs; so every input, template and
reference document is opened without waiting, its opened handle is checked (a regular
file, within the limit of its kind), and only then read, never beyond the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING, Any

from planmaker.errors import Location, PlanError, Problem

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment

MAX_BYTES = 2 * 1024 * 1024
"""The largest input accepted. A term plan is a few kB; the longest seed is 116 kB."""
TEMPLATE_MAX_BYTES = 2 * 1024 * 1024
"""The largest template file accepted; the built-in ones are a few kB."""
DOCX_MAX_BYTES = 50 * 1024 * 1024
"""The largest DOCX accepted, on disk (a letterhead with its pictures is well under)."""

_READ_CODES = {
    "input": ("input.not_found", "input.is_directory", "input.too_large"),
    "template": ("template.not_found", "file.not_regular", "template.too_large"),
    "reference": ("reference.not_found", "file.not_regular", "reference.too_large"),
    "import": ("input.not_found", "input.is_directory", "import.too_large"),
}
"""What a kind of file read calls its problems: missing, a folder, too large."""
_KIND_NAMES = {
    "input": "输入文件",
    "template": "模板",
    "reference": "参考文档",
    "import": "输入文件",
}
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_FIRST_READ = 1 << 20


def read_limited(path: str | os.PathLike[str], limit: int, kind: str) -> bytes:
    """The bytes of the regular file at ``path``, refused unread beyond ``limit`` bytes.

    ``kind`` (``input``, ``template``, ``reference``, ``import``) chooses the problems' codes. The
    file is opened without waiting (a FIFO answers at once), its opened handle is checked
    (a device, FIFO, socket or folder is refused, and a size over ``limit``), then at
    most ``limit`` + 1 bytes are read, so a file that grows meanwhile is refused too.
    Raises PlanError: the ``kind``'s not-found, folder and too-large codes,
    ``file.not_regular``, ``file.symlink_loop``, ``file.name_too_long``,
    ``input.not_readable``.
    """
    fd, size = _open_regular(path, limit, kind)
    chunks: list[bytes] = []
    total = 0
    want = size + 1
    try:
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _FIRST_READ
    except OSError as err:
        raise _read_problem(err, path, kind) from None
    finally:
        os.close(fd)
    if total > limit:
        raise _too_large(path, kind, total, limit)
    return b"".join(chunks)


def check_regular(path: str | os.PathLike[str], limit: int, kind: str) -> None:
    """Refuse what :func:`read_limited` would refuse, without reading the file."""
    os.close(_open_regular(path, limit, kind)[0])


def _open_regular(path: str | os.PathLike[str], limit: int, kind: str) -> tuple[int, int]:
    """A read handle on ``path``, and its size, once it is a regular file within ``limit``."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as err:
        raise _read_problem(err, path, kind) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _read_problem(IsADirectoryError(errno.EISDIR, "folder"), path, kind)
        if not stat.S_ISREG(st.st_mode):
            raise PlanError(
                "file.not_regular",
                Location(str(path)),
                type=file_type_name(st.st_mode),
                what=_KIND_NAMES[kind],
            )
        if st.st_size > limit:
            raise _too_large(path, kind, st.st_size, limit)
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def reach_problem(path: str | os.PathLike[str]) -> Problem | None:
    """Why the input ``path`` cannot even be looked at, or None when it is there.

    The same codes reading it would give (``input.not_found``, ``file.name_too_long``,
    ``file.symlink_loop``, ``input.not_readable`` …), so that a run that checks its
    inputs first says what a later read would have said.
    """
    try:
        os.lstat(path)
    except OSError as err:
        return _read_problem(err, path, "input").problems[0]
    except ValueError:  # a NUL byte in the name: no such file can exist
        return Problem("input.not_found", Location(str(path)))
    return None


def _read_problem(err: OSError, path: str | os.PathLike[str], kind: str) -> PlanError:
    """The PlanError for an ``OSError`` met while opening or reading ``path``."""
    where = Location(str(path))
    not_found, folder, _ = _READ_CODES[kind]
    if isinstance(err, IsADirectoryError) or (
        isinstance(err, PermissionError) and os.path.isdir(path)  # Windows opens no folder
    ):
        if folder == "file.not_regular":
            return PlanError(folder, where, type=_TYPE_NAMES[stat.S_IFDIR], what=_KIND_NAMES[kind])
        return PlanError(folder, where)
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return PlanError(not_found, where, **({"name": str(path)} if kind == "template" else {}))
    if err.errno == errno.ELOOP:
        return PlanError("file.symlink_loop", where)
    if err.errno == errno.ENAMETOOLONG:
        return PlanError("file.name_too_long", where)
    if err.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
        return PlanError("file.not_regular", where, type="套接字或设备", what=_KIND_NAMES[kind])
    return PlanError("input.not_readable", where)


def _too_large(path: str | os.PathLike[str], kind: str, size: int, limit: int) -> PlanError:
    return PlanError(
        _READ_CODES[kind][2], Location(str(path)), size=_megabytes(size), limit=_megabytes(limit)
    )


_TYPE_NAMES = {
    stat.S_IFDIR: "文件夹",
    stat.S_IFCHR: "字符设备",
    stat.S_IFBLK: "块设备",
    stat.S_IFIFO: "命名管道（FIFO）",
    stat.S_IFSOCK: "套接字",
}


def file_type_name(mode: int) -> str:
    """What a file that is not a regular one is, as users are told (``字符设备`` …)."""
    return _TYPE_NAMES.get(stat.S_IFMT(mode), "特殊文件")


def checked_loader(search: list[str]) -> BaseLoader:
    """A Jinja2 ``FileSystemLoader`` over ``search`` that checks a template file before
    Jinja reads it: a regular file of at most :data:`TEMPLATE_MAX_BYTES`."""
    from jinja2 import FileSystemLoader
    from jinja2.loaders import split_template_path

    class CheckedLoader(FileSystemLoader):
        def get_source(self, environment: Environment, template: str) -> Any:
            for folder in self.searchpath:
                file = os.path.join(folder, *split_template_path(template))
                if os.path.exists(file) and not os.path.isdir(file):
                    check_regular(file, TEMPLATE_MAX_BYTES, "template")
                    break
            return super().get_source(environment, template)

    return CheckedLoader(search)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"

"""A DOCX given to planmaker (the reference document now, a plan to import later), checked
as a ZIP package before anything parses it.

python-docx trusts what it opens: it inflates every part whole and hands XML to lxml.
A 2 MB file whose ``styles.xml`` inflates to 2 GiB, or an XML part that declares an
entity (Word never writes a DTD; the writers would copy ``&unit;`` into a package that
no longer parses), must be refused first, quickly and by name. :func:`read_docx`
returns the file's bytes once:

* it is a regular file of at most :data:`~planmaker.intake.DOCX_MAX_BYTES` on disk;
* its end record is a plain ZIP one (no ZIP64, which no DOCX needs) with at most
  :data:`MAX_PARTS` members and a central directory of at most :data:`MAX_DIRECTORY`
  bytes, read before :mod:`zipfile` builds its index;
* no member name leaves the package (absolute, ``..``, a drive, a backslash);
* every member is stored or deflated (what Word writes) and inflates to at most
  :data:`MAX_PART_BYTES`, all of them together to at most :data:`MAX_INFLATED`: what
  the header says is checked first, then the member is inflated in chunks and the count
  stops at the limit, whatever the header said;
* no XML part has a document type declaration (``<!DOCTYPE``, where ``<!ENTITY`` lives).
  The XML parts are those python-docx may parse: ``[Content_Types].xml``, the ``.rels``
  parts, and every part whose content type ends in ``xml``, or whose name does, unless
  it is a picture (``image/…``, an SVG among them): pictures and other binary parts are
  copied without being parsed.
"""

from __future__ import annotations

import os
import re
import zipfile
from functools import lru_cache
from pathlib import PurePosixPath

from planmaker.errors import Location, PlanError
from planmaker.intake import DOCX_MAX_BYTES, read_limited

MAX_PART_BYTES = 20 * 1024 * 1024
"""The most one member may inflate to (an XML part or a picture)."""
MAX_INFLATED = 100 * 1024 * 1024
"""The most all members together may inflate to."""
MAX_PARTS = 2000
"""The most members a package may have; Word writes a few dozen, one per picture more."""
MAX_DIRECTORY = 1024 * 1024
"""The largest central directory accepted (2000 members take about 200 kB)."""

_END = b"PK\x05\x06"
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_SMALLEST_ENTRY = 46
"""The size of a central directory entry with an empty name."""
_CHUNK = 1024 * 1024
_PROLOG_CHUNK = 64 * 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_TYPES_PART = "[Content_Types].xml"


def read_docx(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the DOCX at ``path`` once checked (see the module docstring).

    Raises PlanError: what :func:`~planmaker.intake.read_limited` raises for a
    ``reference``, ``docx.bad_reference`` (not a ZIP, a method or an encryption Word
    does not use), ``docx.too_many_parts``, ``docx.unsafe_member``,
    ``docx.part_too_large``, ``docx.too_large_inflated`` or ``docx.dtd``.
    """
    data = read_limited(path, DOCX_MAX_BYTES, "reference")
    _check_once(data, str(path))
    return data


@lru_cache(maxsize=4)
def _check_once(data: bytes, file: str) -> None:
    """:func:`check_package`, once per process for the same bytes: a batch worker reads
    the reference for every document, and an accepted one need not be inflated again."""
    check_package(data, Location(file))


def check_package(data: bytes, where: Location) -> None:
    """Refuse the DOCX ``data`` unless it passes every check of the module docstring."""
    import io

    _check_directory(data, where)
    inflated = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_PARTS:
                raise _too_many(len(members), where)
            for info in members:
                _check_member(info, where)
            types = _content_types(archive, where)
            for info in members:
                xml = _is_xml(info.filename, types)
                part = _inflate(archive, info, where, keep=xml)
                inflated += part if isinstance(part, int) else len(part)
                if inflated > MAX_INFLATED:
                    raise PlanError("docx.too_large_inflated", where, limit=_mb(MAX_INFLATED))
                if isinstance(part, bytes) and _declares_dtd(part):
                    raise PlanError("docx.dtd", where, part=info.filename)
    except PlanError:
        raise
    except (
        zipfile.BadZipFile,
        RuntimeError,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
    ) as err:
        # not a ZIP, an encrypted member, a member cut short or damaged (a bad CRC)
        raise PlanError("docx.bad_reference", where, detail=damage(err)) from None


def damage(err: BaseException) -> str:
    """What is wrong with a Word package, in Chinese, from the error a library raised
    reading it (their own texts are English and name their internals)."""
    if isinstance(err, zipfile.BadZipFile):
        return "压缩包已损坏或不完整"
    if isinstance(err, KeyError):  # zipfile: "There is no item named 'word/document.xml' …"
        missing = re.search(r"named '([^']+)'", str(err))
        return f"缺少部件 {missing.group(1)}" if missing else "缺少必需的部件"
    if type(err).__name__ == "XMLSyntaxError":  # lxml's, without importing lxml here
        line = getattr(err, "lineno", None)
        return "XML 内容不完整或已损坏" + (f"，第 {line} 行" if line else "")
    if isinstance(err, RuntimeError) and "encrypted" in str(err):
        return "其中的部件设置了密码"
    if isinstance(err, (EOFError, OSError)):
        return "文件内容被截断或无法读取"
    return "内容无法解析"


def _check_directory(data: bytes, where: Location) -> None:
    """The end record's member count and directory size, before ``zipfile`` believes them."""
    end = data.rfind(_END, max(0, len(data) - _END_SIZE - 0xFFFF))
    if end < 0 or len(data) < end + _END_SIZE:
        raise PlanError("docx.bad_reference", where, detail="不是 ZIP 压缩包")
    locator = end - _ZIP64_LOCATOR_SIZE
    if locator >= 0 and data[locator : locator + 4] == _ZIP64_LOCATOR:
        raise PlanError("docx.bad_reference", where, detail="ZIP64 格式，Word 不会写出这样的文件")
    count = int.from_bytes(data[end + 10 : end + 12], "little")
    directory = int.from_bytes(data[end + 12 : end + 16], "little")
    if count > MAX_PARTS or directory > MAX_DIRECTORY:
        raise _too_many(count if count > MAX_PARTS else directory // _SMALLEST_ENTRY, where)


def _check_member(info: zipfile.ZipInfo, where: Location) -> None:
    """A member's name stays inside the package; its method is Word's; its size is allowed."""
    name = info.filename
    parts = PurePosixPath(name).parts
    if name.startswith("/") or "\\" in name or ".." in parts or (parts and ":" in parts[0]):
        raise PlanError("docx.unsafe_member", where, part=name)
    if info.compress_type not in _METHODS:
        detail = f"部件 {name} 的压缩方式（{info.compress_type}）不是 Word 所用的"
        raise PlanError("docx.bad_reference", where, detail=detail)
    if info.file_size > MAX_PART_BYTES:
        raise _part_too_large(name, where)


def _content_types(archive: zipfile.ZipFile, where: Location) -> dict[str, str]:
    """``[Content_Types].xml`` as lower-case ``/part/name`` or ``.ext`` → content type."""
    from lxml import etree

    try:
        info = archive.getinfo(_TYPES_PART)
    except KeyError:
        raise PlanError("docx.bad_reference", where, detail=f"缺少部件 {_TYPES_PART}") from None
    data = _inflate(archive, info, where, keep=True)
    assert isinstance(data, bytes)
    if _declares_dtd(data):
        raise PlanError("docx.dtd", where, part=_TYPES_PART)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise PlanError(
            "docx.bad_reference", where, detail=f"{_TYPES_PART}：{damage(err)}"
        ) from None
    types: dict[str, str] = {}
    for element in root:
        kind = etree.QName(element).localname if isinstance(element.tag, str) else ""
        key = element.get("PartName") if kind == "Override" else element.get("Extension")
        if kind in ("Override", "Default") and key:
            prefix = "" if kind == "Override" else "."
            types[prefix + key.lower()] = element.get("ContentType", "")
    return types


def _is_xml(name: str, types: dict[str, str]) -> bool:
    """Whether python-docx may parse the member ``name`` as XML (see the module docstring)."""
    lower = name.lower()
    suffix = PurePosixPath(lower).suffix
    kind = types.get("/" + lower) or types.get(suffix, "")
    if kind.startswith("image/"):
        return False
    return name == _TYPES_PART or suffix in (".rels", ".xml") or kind.endswith("xml")


def _inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: Location, *, keep: bool
) -> bytes | int:
    """A member inflated in chunks, refused past :data:`MAX_PART_BYTES` whatever its header
    says: its bytes if ``keep``, else only how many there are."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART_BYTES:
                raise _part_too_large(info.filename, where)
            if keep:
                chunks.append(chunk)
    return b"".join(chunks) if keep else size


class _RootReached(Exception):
    """The prolog is over: a document type declaration can no longer come."""


class _Prolog:
    """An lxml parser target that notes a DOCTYPE and stops at the root element."""

    def __init__(self) -> None:
        self.seen = False

    def doctype(self, *args: object) -> None:
        self.seen = True

    def start(self, *args: object) -> None:
        raise _RootReached

    def end(self, *args: object) -> None:
        pass

    def data(self, *args: object) -> None:
        pass

    def comment(self, *args: object) -> None:
        pass

    def pi(self, *args: object) -> None:
        pass

    def close(self) -> None:
        return None


def _declares_dtd(part: bytes) -> bool:
    """Whether the XML ``part`` has a document type declaration (where entities live).

    Fed in chunks, the parser stops at the root element, so a large part costs only its
    prolog. A part the incremental parser cannot start (an encoding it does not guess,
    such as UTF-32) is parsed whole the way python-docx would, with nothing resolved.
    """
    from lxml import etree

    prolog = _Prolog()
    parser = etree.XMLParser(target=prolog, resolve_entities=False, no_network=True)
    try:
        for start in range(0, len(part), _PROLOG_CHUNK):
            parser.feed(part[start : start + _PROLOG_CHUNK])
            if prolog.seen:
                return True
        parser.close()
    except _RootReached:
        return prolog.seen
    except etree.XMLSyntaxError:
        if prolog.seen:
            return True
        whole = _Prolog()
        parser = etree.XMLParser(target=whole, resolve_entities=False, no_network=True)
        try:
            etree.fromstring(part, parser)
        except (_RootReached, etree.XMLSyntaxError):
            pass
        return whole.seen
    return prolog.seen


def _too_many(count: int, where: Location) -> PlanError:
    return PlanError("docx.too_many_parts", where, count=count, limit=MAX_PARTS)


def _part_too_large(name: str, where: Location) -> PlanError:
    return PlanError("docx.part_too_large", where, part=name, limit=_mb(MAX_PART_BYTES))


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"

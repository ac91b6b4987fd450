"""The base package every DOCX is written into, and writing a document into it,
without loading python-docx.

A :class:`Package` holds every part of a document but its body and its core properties;
:meth:`Package.document` splices a body in and zips the result with fixed timestamps,
so the same body and options always give the same bytes. python-docx builds packages
(:mod:`~planmaker.writers.docx_package`); :mod:`~planmaker.writers.docx_shipped` keeps
the default ones built ahead of time.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)
"""Creation time written when none is given: the earliest a ZIP entry can carry."""


@dataclass(frozen=True)
class Package:
    """The parts every document of one font set (and reference) shares.

    ``shared_zip``: a ZIP of every part but the two each call writes, the main
    document (``document_member``) and the core properties (``core_member``);
    ``document_head`` + body markup + ``document_tail`` is the main document (the
    tail starts with the body's ``w:sectPr``);
    ``style_ids``: our style names → the ids the package uses for them (a reference
    may define a style under another id).
    """

    shared_zip: bytes
    document_head: bytes
    document_tail: bytes
    document_member: str
    core_member: str
    style_ids: Mapping[str, str]

    def document(
        self, body: str, *, title: str | None, author: str | None, created: datetime | None
    ) -> bytes:
        """The DOCX whose body is the markup ``body``; the core properties carry
        ``title``, ``author`` and ``created`` (``None``: :data:`EPOCH`)."""
        return with_parts(
            self.shared_zip,
            {
                self.document_member: self.document_head
                + body.encode("utf-8")
                + self.document_tail,
                self.core_member: core_xml(title, author, _utc(created or EPOCH)),
            },
        )

    def manifest(self, sources: str) -> str:
        """Everything but the ZIP, as the JSON shipped beside it."""
        fields = {
            "sources": sources,
            "document_member": self.document_member,
            "core_member": self.core_member,
            "document_head": self.document_head.decode("utf-8"),
            "document_tail": self.document_tail.decode("utf-8"),
            "style_ids": dict(self.style_ids),
        }
        return json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC, naive values taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


_CORE_HEAD = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)


def core_xml(title: str | None, author: str | None, created: datetime) -> bytes:
    """docProps/core.xml: title (the first title line), author (the first 署名),
    language zh-CN, revision 1, created = modified = ``created`` (UTC).

    The bytes python-docx's ``CoreProperties`` serialises for the same values (a test
    compares them), written out so that a document needs no python-docx."""
    when = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = [_CORE_HEAD]
    if title:
        parts.append(f"<dc:title>{_text(title[:255])}</dc:title>")
    if author:
        parts.append(f"<dc:creator>{_text(author[:255])}</dc:creator>")
    parts.append("<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>")
    for name in ("created", "modified"):
        parts.append(f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{when}</dcterms:{name}>')
    parts.append("</cp:coreProperties>")
    return "".join(parts).encode("utf-8")


def _text(value: str) -> str:
    """``value`` as lxml writes element text: ``& < >`` and carriage returns escaped."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def with_parts(archive: bytes, parts: Mapping[str, bytes]) -> bytes:
    """``archive`` with ``parts`` added, compressed, each entry dated :data:`EPOCH`
    (python-docx would stamp the current time, so no two runs would match)."""
    buffer = io.BytesIO(archive)
    with zipfile.ZipFile(buffer, "a") as target:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=EPOCH.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return buffer.getvalue()

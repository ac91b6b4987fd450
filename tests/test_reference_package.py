"""A reference DOCX is checked as a package before python-docx opens it: a zip bomb, a
DTD entity, a member named outside the package or ten thousand members are refused
quickly and by name; pictures (an SVG with its DOCTYPE among them) pass untouched; and
a DOCX that does not parse is never written.

The packages are built here member by member, so that a member's header can say what
it likes about its size.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from limited import refused, run_limited

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
MIB = 1024 * 1024


def plain_parts() -> dict[str, bytes]:
    """The members of an ordinary Word document (python-docx's own template)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def package(parts: dict[str, bytes], raw: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A ZIP of ``parts`` (deflated here) and of ``raw`` members given as
    ``(deflate stream, CRC, inflated size the headers declare)``."""
    members = [(name, deflated(data), zlib.crc32(data), len(data)) for name, data in parts.items()]
    members += [(name, *value) for name, value in (raw or {}).items()]
    out = io.BytesIO()
    directory = io.BytesIO()
    for name, stream, crc, size in members:
        encoded = name.encode("utf-8")
        offset = out.tell()
        fields = (0x800, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, *fields) + encoded + stream)
        directory.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, offset) + encoded
        )
    start = out.tell()
    out.write(directory.getvalue())
    count = len(members)
    end = (b"PK\x05\x06", 0, 0, count, count, len(directory.getvalue()), start, 0)
    out.write(struct.pack("<4s4H2LH", *end))
    return out.getvalue()


def zeros_stream(mebibytes: int) -> tuple[bytes, int, int]:
    """A deflate stream of ``mebibytes`` MiB of zeros at about 1 kB per MiB, its CRC, size."""
    zeros = bytes(MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    assert block == packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    return block * mebibytes + packer.flush(), crc, mebibytes * MIB


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / "plan.yaml"))


def render(plan: Path, reference: Path, capsys) -> tuple[int, str]:
    code = run(["render", str(plan), "--reference-doc", str(reference)])
    return code, capsys.readouterr().err


def test_a_zip_bomb_is_refused_before_it_is_inflated(plan, tmp_path):
    parts = plain_parts()
    del parts["word/styles.xml"]
    bomb = tmp_path / "红头.docx"
    bomb.write_bytes(package(parts, {"word/styles.xml": zeros_stream(2048)}))
    assert bomb.stat().st_size < 3 * MIB
    for args in (["render", plan], ["batch", plan, "-o", "out"]):
        result = run_limited(*args, "--reference-doc", bomb.name, cwd=tmp_path)
        refused(
            result,
            "红头.docx: 参考文档（--reference-doc）中的部件 word/styles.xml 解压后超过 20 MB",
        )
        assert sorted(os.listdir(tmp_path)) == ["plan.yaml", "红头.docx"]


def test_a_member_inflating_beyond_what_its_header_says_is_refused(plan, tmp_path, capsys):
    parts = plain_parts()
    del parts["word/styles.xml"]
    stream, crc, _ = zeros_stream(30)
    liar = tmp_path / "红头.docx"
    liar.write_bytes(package(parts, {"word/styles.xml": (stream, crc, 1000)}))
    code, err = render(plan, liar, capsys)
    assert code == 1
    assert "红头.docx: 参考文档（--reference-doc）无法作为 Word 文档读取" in err
    assert not plan.with_suffix(".docx").exists()


def test_an_honest_part_over_20_mb_is_refused(plan, tmp_path, capsys):
    parts = plain_parts()
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts, {"word/media/image1.png": zeros_stream(21)}))
    code, err = render(plan, ref, capsys)
    assert code == 1
    assert "部件 word/media/image1.png 解压后超过 20 MB" in err


def test_all_parts_together_over_100_mb_are_refused(plan, tmp_path, capsys):
    ref = tmp_path / "红头.docx"
    pictures = {f"word/media/image{i}.png": zeros_stream(19) for i in range(6)}
    ref.write_bytes(package(plain_parts(), pictures))
    code, err = render(plan, ref, capsys)
    assert code == 1
    assert "红头.docx: 参考文档（--reference-doc）解压后的内容超过 100 MB" in err


def with_entity(styles: bytes) -> bytes:
    """``styles`` with a DTD declaring ``&unit;`` and a style named with it."""
    declaration, _, rest = styles.partition(b"?>")
    dtd = '<!DOCTYPE w:styles [<!ENTITY unit "定边镇">]>'.encode()
    rest = rest.replace(b'<w:name w:val="Normal"/>', b'<w:name w:val="&unit;Normal"/>', 1)
    assert b"&unit;" in rest
    return declaration + b"?>" + dtd + rest


def test_a_reference_with_a_dtd_entity_is_refused_naming_the_part(plan, tmp_path, capsys):
    parts = plain_parts()
    parts["word/styles.xml"] = with_entity(parts["word/styles.xml"])
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts))
    code, err = render(plan, ref, capsys)
    assert code == 1, err
    assert "红头.docx: 参考文档（--reference-doc）中的部件 word/styles.xml 含有 DTD 声明" in err
    assert "已生成" not in err
    assert not plan.with_suffix(".docx").exists()


@pytest.mark.parametrize(
    "part, encoding",
    [
        ("[Content_Types].xml", "utf-8"),
        ("word/settings.xml", "utf-16"),
        ("customXml/item1.xml", "utf-8"),
    ],
)
def test_a_dtd_is_found_in_any_xml_part_and_encoding(plan, tmp_path, capsys, part, encoding):
    parts = plain_parts()
    text = parts[part].decode("utf-8")
    head, _, rest = text.partition("?>")
    if encoding != "utf-8":
        head = head.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    parts[part] = (head + "?><!DOCTYPE x>" + rest).encode(encoding)
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts))
    code, err = render(plan, ref, capsys)
    assert code == 1, err
    assert f"中的部件 {part} 含有 DTD 声明" in err


def test_an_svg_picture_with_a_doctype_is_copied_not_refused(plan, tmp_path, capsys):
    parts = plain_parts()
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    parts["word/media/image1.svg"] = svg
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
    )
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts))
    code, err = render(plan, ref, capsys)
    assert code == 0, err
    assert docx.Document(plan.with_suffix(".docx")).paragraphs


@pytest.mark.parametrize(
    "name", ["../../evil.xml", "/etc/evil.xml", "word\\..\\..\\evil.xml", "C:/evil.xml"]
)
def test_a_member_named_outside_the_package_is_refused(plan, tmp_path, capsys, name):
    parts = plain_parts()
    parts[name] = b"<a/>"
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts))
    code, err = render(plan, ref, capsys)
    assert code == 1
    assert f"中的部件名“{name}”指向文档包以外的位置" in err
    assert not plan.with_suffix(".docx").exists()
    assert not (tmp_path.parent / "evil.xml").exists()


def test_a_package_of_ten_thousand_members_is_refused(plan, tmp_path, capsys):
    parts = plain_parts()
    parts.update({f"word/media/x{i}.bin": b"" for i in range(10_000)})
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(parts))
    code, err = render(plan, ref, capsys)
    assert code == 1
    assert "参考文档（--reference-doc）里的部件太多（10017 个，上限 2000 个）" in err


def test_a_docx_whose_parts_do_not_parse_is_never_written(plan, tmp_path, capsys, monkeypatch):
    from planmaker import writers

    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(plain_parts()))
    real = writers.get_writer

    def broken_writer(fmt):
        write = real(fmt)

        def writer(tokens, opts):
            with zipfile.ZipFile(io.BytesIO(write(tokens, opts))) as archive:
                parts = {name: archive.read(name) for name in archive.namelist()}
            parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"Normal", b"&unit;", 1)
            return package(parts)

        return writer

    monkeypatch.setattr(writers, "get_writer", broken_writer)
    code, err = render(plan, ref, capsys)
    assert code == 1
    assert "plan.yaml: 生成的 Word 文档中的部件 word/styles.xml 不是有效的 XML" in err
    assert not plan.with_suffix(".docx").exists()


def test_an_ordinary_reference_still_works(plan, tmp_path, capsys):
    ref = tmp_path / "红头.docx"
    ref.write_bytes(package(plain_parts()))
    code, err = render(plan, ref, capsys)
    assert code == 0, err
    assert plan.with_suffix(".docx").exists()

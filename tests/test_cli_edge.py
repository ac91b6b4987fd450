"""The command line's edge: formats in any case, where a message stands, what --verbose
and new say, warnings with their place, file names printed literally, check and batch
going on past one file, and a message that cannot be worded.
"""

from __future__ import annotations

from planmaker.cli import run


def test_batch_given_an_over_long_name_says_so(tmp_path, capsys):
    long = tmp_path / ("计划" * 50 + ".yaml")
    inside = tmp_path / ("文件夹" * 30) / "计划.yaml"
    assert run(["batch", str(long), str(inside), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节") == 2
    assert "找不到文件" not in err

"""Where a phrasebook is: an http(s) URL checked before any connection, a file path, or a file:// URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.core.book_address import AddressError, locate

REFUSED_IN_CHINESE = [
    ("http://127.0.0.1:0/x", "端口 0 超出范围（1–65535）"),
    ("https://127.0.0.1:abc/x", "端口“abc”不是数字"),
    ("http://[::1/x", "IPv6 地址缺少右方括号“]”"),
    ("http://[::1]x/y", "[::1] 之后的“x”不是端口"),
    ("http://[v1.fe]/x", "[v1.fe] 不是 IPv6 地址"),
    ("http://fe80::1/x", "IPv6 地址须写在方括号中，例如 http://[::1]/book.yaml"),
    ("https:centre.yaml", "地址中没有服务器名，应形如 https://server/book.yaml"),
    ("http://host/a\tb", "地址中有空格或控制字符（第 14 个字符），空格请写作 %20"),
    ("FTP://x/y", "Assist 只能从文件或 http(s) 地址读取用语库，不支持 ftp://"),
    ("file://server/x.yaml", "无法读取其他计算机（server）上的 file:// 地址，请填写路径"),
]


@pytest.mark.parametrize(("address", "zh"), REFUSED_IN_CHINESE, ids=[a for a, _ in REFUSED_IN_CHINESE])
def test_an_unusable_address_is_refused_in_both_languages(address, zh):
    with pytest.raises(AddressError) as refused:
        locate(address)
    assert refused.value.zh == zh and str(refused.value)  # the English is in the command-line tests


ACCEPTED = [
    "https://intranet.example/assist/96128.yaml?v=2#top",
    "HTTP://Intranet.Example:8080/centre.yaml",
    "http://user:secret@127.0.0.1:65535/centre.yaml",
    "http://[::1]:8080/centre.yaml",
    "http://[fe80::1%25eth0]/centre.yaml",
    "http://host:/centre.yaml",  # an empty port is the default one
]


@pytest.mark.parametrize("address", ACCEPTED)
def test_a_usable_web_address_is_kept_as_written(address):
    assert locate(address) == address


def test_file_locations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locate("centre.yaml") == Path("centre.yaml")
    assert locate(r"C:\centres\centre.yaml") == Path(r"C:\centres\centre.yaml")  # a drive, not a scheme
    Path("notes:v2.yaml").write_text("", encoding="utf-8")
    assert locate("notes:v2.yaml") == Path("notes:v2.yaml")  # an existing file wins over a scheme
    assert locate("file:///srv/%E6%9C%AC%20centre.yaml") == Path("/srv/本 centre.yaml")
    assert locate("file://localhost/srv/centre.yaml") == Path("/srv/centre.yaml")

"""Where a phrasebook is, as the agent or the centre wrote it: a file path, a file:// URL, or an http(s) URL.

One check for every caller (the sidebar, the `assist` commands, the download and its redirects), so
an address that cannot be used is refused with what is wrong, in Chinese and English, before any
network code sees it: a scheme other than http(s) or file, no server, a port that is no port, a
malformed IPv6 literal, a space. A file:// URL is the file it names.
"""

from __future__ import annotations

import re
from pathlib import Path

from assist.core.download_error import DownloadError

WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")  # two letters at least: "C:" is a Windows drive
_NOT_IN_AN_ADDRESS = re.compile(r"[\x00-\x20\x7f]")
EXAMPLE = "https://server/book.yaml"


class AddressError(DownloadError):
    """Why an address cannot be used: `str()` in English, `.zh` in Chinese."""


def scheme_of(location: str) -> str:
    """The URL scheme a location starts with, lower case ("" for a plain path)."""
    match = _SCHEME.match(location)
    return match[1].lower() if match else ""


def is_web_address(location: str) -> bool:
    """An http(s) address, usable or not (`locate` says whether it is)."""
    return scheme_of(location) in WEB_SCHEMES


def locate(location: str) -> str | Path:
    """The checked http(s) URL, or the file's path (a file:// URL converted); AddressError when unusable.

    An existing file wins over a scheme, so a file whose name holds a colon stays readable."""
    scheme = scheme_of(location)
    if scheme in WEB_SCHEMES:
        return checked_url(location)
    if scheme == "file":
        return _file_url_path(location)
    if scheme and not _exists(Path(location)):
        raise _unsupported(location)
    return Path(location)


def checked_url(url: str) -> str:
    """`url` if an HTTP client can use it as written; else AddressError saying what is wrong."""
    if not is_web_address(url):
        raise _unsupported(url)
    if bad := _NOT_IN_AN_ADDRESS.search(url):
        raise AddressError(
            f"the address holds a space or control character (character {bad.start() + 1}); write a space as %20",
            f"地址中有空格或控制字符（第 {bad.start() + 1} 个字符），空格请写作 %20",
        )
    after_scheme = url[len(scheme_of(url)) + 1 :]
    server = re.match(r"//([^/?#]*)", after_scheme)
    host, port = _host_and_port(server[1].rpartition("@")[2] if server else "")
    if not host:
        raise AddressError(f"the address names no server, as in {EXAMPLE}", f"地址中没有服务器名，应形如 {EXAMPLE}")
    if port and not (port.isascii() and port.isdigit()):
        raise AddressError(f"the port '{port}' is not a number", f"端口“{port}”不是数字")
    if port and not 1 <= int(port) <= 65535:
        raise AddressError(f"the port {port} is out of range (1–65535)", f"端口 {port} 超出范围（1–65535）")
    _split_as_the_client_will(url)
    return url


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long for the system, say: no such file either
        return False


def _unsupported(location: str) -> AddressError:
    scheme = scheme_of(location)
    shown = f"{scheme}://" if location[len(scheme) + 1 :].startswith("//") else f"{scheme}:"
    return AddressError(
        f"Assist reads a phrasebook from a file or an http(s) address; {shown} is not supported",
        f"Assist 只能从文件或 http(s) 地址读取用语库，不支持 {shown}",
    )


def _host_and_port(server: str) -> tuple[str, str]:
    """The host and the port text of `host:port` or `[IPv6]:port`, each checked as far as it can be alone."""
    import ipaddress

    if server.startswith("["):
        host, closed, rest = server[1:].partition("]")
        if not closed:
            raise AddressError("the IPv6 address after '[' has no closing ']'", "IPv6 地址缺少右方括号“]”")
        try:
            ipaddress.IPv6Address(host.replace("%25", "%"))  # a zone, %25eth0 in a URL
        except ValueError:
            raise AddressError(f"[{host}] is not an IPv6 address", f"[{host}] 不是 IPv6 地址") from None
        if rest and not rest.startswith(":"):
            raise AddressError(f"'{rest}' after [{host}] is not a port", f"[{host}] 之后的“{rest}”不是端口")
        return host, rest[1:]
    if server.count(":") > 1 or "]" in server:
        raise AddressError(
            "an IPv6 address is written in brackets, such as http://[::1]/book.yaml",
            "IPv6 地址须写在方括号中，例如 http://[::1]/book.yaml",
        )
    host, _, port = server.partition(":")
    return host, port


def _split_as_the_client_will(url: str) -> None:
    """What the checks above let through must not fail in urllib either: its own words if it does."""
    from urllib.parse import urlsplit

    try:
        urlsplit(url).port  # noqa: B018 (the property checks the port)
    except ValueError as error:
        raise AddressError(f"not a usable address ({error})", f"地址无法使用（{error}）") from None


def _file_url_path(url: str) -> Path:
    """The path a file:// URL names (percent-decoded); only this computer's files."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise AddressError(
            f"a file:// address on another computer ({parts.netloc}) cannot be read; give a path",
            f"无法读取其他计算机（{parts.netloc}）上的 file:// 地址，请填写路径",
        )
    return Path(url2pathname(parts.path))

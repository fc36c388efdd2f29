"""Where the files shipped with Assist live, from a source checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(folder: str) -> Path:
    # Installed: the folders are mapped into the package (see pyproject.toml). Checkout: beside it.
    inside = _PACKAGE / folder
    return inside if inside.is_dir() else _PACKAGE.parent / folder


def phrasebook_folder() -> Path:
    return _shipped("phrasebook")


def resources_folder() -> Path:
    return _shipped("resources")


def default_phrasebook() -> Path:
    return phrasebook_folder() / "96128.yaml"


def schema() -> Path:
    return resources_folder() / "phrasebook.schema.json"

"""The JSON Schema that editors use agrees with the loader on the shipped books."""

import json

import jsonschema
import yaml

from tests.helpers import ROOT

SCHEMA = json.loads((ROOT / "resources/phrasebook.schema.json").read_text(encoding="utf-8"))


def errors(data):
    return [error.message for error in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]


def test_schema_is_valid_and_accepts_the_shipped_books():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in ("phrasebook/96128.yaml", "phrasebook/examples/minimal.yaml"):
        assert errors(yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))) == [], path


def test_schema_rejects_an_unknown_key_like_the_loader():
    book = yaml.safe_load((ROOT / "phrasebook/examples/minimal.yaml").read_text(encoding="utf-8"))
    book["situations"][0]["titel"] = "x"
    assert errors(book)


def test_books_reference_the_schema():
    for path in ("phrasebook/96128.yaml", "phrasebook/examples/minimal.yaml"):
        first_line = (ROOT / path).read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema=")
        assert (ROOT / path).parent.joinpath(first_line.split("=", 1)[1]).resolve() == (
            ROOT / "resources/phrasebook.schema.json"
        ).resolve()


def test_schema_checks_optional_parts_like_the_loader():
    book = yaml.safe_load((ROOT / "phrasebook/96128.yaml").read_text(encoding="utf-8"))
    phrase = book["situations"][1]["phrases"][0]
    assert "[转{target_extension}]" in phrase["text"]
    for broken in ("电话[转{target_extension}", "电话]", "[注意]电话", "[[转{target_extension}]]"):
        phrase["text"] = broken
        assert errors(book), broken

"""Reading the agent's personal file (own phrases and favourites), every problem at its `path:line:col`.

Anything the reader cannot carry over exactly (a YAML error, a wrong type, an unknown key) is an
error, and the entries around it are still read: the sidebar shows what it could read, and the
store refuses to write over the file, since a save would drop what it could not read.
"""

from __future__ import annotations

from assist.core.personal_data import PersonalData, PersonalPhrase
from assist.core.problems import Problem, in_reading_order
from assist.core.validation import Validator
from assist.core.yaml_source import RawNode, RawScalar, read_bytes


def read_personal(data: bytes, name: str) -> tuple[PersonalData, tuple[Problem, ...]]:
    """What the file holds (the entries that could be read) and every problem found in it."""
    document = read_bytes(data, name, empty_ok=True)
    if document.root is None:
        return PersonalData(), tuple(document.problems)
    reader = _PersonalReader(name)
    personal = reader.personal(document.root)
    return personal, in_reading_order(document.problems + reader.problems)


class _PersonalReader(Validator):
    def personal(self, root: RawNode) -> PersonalData:
        fields = self.fields(root, "the personal file", required=(), optional=("phrases", "favourites"))
        if fields is None:
            return PersonalData()
        phrases = self.list_of(_unless_blank(fields.get("phrases")), "phrases", self.phrase)
        favourites = self.list_of(_unless_blank(fields.get("favourites")), "favourites", self.favourite)
        return PersonalData(phrases, favourites)

    def phrase(self, node: RawNode, index: int) -> PersonalPhrase | None:
        fields = self.fields(node, f"phrase {index}", required=("situation", "text"), optional=("en",))
        if fields is None:
            return None
        situation = self.identifier(fields.get("situation"), f"phrase {index} situation")
        text = self.text(fields.get("text"), f"phrase {index} text")
        en = self.text(fields["en"], f"phrase {index} en") if _has_text(fields.get("en")) else ""
        if situation is None or text is None or en is None:
            return None
        return PersonalPhrase(situation, text, en, fields["text"].position)

    def favourite(self, node: RawNode, index: int) -> tuple[str, str] | None:
        fields = self.fields(node, f"favourite {index}", required=("situation", "text"), optional=())
        if fields is None:
            return None
        situation = self.identifier(fields.get("situation"), f"favourite {index} situation")
        text = self.text(fields.get("text"), f"favourite {index} text")
        return (situation, text) if situation is not None and text is not None else None


def _unless_blank(node: RawNode | None) -> RawNode | None:
    """`phrases:` with nothing after it is an empty list, as a person editing the file means it."""
    return None if isinstance(node, RawScalar) and node.value is None else node


def _has_text(node: RawNode | None) -> bool:
    """An `en:` key that is present and not an empty string (which is read as no gloss)."""
    return node is not None and not (isinstance(node, RawScalar) and node.value == "")

"""Reading a forbidden entry's `instead`: the phrases to say instead, from any situation of the book.

    instead: 请稍等，我帮您查一下。          # the text of a phrase of the same situation
    instead: hold#1                        # the first phrase of situation `hold`
    instead:                               # several: the first is the default choice
      - hold#1
      - phrase: 谢谢您的建议（批评），…。
        when: [建议, 批评]                  # ranks it first when these words are near the wording

A reference to another situation can only be resolved once every situation is read, so `read`
keeps what each entry names and `resolve` turns the names into `Suggestion`s at the end.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from assist.core.model import Forbidden, Situation, Suggestion
from assist.core.problems import Position
from assist.core.validation import Validator
from assist.core.yaml_source import RawNode, RawScalar

PHRASE_REFERENCE = re.compile(r"^(?P<situation>[a-z][a-z0-9_-]*)#(?P<number>[0-9]+)$")  # hold#1


@dataclass(frozen=True, slots=True)
class Wanted:
    """One phrase an `instead` names, before the references between situations are resolved."""

    name: str  # the text of a phrase of the same situation, or `situation-id#n`
    position: Position
    when: tuple[str, ...] = ()

    @property
    def is_reference(self) -> bool:
        return PHRASE_REFERENCE.match(self.name) is not None


class InsteadReader:
    """Reads the `instead` of each forbidden entry, then resolves them all against the book."""

    def __init__(self, validator: Validator) -> None:
        self.validator = validator
        self._wanted: dict[int, list[Wanted]] = {}  # by id() of the Forbidden entry

    def read(self, node: RawNode | None, entry_position: Position) -> list[Wanted]:
        """The phrases `node` names, in order (none when it is missing or wrong: reported)."""
        check = self.validator
        if node is None:
            return []  # reported as missing by `fields`
        if isinstance(node, RawScalar):
            name = check.text(node, "instead")
            return [Wanted(name, entry_position)] if name is not None else []
        wanted = check.list_of(node, "instead", self._item)
        check.require_entries(node, "instead")
        seen: set[str] = set()
        for item in wanted:
            if item.name in seen:
                check.warn(item.position, f"instead names '{item.name}' twice")
            seen.add(item.name)
        return wanted

    def keep(self, entry: Forbidden, wanted: list[Wanted]) -> None:
        self._wanted[id(entry)] = wanted

    def check_own(self, entry: Forbidden, where: str, texts: list[str]) -> None:
        """Report the texts `entry` names that are no phrase of its own situation (`where`)."""
        for wanted in self._wanted.get(id(entry), []):
            if not wanted.is_reference and wanted.name not in texts:
                self.validator.error(wanted.position, instead_message(wanted.name, where, texts))

    def resolve(self, situations: list[Situation]) -> list[Situation]:
        """The situations with each forbidden entry's `suggestions` filled in."""
        by_id = {situation.id: situation for situation in situations}
        resolved = []
        for situation in situations:
            entries = []
            for entry in situation.forbidden:
                found = [self._suggestion(item, situation, by_id) for item in self._wanted.get(id(entry), [])]
                if found and all(found):
                    suggestions = tuple(item for item in found if item is not None)
                    entries.append(replace(entry, instead=suggestions[0].text, suggestions=suggestions))
            resolved.append(replace(situation, forbidden=tuple(entries)))
        return resolved

    def _item(self, node: RawNode, index: int) -> Wanted | None:
        check = self.validator
        if isinstance(node, RawScalar):
            name = check.text(node, f"instead {index}")
            return Wanted(name, node.position) if name is not None else None
        fields = check.fields(node, f"instead {index}", required=("phrase",), optional=("when",))
        if fields is None:
            return None
        name = check.text(fields.get("phrase"), f"instead {index} phrase")
        when = check.list_of(fields.get("when"), "when", lambda item, _: check.text(item, "when word"))
        when = [word.lower() for word in when]  # compared with the lower-cased words around the wording
        return Wanted(name, fields["phrase"].position, tuple(when)) if name is not None else None

    def _suggestion(self, wanted: Wanted, situation: Situation, by_id: dict[str, Situation]) -> Suggestion | None:
        reference = PHRASE_REFERENCE.match(wanted.name)
        if reference is None:  # the text of a phrase of the same situation (reported by `check_own`)
            phrase = next((p for p in situation.phrases if p.text == wanted.name), None)
            return Suggestion(situation.id, phrase, wanted.when) if phrase is not None else None
        target = by_id.get(reference.group("situation"))
        if target is None:
            close = difflib.get_close_matches(reference.group("situation"), list(by_id), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; situations: {', '.join(by_id)}"
            self.validator.error(wanted.position, f"instead '{wanted.name}' names no situation of the book{hint}")
            return None
        number = int(reference.group("number"))
        if not 1 <= number <= len(target.phrases):
            self.validator.error(
                wanted.position,
                f"instead '{wanted.name}': situation '{target.id}' has phrases 1 to {len(target.phrases)}",
            )
            return None
        return Suggestion(target.id, target.phrases[number - 1], wanted.when)


def instead_message(instead: str, where: str, phrases: list[str]) -> str:
    close = difflib.get_close_matches(instead, phrases, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else "; copy one of its phrases word for word"
    return f"instead '{instead}' names no phrase of {where}{hint}"

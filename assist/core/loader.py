"""Stage two of loading: raw YAML nodes into a validated, immutable `Phrasebook`.

Every problem is collected with its `path:line:col`; a book with any error is not
returned, so the caller keeps whatever good book it had. Warnings do not stop a load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assist.core import builtin, templates
from assist.core.instead import InsteadReader
from assist.core.model import (
    FlowStep,
    Forbidden,
    Gloss,
    GuidanceItem,
    GuidanceSection,
    GuidanceStyle,
    Helper,
    HoldRole,
    MatchMode,
    Phrase,
    Phrasebook,
    Placeholder,
    Situation,
    Voice,
)
from assist.core.problems import PhrasebookError, Position, Problem, Severity
from assist.core.qa.settings import read_qa_section
from assist.core.tolerant import context_words, core_of, pattern_core
from assist.core.validation import Validator, entry_name, read_document
from assist.core.yaml_source import RawDocument, RawMap, RawNode, RawScalar, read_file, read_text

FORMAT_VERSION = 1
_PLACEHOLDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The book, if it has no errors, and every problem found (errors and warnings)."""

    book: Phrasebook | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity is Severity.ERROR)


def load_phrasebook(path: Path | str | None = None) -> Phrasebook:
    """Load a phrasebook (the built-in one when `path` is None); raise `PhrasebookError` if it has errors."""
    result = check_file(path if path is not None else builtin.default_phrasebook())
    if result.book is None:
        raise PhrasebookError(list(result.errors))
    return result.book


def check_file(path: Path | str) -> LoadResult:
    return _validate(read_file(path), str(path))


def check_text(text: str, name: str = "<text>") -> LoadResult:
    return _validate(read_text(text, name), name)


def _validate(document: RawDocument, name: str) -> LoadResult:
    validator = _Validator(name)
    return LoadResult(*read_document(document, validator, validator.phrasebook))


class _Validator(Validator):
    """Reads raw nodes against the phrasebook format, collecting problems as it goes."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.placeholders: dict[str, Placeholder] = {}
        self.instead = InsteadReader(self)

    # -- the format -------------------------------------------------------------------------

    def phrasebook(self, root: RawNode) -> Phrasebook | None:
        fields = self.fields(
            root,
            "the phrasebook",
            required=("name", "situations"),
            optional=(
                "format",
                "name_en",
                "short_name",
                "short_name_en",
                "description",
                "placeholders",
                "guidance",
                "qa",
            ),
        )
        if fields is None:
            return None
        version_node = fields.get("format")
        if version_node is not None and self.integer(version_node, "format") not in (None, FORMAT_VERSION):
            self.error(
                version_node.position,
                f"format {self.scalar(version_node)} is not supported; "
                f"this version of Assist reads format {FORMAT_VERSION}",
            )
        name = self.text(fields.get("name"), "name")
        if "placeholders" in fields:
            self.placeholders = self.placeholder_table(fields["placeholders"])
        situations = self.unique_list(fields.get("situations"), "situations", self.situation)
        guidance = self.unique_list(fields.get("guidance"), "guidance", self.guidance_section, required=False)
        situations = self.instead.resolve(situations)
        self.check_forbidden_is_not_standard(situations)
        qa = read_qa_section(self, fields.get("qa"), {situation.id for situation in situations})
        if name is None:
            return None
        return Phrasebook(
            name=name,
            name_en=self.optional_text(fields, "name_en"),
            short_name=self.optional_text(fields, "short_name"),
            short_name_en=self.optional_text(fields, "short_name_en"),
            situations=tuple(situations),
            guidance=tuple(guidance),
            placeholders=dict(self.placeholders),
            source=self.name,
            qa=qa,
        )

    def placeholder_table(self, node: RawNode) -> dict[str, Placeholder]:
        table: dict[str, Placeholder] = {}
        if not self.expect(node, RawMap, "placeholders", "a mapping of placeholder names"):
            return table
        assert isinstance(node, RawMap)
        for name, (key_position, value) in node.entries.items():
            if not _PLACEHOLDER_NAME.match(name):
                self.error(
                    key_position,
                    f"placeholder name '{name}' must be lower-case letters, digits and _, starting with a letter",
                )
                continue
            fields = self.fields(
                value,
                f"placeholder '{name}'",
                required=("label",),
                optional=("label_en", "example", "example_en", "profile"),
            )
            if fields is None:
                continue
            label = self.text(fields.get("label"), f"placeholder '{name}' label")
            if label is not None:
                table[name] = Placeholder(
                    name,
                    label,
                    self.optional_text(fields, "label_en"),
                    self.optional_text(fields, "example"),
                    self.boolean(fields.get("profile"), "profile"),
                    self.optional_text(fields, "example_en"),
                )
        return table

    def situation(self, node: RawNode, index: int) -> Situation | None:
        fields = self.fields(
            node,
            entry_name("situation", node, index),
            required=("id", "title", "phrases"),
            optional=(
                "title_en",
                "keywords",
                "forbidden",
                "conduct",
                "subjects",
                "note",
                "helper",
                "ticket_note",
            ),
        )
        if fields is None:
            return None
        situation_id = self.identifier(fields.get("id"), f"situation {index}")
        where = entry_name("situation", node, index)
        title = self.text(fields.get("title"), f"{where} title")
        phrases = self.list_of(fields.get("phrases"), f"{where} phrases", self.phrase)
        self.require_entries(fields.get("phrases"), f"{where} phrases")
        self.warn_repeats(phrases, where)
        forbidden = self.list_of(fields.get("forbidden"), f"{where} forbidden", self.forbidden_entry)
        for entry in forbidden:  # references to other situations are checked once all are read
            self.instead.check_own(entry, where, [phrase.text for phrase in phrases])
        do, dont = self.conduct(fields.get("conduct"), where)
        subjects = self.list_of(fields.get("subjects"), f"{where} subjects", self.gloss)
        keywords = self.list_of(
            fields.get("keywords"), f"{where} keywords", lambda item, _: self.text(item, f"{where} keyword")
        )
        helper = self.choice(fields.get("helper"), "helper", Helper, None)
        ticket_note = self.optional_text(fields, "ticket_note")
        if ticket_note:
            self.check_placeholders(ticket_note, fields["ticket_note"].position, extra=("subject", "time"))
        if situation_id is None or title is None:
            return None
        return Situation(
            id=situation_id,
            title=title,
            title_en=self.optional_text(fields, "title_en"),
            phrases=tuple(phrases),
            forbidden=tuple(forbidden),
            keywords=tuple(keywords),
            do=tuple(do),
            dont=tuple(dont),
            subjects=tuple(subjects),
            note=self.optional_text(fields, "note"),
            helper=helper,
            ticket_note=ticket_note,
        )

    def phrase(self, node: RawNode, index: int) -> Phrase | None:
        fields = self.fields(
            node,
            f"phrase {index}",
            required=("text",),
            optional=("en", "note", "note_en", "step", "voice", "hold", "keywords"),
        )
        if fields is None:
            return None
        text = self.text(fields.get("text"), "phrase text")
        if text is None:
            return None
        self.check_placeholders(text, fields["text"].position)
        en, note = self.optional_text(fields, "en"), self.optional_text(fields, "note")
        step = self.choice(fields.get("step"), "step", FlowStep, None)
        voice = self.choice(fields.get("voice"), "voice", Voice, None)
        hold = self.choice(fields.get("hold"), "hold", HoldRole, None)
        keywords = self.list_of(
            fields.get("keywords"), f"phrase {index} keywords", lambda item, _: self.text(item, "keyword")
        )
        note_en = self.optional_text(fields, "note_en")
        return Phrase(text, en, note, node.position, step, voice, hold, keywords=tuple(keywords), note_en=note_en)

    def forbidden_entry(self, node: RawNode, index: int) -> Forbidden | None:
        fields = self.fields(
            node,
            f"forbidden {index}",
            required=("text", "instead"),
            optional=("en", "match", "unless", "variants", "clauses"),
        )
        if fields is None:
            return None
        text = self.text(fields.get("text"), "forbidden text")
        wanted = self.instead.read(fields.get("instead"), node.position)
        match = self.choice(fields.get("match"), "match", MatchMode, MatchMode.CONTAINS)
        variants = self.list_of(fields.get("variants"), "variants", lambda item, _: self.text(item, "variant"))
        clauses = self.list_of(fields.get("clauses"), "clauses", lambda item, _: self.clause(item, text))
        wordings = [text, *variants, *clauses] if text is not None else []
        unless = self.list_of(fields.get("unless"), "unless", lambda item, _: self.exception(item, wordings))
        if text is None or not wanted or match is None:
            return None
        entry = Forbidden(
            text,
            wanted[0].name,
            self.optional_text(fields, "en"),
            match,
            tuple(unless),
            tuple(variants),
            tuple(clauses),
            position=node.position,
        )
        self.instead.keep(entry, wanted)
        return entry

    def clause(self, node: RawNode, forbidden_text: str | None) -> str | None:
        """An entry of `clauses`: a part of the forbidden text that is forbidden said alone."""
        clause = self.text(node, "clause")
        if clause is not None and forbidden_text is not None and core_of(clause) not in core_of(forbidden_text):
            self.error(
                node.position,
                f"'{clause}' is not a part of '{forbidden_text}'; 'clauses' lists parts of the forbidden "
                "text that are forbidden said alone (write other wordings in 'variants')",
            )
            return None
        return clause

    def exception(self, node: RawNode, wordings: list[str]) -> str | None:
        """An entry of `unless`: a longer, acceptable wording around the forbidden text or a variant."""
        context = self.text(node, "unless")
        if context is None or not wordings:
            return context
        words = context_words(context)
        if not any(pattern_core(wording) in word for wording in wordings for word in words):
            self.error(
                node.position,
                f"'{context}' contains neither '{wordings[0]}' nor one of its variants or clauses; an "
                "exception in 'unless' is a longer wording around the forbidden text",
            )
            return None
        return context

    def conduct(self, node: RawNode | None, where: str) -> tuple[list[Gloss], list[Gloss]]:
        if node is None:
            return [], []
        fields = self.fields(node, f"{where} conduct", required=(), optional=("do", "dont"))
        if fields is None:
            return [], []
        do = self.list_of(fields.get("do"), f"{where} conduct do", self.gloss)
        dont = self.list_of(fields.get("dont"), f"{where} conduct dont", self.gloss)
        return do, dont

    def gloss(self, node: RawNode, index: int) -> Gloss | None:
        if isinstance(node, RawScalar):
            text = self.text(node, f"item {index}")
            return Gloss(text) if text is not None else None
        fields = self.fields(node, f"item {index}", required=("text",), optional=("en",))
        if fields is None:
            return None
        text = self.text(fields.get("text"), "text")
        return Gloss(text, self.optional_text(fields, "en")) if text is not None else None

    def guidance_section(self, node: RawNode, index: int) -> GuidanceSection | None:
        fields = self.fields(
            node,
            entry_name("guidance section", node, index),
            required=("id", "title", "items"),
            optional=("title_en", "style"),
        )
        if fields is None:
            return None
        section_id = self.identifier(fields.get("id"), f"guidance section {index}")
        title = self.text(fields.get("title"), "title")
        style = self.choice(fields.get("style"), "style", GuidanceStyle, GuidanceStyle.LIST)
        items = self.list_of(fields.get("items"), "items", self.guidance_item)
        if section_id is None or title is None or style is None:
            return None
        return GuidanceSection(section_id, title, tuple(items), self.optional_text(fields, "title_en"), style)

    def guidance_item(self, node: RawNode, index: int) -> GuidanceItem | None:
        if isinstance(node, RawScalar):
            text = self.text(node, f"item {index}")
            return GuidanceItem(text) if text is not None else None
        fields = self.fields(node, f"item {index}", required=("text",), optional=("en", "detail", "detail_en"))
        if fields is None:
            return None
        text = self.text(fields.get("text"), "text")
        if text is None:
            return None
        return GuidanceItem(
            text,
            self.optional_text(fields, "en"),
            self.optional_text(fields, "detail"),
            self.optional_text(fields, "detail_en"),
        )

    # -- checks across entries --------------------------------------------------------------

    def check_placeholders(self, text: str, position: Position, extra: tuple[str, ...] = ()) -> None:
        for problem in templates.problems(text):
            self.error(position, problem)
        for name in templates.placeholders_in(text):
            if name not in self.placeholders and name not in extra:
                declared = ", ".join(sorted(self.placeholders)) or "none"
                self.error(
                    position,
                    f"placeholder {{{name}}} is not declared under 'placeholders' (declared: {declared})",
                )

    def check_forbidden_is_not_standard(self, situations: list[Situation]) -> None:
        standard = {phrase.text for situation in situations for phrase in situation.phrases}
        for situation in situations:
            for entry in situation.forbidden:
                if entry.text in standard:
                    self.error(entry.position, f"forbidden text '{entry.text}' is also a standard phrase")

    def warn_repeats(self, phrases: list[Phrase], where: str) -> None:
        seen: set[str] = set()
        for phrase in phrases:
            if phrase.text in seen:
                self.warn(phrase.position, f"{where} lists the phrase '{phrase.text}' twice")
            seen.add(phrase.text)

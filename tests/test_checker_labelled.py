"""The checker on labelled agent speech (tests/data/checker/*.tsv): recall and precision per class.

Recall must stay 100%: every must-flag line is found, as its entry. Precision is what a live
sidebar lives on (three false alarms in four teach agents to ignore it): each class must keep at
least PRECISION_FLOOR, and every must-not-flag line is listed when it is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assist.core.checker import Checker, core_of
from assist.core.model import Forbidden, Phrasebook
from tests.helpers import ROOT

DATA = ROOT / "tests" / "data" / "checker"
PRECISION_FLOOR = 0.95  # per class; overall it is higher (printed)
MOST_FALSE_ALARMS = 2  # must-not-flag lines flagged, in the whole set


@dataclass(frozen=True)
class Case:
    source: str  # file:line
    kind: str
    flagged: tuple[str, ...]  # words naming the entries that must be found
    text: str


@dataclass
class Score:
    found: int = 0
    missed: int = 0
    false: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false) if self.found + self.false else 1.0


def read_cases() -> list[Case]:
    cases = []
    for path in sorted(DATA.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, flagged, text = line.split("\t")
            words = tuple(word for word in flagged.split("|") if word)
            cases.append(Case(f"{path.name}:{number}", kind, words, text))
    return cases


CASES = read_cases()


def entry_named(book: Phrasebook, word: str) -> Forbidden:
    """The shortest forbidden entry whose text holds `word` (听我说 is 你听我说！, not 你先听我说完么！)."""
    entries = [entry for situation in book.situations for entry in situation.forbidden]
    holding = [entry for entry in entries if core_of(word) in core_of(entry.text)]
    assert holding, f"no forbidden entry holds {word!r}"
    return min(holding, key=lambda entry: len(core_of(entry.text)))


def scores(checker: Checker, cases: list[Case]) -> dict[str, Score]:
    by_kind: dict[str, Score] = {}
    for case in cases:
        score = by_kind.setdefault(case.kind, Score())
        expected = [entry_named(checker.book, word) for word in case.flagged]
        for finding in checker.check(case.text):
            if finding.entry in expected:
                expected.remove(finding.entry)
                score.found += 1
            else:
                score.false += 1
                score.lines.append(f"{case.source}: false alarm {finding.match!r} in {case.text!r}")
        score.missed += len(expected)
        score.lines += [f"{case.source}: missed {entry.text!r} in {case.text!r}" for entry in expected]
    return by_kind


@pytest.fixture(scope="module")
def checker(default_book) -> Checker:
    return Checker(default_book)


def test_the_labelled_set_is_large_and_balanced():
    polite = [case for case in CASES if not case.flagged]
    assert len(polite) >= 300
    assert sum(1 for case in CASES if case.flagged) >= 150
    for kind in ("wait", "clause", "insertion", "traditional", "closing", "dont-know", "no-way"):
        kinds = [case for case in CASES if case.kind == kind]
        assert any(case.flagged for case in kinds) and any(not case.flagged for case in kinds), kind


@pytest.mark.parametrize("case", [case for case in CASES if case.flagged], ids=lambda case: case.source)
def test_every_forbidden_line_is_found(checker, case):
    found = sorted(finding.entry.text for finding in checker.check(case.text))
    assert found == sorted(entry_named(checker.book, word).text for word in case.flagged)


def test_recall_and_precision_per_class(checker, capsys):
    by_kind = scores(checker, CASES)
    total = Score(*(sum(getattr(score, name) for score in by_kind.values()) for name in ("found", "missed", "false")))
    polite = sum(1 for case in CASES if not case.flagged)
    with capsys.disabled():
        print(f"\n{'class':<32}{'lines':>6}{'recall':>9}{'precision':>11}")
        for kind, score in by_kind.items():
            lines = sum(1 for case in CASES if case.kind == kind)
            print(f"{kind:<32}{lines:>6}{score.recall:>9.1%}{score.precision:>11.1%}")
        print(f"{'all':<32}{len(CASES):>6}{total.recall:>9.1%}{total.precision:>11.1%}  ({polite} must-not-flag lines)")
    problems = [line for score in by_kind.values() for line in score.lines]
    assert total.recall == 1.0, "\n".join(problems)
    assert all(score.precision >= PRECISION_FLOOR for score in by_kind.values()), "\n".join(problems)
    assert total.false <= MOST_FALSE_ALARMS, "\n".join(problems)

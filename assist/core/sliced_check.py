"""Checking a long text a slice at a time, so that a window can handle its events in between.

Slices end where the checker says no finding can be split (after a line break, or between
sentences), and the rules that look at the words around a match (`unless`) read them in the whole
text, so the findings are exactly those of one check of the whole text. A slice holds at
most about `SLICE_CHARACTERS` characters, which the checker reads in a few milliseconds.
"""

from __future__ import annotations

from assist.core.checker import Checker, Finding

SLICE_CHARACTERS = 10_000
# A slice ends at the first place to cut after SLICE_CHARACTERS; where there is none this far (text
# made only of wording characters and noise), it is cut anyway: a finding across it may be missed.
LONGEST_SLICE = 100_000


class SlicedCheck:
    """One check of `text`, done by calling `step` until it returns True; then see `findings`."""

    def __init__(self, checker: Checker, text: str, slice_characters: int = SLICE_CHARACTERS) -> None:
        self.checker = checker
        self.text = text
        self.folded = checker.fold(text)  # once: traditional characters written simplified
        self.findings: list[Finding] = []
        self._slice = slice_characters
        self._start = 0
        self._lines = 0  # line breaks before the next slice
        self._line_start = 0  # where the line holding the next slice's start begins

    @property
    def done(self) -> bool:
        return self._start >= len(self.text)

    def step(self) -> bool:
        """Check the next slice; True once the whole text is checked."""
        if self.done:
            return True
        start, text = self._start, self.text
        end = len(text)
        if start + self._slice < end:
            end = self.checker.last_cut(text, start, start + self._slice)
            if end <= start:
                end = self.checker.first_cut(text, start + self._slice, start + LONGEST_SLICE)
            if end <= start:
                end = min(len(text), start + LONGEST_SLICE)
        found = self.checker.scan_part(text, self.folded, start, end, lines=(self._lines + 1, self._line_start))
        self.findings += found
        breaks = text.count("\n", start, end)
        if breaks:
            self._lines += breaks
            self._line_start = text.rfind("\n", start, end) + 1
        self._start = end
        return self.done

    def finish(self) -> list[Finding]:
        """Check what is left at once, and return all the findings."""
        while not self.step():
            pass
        return self.findings

"""The benchmarks' common table: one row per figure, Assist beside what it is compared with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    what: str
    ours: str  # Assist's figure, with its unit
    baseline: str  # what it is compared with, measured in the same run
    ratio: float | None  # ours / baseline, where a ratio means something
    target: str
    met: bool | None  # None: no target for this figure


HEADER = ("", "Assist", "compared with (same run)", "ratio", "target", "")
LEFT_ALIGNED = {0, 2, 5}


def print_table(rows: list[Row]) -> None:
    lines = [HEADER] + [
        (
            row.what,
            row.ours,
            row.baseline,
            f"{row.ratio:.2f}×" if row.ratio is not None else "",
            row.target,
            {True: "met", False: "NOT MET", None: ""}[row.met],
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADER))]
    for line in lines:
        cells = [
            cell.ljust(width) if column in LEFT_ALIGNED else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())

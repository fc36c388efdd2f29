"""Small charts as inline SVG, for reports that must open anywhere without a network or a plotting library.

Plain SVG is enough for bars and a line over a few dozen points; it scales, prints, and keeps the
report one self-contained file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR = "#3b6ea8"
BAD = "#c0392b"
TEXT = "#333"
GRID = "#ddd"
FONT = 'font-family="Noto Sans CJK SC, Noto Sans, sans-serif" font-size="12"'


def column_chart(labels: Sequence[str], values: Sequence[float], title: str, colors: Sequence[str] = ()) -> str:
    """Vertical bars, one per label (a distribution), with each value above its bar."""
    width, height, left, bottom, top = 560, 250, 40, 36, 42
    plot_width, plot_height = width - left - 10, height - bottom - top
    highest = max(values, default=0) or 1
    step = plot_width / max(len(values), 1)
    every = _label_every(len(values), most=12)  # the score distribution's 11 bars, all labelled
    parts = [_open(width, height, title), _grid(left, top, plot_width, plot_height, highest)]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = plot_height * value / highest
        x = left + index * step + step * 0.12
        y = top + plot_height - bar_height
        color = colors[index] if index < len(colors) else BAR
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.76:.1f}" height="{bar_height:.1f}" fill="{color}">'
            f"<title>{escape(label)}: {value:g}</title></rect>"
        )
        center = x + step * 0.38
        if index % every:
            continue
        parts.append(f'<text x="{center:.1f}" y="{y - 4:.1f}" text-anchor="middle" {FONT}>{value:g}</text>')
        baseline = top + plot_height + 16
        parts.append(f'<text x="{center:.1f}" y="{baseline}" text-anchor="middle" {FONT}>{escape(label)}</text>')
    return "".join(parts) + "</svg>"


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, unit: str = "", color: str = BAR) -> str:
    """Horizontal bars, one per label (failures per rule, score per agent), longest scale first."""
    row, left, top = 24, 170, 30
    width = 560
    height = top + row * max(len(labels), 1) + 10
    plot_width = width - left - 60
    highest = max(values, default=0) or 1
    parts = [_open(width, height, title)]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row
        bar_width = plot_width * value / highest
        parts.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" {FONT}>{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 4}" width="{bar_width:.1f}" height="{row - 8}" fill="{color}">'
            f"<title>{escape(label)}: {value:g}{unit}</title></rect>"
            f'<text x="{left + bar_width + 6:.1f}" y="{y + 16}" {FONT}>{value:g}{unit}</text>'
        )
    return "".join(parts) + "</svg>"


def line_chart(labels: Sequence[str], values: Sequence[float], title: str, highest: float = 100, unit: str = "") -> str:
    """A line over time (the weekly pass rate), a point and its value at each label."""
    width, height, left, bottom, top = 560, 250, 40, 36, 42
    plot_width, plot_height = width - left - 40, height - bottom - top
    inset = 24  # the first point's value clear of the axis labels
    step = (plot_width - inset) / max(len(values) - 1, 1)
    every = _label_every(len(values))
    parts = [_open(width, height, title), _grid(left, top, plot_width, plot_height, highest)]
    points = [
        (left + inset + index * step, top + plot_height - plot_height * min(value, highest) / highest)
        for index, value in enumerate(values)
    ]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for index, ((x, y), label, value) in enumerate(zip(points, labels, values, strict=True)):
        tip = f"{escape(label)}: {value:.0f}{unit}"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{BAR}"><title>{tip}</title></circle>')
        if index % every:
            continue
        parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" {FONT}>{value:.0f}{unit}</text>')
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_height + 16}" text-anchor="middle" {FONT}>{escape(label)}</text>'
        )
    return "".join(parts) + "</svg>"


def _label_every(count: int, most: int = 8) -> int:
    """Label every n-th bar or point, so that at most `most` labels share the axis."""
    return max(1, -(-count // most))


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="{escape(title)}">'
        f'<text x="4" y="16" font-weight="bold" fill="{TEXT}" {FONT}>{escape(title)}</text>'
    )


def _grid(left: float, top: float, width: float, height: float, highest: float) -> str:
    lines = []
    for fraction in (0, 0.5, 1):
        y = top + height - height * fraction
        lines.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT} fill="#777">{highest * fraction:.0f}</text>'
        )
    return "".join(lines)

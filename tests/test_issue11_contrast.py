"""Issue 11, defect 11: every label and button is readable in both themes (WCAG AA: text at least
4.5:1 against its background), measured on the rendered window, page by page."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel, QStyle, QStyleOptionButton, QWidget

from assist.ui.theme import stylesheet
from tests.ui_fixtures import press

AA = 4.5
# Each page the agent can reach, by the keys that open it.
PAGES = {
    "list": [],
    "situation": ["Alt+5"],
    "silent caller": ["Alt+3"],
    "complaint": ["Alt+0"],
    "guidance": ["F2"],
    "keys": ["F1"],
    "settings": ["Ctrl+,"],
    "draft": ["Alt+5", "Ctrl+D"],
}


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pixels(image: QImage, rect: QRect) -> Counter:
    """The colours in `rect` of an RGB32 image, counted."""
    found: Counter = Counter()
    data = image.constBits().tobytes()
    stride = image.bytesPerLine()
    for y in range(rect.top(), rect.bottom() + 1):
        row = data[y * stride + rect.left() * 4 : y * stride + (rect.right() + 1) * 4]
        found.update(row[i : i + 3] for i in range(0, len(row), 4))  # B, G, R
    return found


def text_rect(widget: QWidget) -> QRect:
    """Where the widget's words are: not a check box's box, not a button's frame."""
    if isinstance(widget, QCheckBox):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        return widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, widget)
    if isinstance(widget, QAbstractButton):
        return widget.rect().adjusted(3, 3, -3, -3)
    return widget.rect()


def measured(window: QWidget) -> list[tuple[str, float]]:
    """(widget text, contrast of its text against its background) for every visible label and button."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    results = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible() or not widget.text().strip():
            continue
        visible = widget.visibleRegion().boundingRect() & text_rect(widget)
        if visible.width() < 4 or visible.height() < min(widget.height(), widget.fontMetrics().height()):
            continue  # cut by the edge of its page: measured when scrolled into view
        rect = QRect(widget.mapTo(window, visible.topLeft()), visible.size()) & image.rect()
        colours = pixels(image, rect)
        if len(colours) < 2:
            continue
        background = colours.most_common(1)[0][0]
        bg = (background[2], background[1], background[0])
        best = max(contrast(bg, (c[2], c[1], c[0])) for c in colours)
        results.append((widget.text()[:30], best))
    return results


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_11_every_label_and_button_has_aa_contrast(qtbot, open_window, default_book, settings, theme):
    settings.set("appearance/theme", theme)
    settings.set("profile/dismissed", True)
    settings.set_profile_values({"organisation": "某市政务服务中心"})
    low = []
    for page, keys in PAGES.items():
        window = open_window(default_book, settings)
        QApplication.instance().setStyleSheet(stylesheet(theme))
        for key in keys:
            press(qtbot, window, key)
        QApplication.processEvents()
        bar = window.stack.currentWidget().verticalScrollBar()
        for position in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
            bar.setValue(position)  # the whole page, a screenful at a time
            QApplication.processEvents()
            low += [(page, text, round(ratio, 2)) for text, ratio in measured(window) if ratio < AA]
        window.close()
    low = sorted(set(low))
    assert low == [], "\n".join(map(str, low))

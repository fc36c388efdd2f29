"""Trial 4, item 8: keyboard focus is visible. Tab through each page; every button, check box and
combo that takes the focus is drawn with a ring (at least 3:1 against what it covers), in both
themes, and the ring moves nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QScrollArea, QWidget

from assist.ui.theme import stylesheet
from tests.test_issue11_contrast import contrast
from tests.ui_fixtures import press

RING = 3.0  # WCAG 2.2 focus appearance: 3:1 against the unfocused look
# Pages with controls that Tab reaches, by the keys that open them.
PAGES = {
    "settings": ["Ctrl+,"],
    "silent caller": ["Alt+3"],
    "complaint": ["Alt+0"],
    "situation": ["Alt+5"],
    "recent": ["Alt+5", "Ctrl+1", "Esc"],  # the list, with the phrase just copied under 最近复制
}


def ring_pixels(focused: QImage, unfocused: QImage) -> int:
    """How many pixels the focus changed to a colour at least 3:1 against the colour they had."""
    a = focused.convertToFormat(QImage.Format.Format_RGB32)
    b = unfocused.convertToFormat(QImage.Format.Format_RGB32)
    if a.size() != b.size():
        return 0
    bits_a, bits_b = a.constBits().tobytes(), b.constBits().tobytes()
    count = 0
    for i in range(0, len(bits_a), 4):
        if bits_a[i : i + 3] != bits_b[i : i + 3]:
            pa, pb = bits_a[i : i + 3], bits_b[i : i + 3]
            if contrast((pa[2], pa[1], pa[0]), (pb[2], pb[1], pb[0])) >= RING:
                count += 1
    return count


def fresh_size_hint(widget: QWidget) -> tuple[int, int]:
    """The size the widget asks for in its present state (a button caches it: polish again first)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    hint = widget.sizeHint()
    return hint.width(), hint.height()


def drawn(window: QWidget, widget: QWidget) -> QImage:
    """The widget as the window draws it (on its real background, which its own grab() lacks)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)  # scrolled into view
        QApplication.processEvents()
    return window.grab(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())).toImage()


def tabbed_controls(qtbot, window: QWidget, steps: int = 40) -> list[QWidget]:
    """The buttons, check boxes and combos Tab reaches, in order, each once."""
    found: list[QWidget] = []
    for _ in range(steps):
        press(qtbot, window, "Tab")
        widget = QApplication.focusWidget()
        if isinstance(widget, QAbstractButton | QComboBox) and widget not in found:
            found.append(widget)
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_8_the_focused_control_shows_a_ring_and_nothing_moves(qtbot, open_window, default_book, settings, theme):
    settings.set("appearance/theme", theme)
    settings.set("profile/dismissed", True)
    faint, moved = [], []
    for page, keys in PAGES.items():
        window = open_window(default_book, settings)
        QApplication.instance().setStyleSheet(stylesheet(theme))
        for key in keys:
            press(qtbot, window, key)
        controls = tabbed_controls(qtbot, window)
        if page == "recent":
            assert any(widget.objectName() == "recentPhrase" for widget in controls), "Tab reaches no recent entry"
        assert controls, f"Tab reaches no button on the {page} page"
        for widget in controls:
            widget.setFocus()
            QApplication.processEvents()
            focused, place, hint = drawn(window, widget), widget.geometry(), fresh_size_hint(widget)
            window.setFocus()
            QApplication.processEvents()
            assert QApplication.focusWidget() is not widget
            unfocused = drawn(window, widget)
            ring = ring_pixels(focused, unfocused)
            perimeter = 2 * (widget.width() + widget.height())
            name = f"{page}: {type(widget).__name__} {widget.objectName()} {getattr(widget, 'text', str)()[:12]!r}"
            if ring < perimeter:
                faint.append(f"{name}: {ring} ring pixels, want {perimeter}")
            assert (widget.geometry(), fresh_size_hint(widget)) == (place, hint), f"{name} moved or resized"
            inside = focused.rect().adjusted(7, 3, -7, -3)  # within the ring and its round corners: nothing moved
            if focused.copy(inside) != unfocused.copy(inside):
                moved.append(name)
        window.close()
    assert faint == [], "\n".join(faint)
    assert moved == [], "the words inside moved when the ring showed: " + ", ".join(moved)

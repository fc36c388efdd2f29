"""Where the sidebar goes on screen: docked at the right edge, or back where the agent left it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen

DEFAULT_WIDTH = 400


def docked(side: str = "right", screen: QScreen | None = None, width: int = DEFAULT_WIDTH) -> QRect:
    """Full available height at the `side` edge of `screen` (default: the primary one)."""
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, width, 800)
    area = screen.availableGeometry()
    left = area.left() if side == "left" else area.right() - width + 1
    return QRect(left, area.top(), width, area.height())


def fit_on_screen(rect: QRect) -> QRect:
    """`rect` moved (and shrunk if need be) to lie whole on the screen it overlaps most, else the primary."""
    screens = QGuiApplication.screens()
    if not screens:
        return rect

    def overlap(screen: QScreen) -> int:
        common = screen.availableGeometry().intersected(rect)
        return common.width() * common.height() if common.isValid() else 0

    best = max(screens, key=overlap)
    area = (best if overlap(best) > 0 else QGuiApplication.primaryScreen()).availableGeometry()
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    left = max(area.left(), min(rect.left(), area.right() - width + 1))
    top = max(area.top(), min(rect.top(), area.bottom() - height + 1))
    return QRect(left, top, width, height)

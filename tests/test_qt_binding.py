"""Guards against a broken Qt binding: PySide6 6.12.0 drops a reference to None on every call of a
method that returns nothing; after enough calls (an agent's shift, or the monkey test) Python
aborts with "deallocating None". pyproject.toml excludes that release; this test catches any other."""

import sys

from PySide6.QtCore import QEvent, QTimer


def test_void_calls_keep_references_to_none(qapp):
    timer, event = QTimer(), QEvent(QEvent.Type.User)
    before = sys.getrefcount(None)
    for _ in range(1000):
        timer.stop()
        event.accept()
    assert sys.getrefcount(None) - before > -100  # 2,000 lost references would show as -2000

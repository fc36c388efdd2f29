"""A tiny text editor for the end-to-end tests: the softphone's chat box, in a window of its own.

`python tests/text_editor.py OUT` shows one text field, titled "Chat box", and writes its whole
text to OUT on every change, so that a test in another process can read what was typed or pasted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    editor = QPlainTextEdit()
    editor.setWindowTitle("Chat box")
    editor.textChanged.connect(lambda: out.write_text(editor.toPlainText(), encoding="utf-8"))
    out.write_text("", encoding="utf-8")
    editor.setGeometry(0, 0, 600, 400)
    editor.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

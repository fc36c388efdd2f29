"""The inline prompt for the agent's own values (organisation, department), never a modal dialog."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from assist.core.model import Placeholder
from assist.ui.i18n import tr
from assist.ui.values_form import ValuesForm


class ProfileBar(QFrame):
    saved = Signal(dict)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 8)
        self.form: ValuesForm | None = None
        self.hide()

    def ask(
        self, placeholders: Mapping[str, Placeholder], values: Mapping[str, str], names: Sequence[str] | None = None
    ) -> None:
        """Show fields for the book's profile placeholders (or only `names`), filled with the values
        known so far."""
        if self.form is not None:
            self.form.deleteLater()
        profile_names = [name for name, placeholder in placeholders.items() if placeholder.profile]
        names = [name for name in profile_names if names is None or name in names]
        if not names:
            self.hide()
            return
        self.form = ValuesForm(
            names,
            placeholders,
            values,
            tr("保存", "Save"),
            tr("稍后", "Later"),
            prompt=tr("请填写您的资料，复制用语时自动填入。", "Your details, filled into phrases when copied."),
            require_all=False,
        )
        self.form.submitted.connect(self._on_submitted)
        self.form.cancelled.connect(self._on_dismissed)
        self._layout.addWidget(self.form)
        self.show()

    def _on_submitted(self, values: dict) -> None:
        self.hide()
        self.saved.emit(values)

    def _on_dismissed(self) -> None:
        self.hide()
        self.dismissed.emit()

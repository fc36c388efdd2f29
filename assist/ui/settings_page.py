"""The settings page: the agent's own values used by every template, and the hold reminder."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from assist.core.model import Placeholder
from assist.ui.cards import make_label
from assist.ui.pages import ScrollPage
from assist.ui.values_form import ValuesForm


class SettingsPage(ScrollPage):
    profile_saved = Signal(dict)
    hold_threshold_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("settingsPage", parent)
        self.form: ValuesForm | None = None
        self.threshold: QSpinBox | None = None

    def show_settings(
        self, placeholders: Mapping[str, Placeholder], values: Mapping[str, str], hold_threshold: int, location: str
    ) -> None:
        self._reset_body()
        self.section("我的资料", "My details · used in every phrase")
        names = [name for name, placeholder in placeholders.items() if placeholder.profile]
        self.form = ValuesForm(names, placeholders, values, "保存 Save (Enter)", "还原 Undo", require_all=False)
        self.form.submitted.connect(self.profile_saved)
        self.form.cancelled.connect(lambda: self.show_settings(placeholders, values, hold_threshold, location))
        self.body.addWidget(self.form)
        self.section("等待提醒", "Hold reminder")
        row = QHBoxLayout()
        row.addWidget(QLabel("等待超过 After"))
        self.threshold = QSpinBox()
        self.threshold.setObjectName("holdThreshold")
        self.threshold.setRange(5, 600)
        self.threshold.setSuffix(" 秒 s")
        self.threshold.setValue(hold_threshold)
        self.threshold.valueChanged.connect(self.hold_threshold_changed)
        row.addWidget(self.threshold)
        row.addWidget(QLabel("提醒告知用户 remind me to tell the caller"), 1)
        self.body.addLayout(row)
        self.body.addWidget(make_label("每过这么久再提醒一次。Then again each time this long passes.", "gloss"))
        self.section("设置文件", "Settings file")
        where = make_label(location, "gloss")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(where)
        self.body.addStretch()

"""The settings page: the agent's details, the hold reminder, the look of the sidebar, the
phrasebook source and the key bindings. Every value it shows is declared in settings.SETTINGS."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from assist.core.model import Placeholder
from assist.ui.cards import make_label
from assist.ui.field_note import FieldNote
from assist.ui.i18n import tr
from assist.ui.inline_edit import InlineEdit
from assist.ui.key_field import KeyField
from assist.ui.keymap import Binding
from assist.ui.pages import ScrollPage
from assist.ui.settings import PROFILE_GROUP, Settings, choices
from assist.ui.values_form import ValuesForm


class SettingsPage(ScrollPage):
    profile_saved = Signal(dict)
    hold_threshold_changed = Signal(int)
    theme_changed = Signal(str)
    reading_size_changed = Signal(str)
    on_top_changed = Signal(bool)
    dock_changed = Signal(str)
    source_changed = Signal(str)
    keys_reset = Signal()
    language_changed = Signal(str)
    glosses_changed = Signal(bool)
    autostart_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("settingsPage", parent)
        self.form: ValuesForm | None = None
        self.threshold: QSpinBox | None = None
        self.key_edits: dict[str, KeyField] = {}
        self.key_message: FieldNote | None = None
        self.key_grid = QGridLayout()
        self.source_field: InlineEdit | None = None
        self.rebind: Callable[[str, str], str | None] = lambda action, key: None
        self.set_hotkey: Callable[[str], str] = lambda key: ""
        self.hotkey_problem: Callable[[], str] = lambda: ""
        self.keys: Callable[[str], tuple[str, ...]] = lambda action: ()  # the keys in force

    def show_settings(
        self,
        placeholders: Mapping[str, Placeholder],
        values: Mapping[str, str],
        settings: Settings,
        bindings: tuple[Binding, ...],
    ) -> None:
        self._reset_body()
        self._profile(placeholders, values)
        self._hold(int(settings.get("hold/threshold_seconds")))
        self._show_on_hold(settings)
        self._appearance(settings)
        self._source(str(settings.get("phrasebook/source")))
        self._hotkey(str(settings.get("hotkey/global")), settings)
        self._keys(bindings)
        self._show_locks(settings)
        self.section("设置文件", "Settings file")
        where = make_label(settings.location, "settingsFile")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(where)
        if settings.centre_location:
            centre = make_label(tr("中心设定：", "Centre's settings: ") + settings.centre_location, "gloss")
            centre.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.body.addWidget(centre)
        self.body.addStretch()

    def _show_locks(self, settings: Settings) -> None:
        """Grey out what the centre locked, saying so: the agent sees the value but cannot change it."""
        widgets = {
            "hold/threshold_seconds": (self.threshold,),
            "appearance/theme": (self.theme,),
            "appearance/reading_size": (self.reading_size,),
            "appearance/language": (self.language,),
            "appearance/show_glosses": (self.glosses,),
            "window/dock": (self.dock,),
            "window/always_on_top": (self.on_top,),
            "startup/autostart": (self.autostart,),
            "phrasebook/source": (self.source_field, self.apply_source),
            "hotkey/global": (self.hotkey_edit,),
        }
        note = tr("由中心设定，不能在此更改", "Set by your centre; it cannot be changed here")
        locked = [control for key, controls in widgets.items() if settings.is_locked(key) for control in controls]
        profile = self.form.fields.items() if self.form is not None else ()
        locked += [field for name, field in profile if settings.is_locked(f"{PROFILE_GROUP}/{name}")]
        for control in locked:
            control.setEnabled(False)
            control.setToolTip(note)
            control.setProperty("lockedByCentre", True)
            control.style().unpolish(control)  # the stylesheet's [lockedByCentre] rule applies now
            control.style().polish(control)
        if locked:  # said where it is seen at once, not only in tooltips
            text = tr(
                "虚线框中的灰色设置由中心设定，不能在此更改。",
                "Settings greyed out in dashed boxes are set by your centre.",
            )
            self.lock_note = make_label(text, "lockNote")
            self.body.insertWidget(0, self.lock_note)

    def _profile(self, placeholders: Mapping[str, Placeholder], values: Mapping[str, str]) -> None:
        self.section("我的资料", "My details · used in every phrase")
        names = [name for name, placeholder in placeholders.items() if placeholder.profile]
        self.form = ValuesForm(
            names, placeholders, values, tr("保存 (Enter)", "Save (Enter)"), tr("还原", "Undo"), require_all=False
        )
        self.form.submitted.connect(self.profile_saved)
        self.body.addWidget(self.form)

    def _hold(self, seconds: int) -> None:
        self.section("等待提醒", "Hold reminder")
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("等待超过", "After")))
        self.threshold = QSpinBox()
        self.threshold.setObjectName("holdThreshold")
        self.threshold.setRange(5, 600)
        self.threshold.setSuffix(tr(" 秒", " s"))
        self.threshold.setValue(seconds)
        self.threshold.valueChanged.connect(self.hold_threshold_changed)
        row.addWidget(self.threshold)
        remind = make_label(tr("提醒告知用户", "remind me to tell the caller"), "")  # wraps at large sizes
        row.addWidget(remind, 1)
        self.body.addLayout(row)
        self.body.addWidget(make_label(tr("每过这么久再提醒一次。", "Then again each time this long passes."), "gloss"))

    def _show_on_hold(self, settings: Settings) -> None:
        self.show_on_hold = QCheckBox(tr("提醒时显示侧栏（不抢焦点）", "Show the sidebar at the reminder"))
        self.show_on_hold.setObjectName("showOnHold")
        self.show_on_hold.setChecked(bool(settings.get("hold/show_sidebar")))
        self.show_on_hold.toggled.connect(lambda on: settings.set("hold/show_sidebar", bool(on)))
        self.body.addWidget(self.show_on_hold)
        self.body.addWidget(
            make_label(
                tr(
                    "侧栏被隐藏或遮住时，任务栏闪烁、托盘提示；勾选后侧栏也会出现，光标仍留在软电话。",
                    "When the sidebar is hidden or covered, the taskbar flashes and the tray tells you; "
                    "ticked, the sidebar shows too, and the cursor stays in the softphone.",
                ),
                "gloss",
            )
        )

    def _appearance(self, settings: Settings) -> None:
        self.section("外观", "Appearance")
        grid = QGridLayout()
        self.theme = self._combo(choices("appearance/theme"), str(settings.get("appearance/theme")), self.theme_changed)
        self.reading_size = self._combo(
            choices("appearance/reading_size"), str(settings.get("appearance/reading_size")), self.reading_size_changed
        )
        self.language = self._combo(
            choices("appearance/language"), str(settings.get("appearance/language")), self.language_changed
        )
        self.glosses = QCheckBox(tr("显示英文释义 (Ctrl+G)", "Show English glosses (Ctrl+G)"))
        self.glosses.setChecked(bool(settings.get("appearance/show_glosses")))
        self.glosses.toggled.connect(self.glosses_changed)
        self.dock = self._combo(choices("window/dock"), str(settings.get("window/dock")), self.dock_changed)
        self.on_top = QCheckBox(tr("总在最前", "Always on top"))
        self.on_top.setChecked(bool(settings.get("window/always_on_top")))
        self.on_top.toggled.connect(self.on_top_changed)
        for row, (label, widget) in enumerate(
            (
                (tr("主题", "Theme"), self.theme),
                (tr("字号", "Text size"), self.reading_size),
                (tr("停靠", "Dock"), self.dock),
                (tr("界面语言", "Language"), self.language),
            )
        ):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(widget, row, 1)
        self.autostart = QCheckBox(tr("登录桌面时自动启动", "Start when I log in"))
        self.autostart.setObjectName("autostart")
        self.autostart.setChecked(bool(settings.get("startup/autostart")))
        self.autostart.toggled.connect(self.autostart_changed)
        grid.addWidget(self.on_top, 4, 0, 1, 2)
        grid.addWidget(self.glosses, 5, 0, 1, 2)
        grid.addWidget(self.autostart, 6, 0, 1, 2)
        self.body.addLayout(grid)
        self.body.addWidget(
            make_label(tr("界面语言在下次启动时生效。", "The language applies at the next start."), "gloss")
        )

    def _source(self, location: str) -> None:
        self.section("用语库", "Phrasebook")
        self.body.addWidget(
            make_label(
                tr(
                    "本中心的用语库：文件路径或 http(s) 网址；留空只用内置用语库。",
                    "The centre's phrasebook: a file or an http(s) URL; empty for the built-in one only.",
                ),
                "gloss",
            )
        )
        row = QHBoxLayout()
        self.source_field = InlineEdit(location)
        self.source_field.setObjectName("sourceField")
        self.source_field.setPlaceholderText(
            tr("/srv/assist/centre.yaml 或 https://…/centre.yaml", "/srv/assist/centre.yaml or https://…/centre.yaml")
        )
        self.source_field.returnPressed.connect(lambda: self.source_changed.emit(self.source_field.text().strip()))
        row.addWidget(self.source_field, 1)
        self.apply_source = QPushButton(tr("应用", "Apply"))
        self.apply_source.setObjectName("applySource")
        self.apply_source.clicked.connect(lambda: self.source_changed.emit(self.source_field.text().strip()))
        row.addWidget(self.apply_source)
        self.body.addLayout(row)

    def _hotkey(self, key: str, settings: Settings) -> None:
        self.section("全局快捷键", "Global key · from any program")
        row = QHBoxLayout()
        self.hotkey_edit = QKeySequenceEdit(QKeySequence(key))
        self.hotkey_edit.setObjectName("globalHotkey")
        self.hotkey_edit.setMaximumSequenceLength(1)
        if (line := self.hotkey_edit.findChild(QLineEdit)) is not None:
            line.setPlaceholderText(tr("按新的快捷键", "Press the new key"))
        self.hotkey_edit.editingFinished.connect(self._on_hotkey_recorded)
        row.addWidget(QLabel(tr("显示/隐藏侧栏", "Show or hide")))
        row.addWidget(self.hotkey_edit, 1)
        self.body.addLayout(row)
        self.hotkey_message = make_label(self.hotkey_problem(), "refusal")
        self.body.addWidget(self.hotkey_message)
        self.paste_back = QCheckBox(tr("复制后自动粘贴", "Paste back after a copy"))
        self.paste_back.setObjectName("pasteBack")
        self.paste_back.setChecked(bool(settings.get("hotkey/paste_back")))
        self.paste_back.toggled.connect(lambda on: settings.set("hotkey/paste_back", on))
        self.body.addWidget(self.paste_back)
        explained = tr(
            "用全局快捷键打开侧栏后，复制的用语自动粘贴到原来的窗口（如聊天框）。",
            "After the global key brought the sidebar up, a copied phrase is pasted into the window you "
            "came from (the chat box).",
        )
        self.body.addWidget(make_label(explained, "gloss"))

    def _on_hotkey_recorded(self) -> None:
        key = self.hotkey_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        self.hotkey_message.setText(self.set_hotkey(key) if key else "")

    def _keys(self, bindings: tuple[Binding, ...]) -> None:
        self.section("快捷键", "Keys · click a field and press the new key")
        self.key_grid = QGridLayout()
        self.key_edits = {}
        for index, entry in enumerate(entry for entry in bindings if len(entry.keys) <= 2):
            row = index
            self.key_grid.addWidget(make_label(tr(entry.description, entry.description_en), "keyDescription"), row, 0)
            edit = KeyField(entry.keys[0])
            edit.setObjectName(f"key_{entry.action}")
            edit.recorded.connect(lambda key, action=entry.action, edit=edit: self._on_key_recorded(action, key, edit))
            self.key_grid.addWidget(edit, row, 1)
            self.key_edits[entry.action] = edit
        self.body.addLayout(self.key_grid)
        self.key_message = FieldNote(self.widget())
        reset = QPushButton(tr("恢复默认快捷键", "Reset to the defaults"))
        reset.setObjectName("resetKeys")
        reset.clicked.connect(self.keys_reset)
        self.body.addWidget(reset)

    def _on_key_recorded(self, action: str, key: str, edit: KeyField) -> None:
        refusal = self.rebind(action, key) if key else tr("请按一个键", "Press a key")
        in_force = self.keys(action)
        if refusal and in_force:
            edit.show_key(in_force[0])  # refused: the field shows the key that still works
        elif not refusal:
            edit.show_key(key)
        if self.key_message is not None:
            self._say_under(edit, refusal or "")

    def _say_under(self, edit: KeyField, refusal: str) -> None:
        """The refusal floats right under the field the agent pressed the key in, where they look,
        over the rows below (which stay where they are)."""
        grid = self.key_grid.geometry()
        self.key_message.show_under(edit, refusal, grid.left(), grid.width())
        if refusal:
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(self.key_message))

    def _combo(self, choices: tuple[tuple[str, str], ...], current: str, signal: Signal) -> QComboBox:
        combo = QComboBox()
        for value, label in choices:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(lambda _index, combo=combo: signal.emit(combo.currentData()))
        return combo

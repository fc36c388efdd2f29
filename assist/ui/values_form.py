"""Fields for placeholder values, shown in place: in a card when copying needs them, or at first start."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assist.core.model import Placeholder
from assist.ui.i18n import book_words, current, tr
from assist.ui.inline_edit import InlineEdit


def example_of(placeholder: Placeholder) -> str:
    """The example shown in an empty field, in the interface language ("" when the book has none)."""
    if current() == "en":
        return placeholder.example_en or (placeholder.example if placeholder.example.isascii() else "")
    return placeholder.example


def labels_of(names: Sequence[str], placeholders: Mapping[str, Placeholder]) -> str:
    """The fields' labels in a sentence: 本部门、工号 (Department, Agent number)."""
    return tr("、", ", ").join(
        book_words(placeholders[name].label, placeholders[name].label_en) if name in placeholders else name
        for name in names
    )


class ValuesForm(QWidget):
    """One field per placeholder. Enter moves to the next empty field, or submits when all are filled."""

    submitted = Signal(dict)
    cancelled = Signal()
    incomplete = Signal(list)  # saving was asked while these required fields are empty

    def __init__(
        self,
        names: Sequence[str],
        placeholders: Mapping[str, Placeholder],
        values: Mapping[str, str],
        submit_text: str,
        cancel_text: str,
        prompt: str = "",
        require_all: bool = True,
        optional: Collection[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._require_all = require_all
        self._optional = set(optional)  # fields of optional parts: may stay empty
        self.setObjectName("valuesForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        if prompt:
            hint = QLabel(prompt)
            hint.setObjectName("formPrompt")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        form = self._rows = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, InlineEdit] = {}
        for name in names:
            placeholder = placeholders.get(name)
            field = InlineEdit(values.get(name, ""))
            field.setObjectName(f"value_{name}")
            example = example_of(placeholder) if placeholder else ""
            if example:
                field.setPlaceholderText(tr(f"例如：{example}", f"e.g. {example}"))
            field.returnPressed.connect(self._on_return)
            field.escaped.connect(self.cancelled)
            label = book_words(placeholder.label, placeholder.label_en) if placeholder else name
            if name in self._optional:
                label = tr(f"{label}（可不填）", f"{label} (optional)")
            form.addRow(QLabel(label), field)
            self.fields[name] = field
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch()
        cancel = QPushButton(cancel_text)
        cancel.setObjectName("cancelButton")
        cancel.clicked.connect(self.cancelled)
        submit = QPushButton(submit_text)
        submit.setObjectName("submitButton")
        submit.setDefault(True)
        submit.clicked.connect(self._on_submit)
        buttons.addWidget(cancel)
        buttons.addWidget(submit)
        layout.addLayout(buttons)

    @classmethod
    def to_copy(
        cls,
        names: Sequence[str],
        placeholders: Mapping[str, Placeholder],
        values: Mapping[str, str],
        optional: Collection[str] = (),
    ) -> ValuesForm:
        """The form shown in place when copying needs values: a card's, or a ticket note's."""
        return cls(
            [*names, *optional],
            placeholders,
            values,
            tr("保存并复制 Enter", "Save and copy Enter"),
            tr("取消 Esc", "Cancel Esc"),
            prompt=tr("填写后复制，并记住这些值。", "Fill in to copy; the values are remembered."),
            optional=optional,
        )

    def focus_first_empty(self) -> None:
        empty = [field for field in self.fields.values() if not field.text().strip()]
        target = empty[0] if empty else next(iter(self.fields.values()), None)
        if target is not None:
            target.setFocus()

    def values(self) -> dict[str, str]:
        return {name: field.text().strip() for name, field in self.fields.items()}

    def _ready(self) -> bool:
        values = self.values()
        if self._require_all:
            return all(value for name, value in values.items() if name not in self._optional)
        return any(values.values())

    def _on_return(self) -> None:
        """Enter moves to the next empty field after this one; on the last, it submits."""
        fields = list(self.fields.values())
        current = fields.index(self.sender()) if self.sender() in fields else len(fields) - 1
        later_empty = [field for field in fields[current + 1 :] if not field.text().strip()]
        if later_empty:
            later_empty[0].setFocus()
        else:
            self._on_submit()

    def _on_submit(self) -> None:
        if self._ready():
            self.submitted.emit(self.values())
        else:
            self.focus_first_empty()
            self.incomplete.emit(self.empty_required())

    def empty_required(self) -> list[str]:
        return [name for name, value in self.values().items() if not value and name not in self._optional]

    def refill(self, before: Mapping[str, str], now: Mapping[str, str]) -> None:
        """Values changed elsewhere (a department picked): the fields of those that changed show them."""
        for name, field in self.fields.items():
            if now.get(name, "") != before.get(name, ""):
                field.setText(now.get(name, ""))
        if not self.empty_required():  # all there: an optional part still empty simply drops
            for name in [name for name, value in self.values().items() if not value and name in self._optional]:
                row = self._rows.takeRow(self.fields.pop(name))  # deleted later: it may hold a key event
                for item in (row.labelItem, row.fieldItem):
                    if item is not None and item.widget() is not None:
                        item.widget().hide()
                        item.widget().deleteLater()

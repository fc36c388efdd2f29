"""The banner shown while the agent's personal file cannot be read: where it is wrong, that the
book still works, that own phrases are not saved, and the way out (both buttons reachable by keys).
It also lists, with their lines, own phrases held back for forbidden wording and what to say instead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from assist.core.personal import HeldBack
from assist.core.problems import Problem
from assist.ui.banner import Banner
from assist.ui.i18n import current, tr
from assist.ui.personal_file import NotSaved, PersonalFile

SHOWN_PROBLEMS = 3


def problem_line(problem: Problem) -> str:
    """One problem as the banner shows it under the file's path: its line and column, and what is
    wrong in the interface's language."""
    line, column, message = problem.position.line, problem.position.column, problem.message_in(current())
    return tr(f"第 {line} 行第 {column} 列：{message}", f"line {line}, column {column}: {message}")


class PersonalFileBanner(Banner):
    notice = Signal(str)  # a line for the status bar

    def __init__(self, personal: PersonalFile, parent: QWidget | None = None) -> None:
        super().__init__(
            "personalBanner", tr("隐藏（保存被拒时会再次出现）", "Hide; it shows again when a save is refused"), parent
        )
        self.personal = personal
        layout = self.body
        self.hint = QLabel()
        self.hint.setObjectName("bannerHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.afresh_button = QPushButton(tr("保留副本，重新开始(&K)", "&Keep a copy, start afresh"))
        self.afresh_button.setObjectName("submitButton")
        self.afresh_button.clicked.connect(self.keep_copy_and_start_afresh)
        self.recheck_button = QPushButton(tr("我已修正，重新读取(&R)", "I fixed it, &read again"))
        self.recheck_button.setObjectName("cancelButton")
        self.recheck_button.clicked.connect(self.read_again)
        buttons.addWidget(self.afresh_button)
        buttons.addWidget(self.recheck_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        personal.damage_changed.connect(self.show_problems)
        personal.refused.connect(lambda: self.show_problems(personal.problems))
        personal.held_back_changed.connect(lambda: self.show_problems(personal.problems))
        self.show_problems(personal.problems)

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        held = self.personal.held_back
        if not problems and not held:
            self.hide()
            return
        name = self.personal.store.path.name
        if problems:
            title = tr(
                f"我的用语文件 {name} 有误，暂不保存我的用语（以免覆盖其中内容）；用语库照常可用。",
                f"Your phrases file {name} has errors: own phrases are not saved (so as not to write "
                "over it) until it is fixed. The phrasebook works as usual.",
            )
        else:
            phrases = "1 phrase" if len(held) == 1 else f"{len(held)} phrases"
            title = tr(
                f"我的用语文件 {name} 中有 {len(held)} 句含禁语，不列出、不复制。",
                f"Your phrases file {name} has {phrases} with forbidden wording: not shown, never copied.",
            )
        self.title.setText(title)
        lines = [problem_line(problem) for problem in problems] + [held_back_line(entry) for entry in held]
        shown = [str(self.personal.store.path), *lines[:SHOWN_PROBLEMS]]
        if len(lines) > SHOWN_PROBLEMS:
            more = len(lines) - SHOWN_PROBLEMS
            shown.append(tr(f"… 另有 {more} 个问题", f"… {more} more"))
        self.details.setText("\n".join(shown))
        way_out = _way_out(name, len(self.personal.data.phrases) - len(held)) if problems else ""
        if held:
            way_out += tr(
                "请在文件中改正含禁语的用语，改正后自动重新读取。",
                " Correct the phrases with forbidden wording in the file; it is read again once changed.",
            )
        self.hint.setText(way_out.strip())
        self.afresh_button.setVisible(bool(problems))
        self.show()

    def keep_copy_and_start_afresh(self) -> None:
        try:
            kept = self.personal.keep_aside_and_start_afresh()
        except NotSaved as refused:
            self.notice.emit(str(refused))
            return
        if kept is None:
            return
        self.notice.emit(
            tr(f"✓ 已保留副本 {kept.name}，我的用语可以保存了", f"✓ Kept {kept.name}; own phrases save again")
        )

    def read_again(self) -> None:
        self.personal.recheck()
        if self.personal.damaged:
            self.notice.emit(tr("文件仍然有误", "The file still has errors"))
        else:
            self.notice.emit(tr("✓ 我的用语文件已恢复，可以保存了", "✓ Your phrases file reads whole; saving resumes"))


def held_back_line(entry: HeldBack) -> str:
    """An own phrase held back: its line and column, its forbidden wording and what to say instead."""
    where = entry.phrase.position
    findings = entry.findings
    if current() == "en":
        wording = ", ".join(f"“{f.match}” (say instead: {f.suggestion})" for f in findings)
        return f"line {where.line}, column {where.column}: “{entry.phrase.text}” holds forbidden wording {wording}"
    wording = "；".join(f"“{f.match}”，应说：{f.suggestion}" for f in findings)
    return f"第 {where.line} 行第 {where.column} 列：“{entry.phrase.text}”含禁语{wording}"


def _way_out(name: str, readable: int) -> str:
    """What still works and what the agent can do, for a file from which `readable` phrases were read."""
    if readable == 0:
        shown, start = "", tr("重新开始。", "start afresh.")
    elif readable == 1:
        shown = tr("能读出的 1 句照常显示。", "The 1 phrase that could be read is shown. ")
        start = tr("带着这 1 句重新开始。", "start afresh with it.")
    else:
        shown = tr(f"能读出的 {readable} 句照常显示。", f"The {readable} phrases that could be read are shown. ")
        start = tr(f"带着这 {readable} 句重新开始。", f"start afresh with these {readable}.")
    return shown + tr(
        f"修正文件后自动恢复保存；或保留副本（改名为 {name}.damaged-时间），{start}",
        f"Saving resumes once the file is fixed; or keep it aside (renamed {name}.damaged-<time>) and {start}",
    )

"""Every default key binding, declared once.

The window builds its actions from this table, the F1 cheat sheet lists it, and a test
checks that the README's keyboard table says the same. Qt-free on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

SITUATION_KEYS = tuple(f"Alt+{digit}" for digit in "1234567890")
COPY_KEYS = tuple(f"Ctrl+{digit}" for digit in "123456789")


@dataclass(frozen=True, slots=True)
class Binding:
    """An action and its keys. With several keys, the n-th key runs the action with argument n."""

    action: str
    keys: tuple[str, ...]
    description: str
    description_en: str

    @property
    def keys_label(self) -> str:
        """The keys as the README and the cheat sheet show them: `Alt+1` … `Alt+9`, `Alt+0`."""
        if len(self.keys) > 3 and self.keys[-1].endswith("0"):  # 1 … 9, then 0 as on the keyboard
            return f"{self.keys[0]} … {self.keys[-2]}, {self.keys[-1]}"
        if len(self.keys) > 3:
            return f"{self.keys[0]} … {self.keys[-1]}"
        return " / ".join(self.keys)


BINDINGS: tuple[Binding, ...] = (
    Binding("open_situation", SITUATION_KEYS, "打开第 1–10 个场景", "Open situation 1–10"),
    Binding(
        "copy_phrase",
        COPY_KEYS,
        "复制当前场景的第 1–9 句标准用语（搜索时：第 1–9 条结果）",
        "Copy phrase 1–9 of the shown situation (when searching: hit 1–9)",
    ),
    Binding("previous_card", ("Up",), "上一张卡片", "Select the previous card"),
    Binding("next_card", ("Down",), "下一张卡片", "Select the next card"),
    Binding(
        "activate_card",
        ("Return", "Enter"),
        "复制选中的卡片（禁语卡片复制应说的标准用语）；在场景列表中打开选中的场景",
        "Copy the selected card (a forbidden card copies what to say instead); "
        "in the situation list, open the selected situation",
    ),
    Binding(
        "back",
        ("Esc",),
        "返回场景列表（或关闭填写框、清空搜索）",
        "Back to the situation list (or close the open form, clear the search)",
    ),
    Binding(
        "focus_search",
        ("Ctrl+F", "/"),
        "搜索用语：中文、拼音、首字母或英文",
        "Search phrases: Chinese, pinyin, initials or English",
    ),
    Binding("toggle_draft", ("Ctrl+D",), "打开或关闭草稿检查", "Open or close the draft checker"),
    Binding("copy_draft", ("Ctrl+Return",), "复制草稿", "Copy the draft"),
    Binding("new_call", ("Ctrl+N",), "开始通话：计时、流程、三声", "Start a call: timer, call flow, the three voices"),
    Binding("end_call", ("Ctrl+E",), "结束通话，看漏了什么", "End the call and see what was missed"),
    Binding("next_step", ("Alt+Right",), "流程前进一步", "Mark the next step of the call flow"),
    Binding(
        "find_department",
        ("Ctrl+K",),
        "转错的来电：找部门（名称、业务或拼音）",
        "Misrouted call: find the department (name, service or pinyin)",
    ),
    Binding("toggle_hold", ("Ctrl+H",), "开始或结束等待计时", "Start or stop the hold timer"),
    Binding(
        "accept_suggestion",
        ("F4",),
        "实时转写：采纳建议（打开建议的场景，或应说的用语）",
        "Live transcript: take its suggestion (open the situation suggested, or what to say instead)",
    ),
    Binding("bigger_text", ("Ctrl++", "Ctrl+="), "放大字号", "Larger reading size"),
    Binding("smaller_text", ("Ctrl+-",), "缩小字号", "Smaller reading size"),
    Binding("always_on_top", ("Ctrl+T",), "总在最前（开/关）", "Keep the sidebar on top (on/off)"),
    Binding("dock_left", ("Ctrl+Shift+Left",), "停靠屏幕左侧", "Dock at the left edge of the screen"),
    Binding("dock_right", ("Ctrl+Shift+Right",), "停靠屏幕右侧", "Dock at the right edge of the screen"),
    Binding("toggle_glosses", ("Ctrl+G",), "显示或隐藏英文释义", "Show or hide the English glosses"),
    Binding("show_settings", ("Ctrl+,",), "设置：我的资料、等待提醒", "Settings: my details, hold reminder"),
    Binding(
        "show_guidance",
        ("F2",),
        "服务规范总则（流程、三声、礼貌用语）",
        "General guidance: call flow, three voices, courtesy words",
    ),
    Binding(
        "refresh_phrasebook",
        ("F5",),
        "立即更新本中心用语库（网址：马上下载；文件：重新读取）",
        "Update the centre's phrasebook now (a URL: download it; a file: read it again)",
    ),
    Binding(
        "open_menu",
        ("F10",),
        "菜单：显示/隐藏、场景、窗口、主题、设置、退出",
        "Menu: show/hide, situations, window, theme, settings, quit",
    ),
    Binding("show_keys", ("F1",), "快捷键一览", "Cheat sheet of every key binding"),
)


def effective(overrides: dict[str, str]) -> tuple[Binding, ...]:
    """The bindings with the agent's changes: `overrides` maps an action to its one new key.

    Only actions with a single key can be rebound; the numbered ones (Alt+1 … Alt+0) keep theirs.
    """
    return tuple(
        Binding(entry.action, (overrides[entry.action],), entry.description, entry.description_en)
        if entry.action in overrides and len(entry.keys) <= 2
        else entry
        for entry in BINDINGS
    )


def conflict(action: str, key: str, overrides: dict[str, str]) -> str | None:
    """The action that already uses `key` (normalised by the caller), if another one does."""
    for entry in effective(overrides):
        if entry.action != action and key.lower() in (existing.lower() for existing in entry.keys):
            return entry.action
    return None


def binding(action: str) -> Binding:
    return next(entry for entry in BINDINGS if entry.action == action)


def markdown_table() -> str:
    """The README's keyboard table, generated from `BINDINGS` (`python -m assist.ui.keymap`)."""
    rows = ["| Keys | Action |", "|---|---|"]
    for entry in BINDINGS:
        keys = entry.keys_label.replace(" … ", "` … `").replace(", ", "`, `").replace(" / ", "` / `")
        rows.append(f"| `{keys}` | {entry.description_en} |")
    return "\n".join(rows)


def update_readme(path: str = "README.md") -> None:
    """Write the table into the README's "## Keyboard" section (`python -m assist.ui.keymap --update`)."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    start = text.index("## Keyboard\n\n") + len("## Keyboard\n\n")
    end = text.index("\n\n", text.index("| Keys | Action |", start) + 1)
    while text[end + 2 : end + 3] == "|":  # the table ends at the first blank line after its rows
        end = text.index("\n\n", end + 2)
    readme.write_text(text[:start] + markdown_table() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    import sys

    if "--update" in sys.argv:
        update_readme()
    else:
        print(markdown_table())

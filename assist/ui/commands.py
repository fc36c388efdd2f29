"""Every command of the sidebar, declared once (Qt-free).

Each command has an id, a label in both languages, its default keys and the menu group it shows in.
From this table are built: the key bindings (rebinding included, see keymap.py), the QActions and the
☰ / tray / F10 menu with the keys in force (command_runner.py, app_menu.py), the F1 sheet, the
README's key table and the commands another `assist` process may send through the socket.
"""

from __future__ import annotations

from dataclasses import dataclass

SITUATION_KEYS = tuple(f"Alt+{digit}" for digit in "1234567890")
COPY_KEYS = tuple(f"Ctrl+{digit}" for digit in "123456789")


@dataclass(frozen=True, slots=True)
class Command:
    """A command. With several keys, the n-th key runs it with {"index": n}.

    `menu` names the menu group it is listed in ("" for none); `short` / `short_en` is its menu label.
    `in_fields`: its keys run it even while the cursor is in a text field (fields keep Ctrl+Z).
    """

    id: str
    label: str
    label_en: str
    keys: tuple[str, ...] = ()
    menu: str = ""
    short: str = ""
    short_en: str = ""
    in_fields: bool = True

    @property
    def keys_label(self) -> str:
        return keys_label(self.keys)


def keys_label(keys: tuple[str, ...], either: str = "or") -> str:
    """Keys as the README and the cheat sheet show them: `Alt+1` … `Alt+9`, `Alt+0`; alternatives
    joined by a word (`either`: "or", 或), never by a slash, which is itself a key (`Ctrl+F or /`)."""
    if len(keys) > 3 and keys[-1].endswith("0"):  # 1 … 9, then 0 as on the keyboard
        return f"{keys[0]} … {keys[-2]}, {keys[-1]}"
    if len(keys) > 3:
        return f"{keys[0]} … {keys[-1]}"
    return f" {either} ".join(keys)


C = Command
COMMANDS: tuple[Command, ...] = (
    C(
        "open_situation",
        "打开第 1–10 个场景",
        "Open situation 1–10",
        SITUATION_KEYS,
        "situations",
        "场景",
        "Situations",
    ),
    C(
        "copy_phrase",
        "复制当前场景的第 1–9 句标准用语（搜索时：第 1–9 条结果）",
        "Copy phrase 1–9 of the shown situation (when searching: hit 1–9)",
        COPY_KEYS,
    ),
    C("previous_card", "上一张卡片", "Select the previous card", ("Up",)),
    C(
        "next_card",
        "下一张卡片（在场景列表中可到“最近复制”）",
        "Select the next card (on the list: on to the recent phrases)",
        ("Down",),
    ),
    C(
        "activate_card",
        "复制选中的卡片（禁语卡片复制应说的标准用语）；在场景列表中打开选中的场景",
        "Copy the selected card (a forbidden card copies what to say instead); "
        "in the situation list, open the selected situation",
        ("Return", "Enter"),
    ),
    C(
        "back",
        "返回场景列表（或关闭填写框、清空搜索）",
        "Back to the situation list (or close the open form, clear the search)",
        ("Esc",),
    ),
    C(
        "focus_search",
        "搜索用语：中文、拼音、首字母或英文",
        "Search phrases: Chinese, pinyin, initials or English",
        ("Ctrl+F", "/"),
    ),
    C(
        "toggle_draft",
        "打开或关闭草稿检查",
        "Open or close the draft checker",
        ("Ctrl+D",),
        "phrases",
        "草稿检查",
        "Draft check",
    ),
    C("copy_draft", "复制草稿", "Copy the draft", ("Ctrl+Return",)),
    C(
        "new_call",
        "开始通话：计时、流程、三声",
        "Start a call: timer, call flow, the three voices",
        ("Ctrl+N",),
        "call",
        "开始通话",
        "Start a call",
    ),
    C(
        "end_call",
        "结束通话，看漏了什么",
        "End the call and see what was missed",
        ("Ctrl+E",),
        "call",
        "结束通话",
        "End the call",
    ),
    C("next_step", "流程前进一步", "Mark the next step of the call flow", ("Alt+Right",)),
    C(
        "find_department",
        "转错的来电：找部门（名称、业务或拼音）",
        "Misrouted call: find the department (name, service or pinyin)",
        ("Ctrl+K",),
        "call",
        "找部门",
        "Find a department",
    ),
    C(
        "toggle_hold",
        "开始或结束等待计时",
        "Start or stop the hold timer",
        ("Ctrl+H",),
        "call",
        "等待计时",
        "Hold timer",
    ),
    C(
        "accept_suggestion",
        "实时转写：采纳建议（打开建议的场景，或应说的用语）",
        "Live transcript: take its suggestion (open the situation suggested, or what to say instead)",
        ("F4",),
        "call",
        "采纳实时建议",
        "Take the live suggestion",
    ),
    C(
        "undo",
        "撤销刚才的删除",
        "Undo the last removal",
        ("Ctrl+Z",),
        "phrases",
        "撤销删除",
        "Undo removal",
        in_fields=False,
    ),
    C("bigger_text", "放大字号", "Larger reading size", ("Ctrl++", "Ctrl+="), "view", "放大字号", "Larger text"),
    C("smaller_text", "缩小字号", "Smaller reading size", ("Ctrl+-",), "view", "缩小字号", "Smaller text"),
    C(
        "always_on_top",
        "总在最前（开/关）",
        "Keep the sidebar on top (on/off)",
        ("Ctrl+T",),
        "window",
        "总在最前",
        "Always on top",
    ),
    C(
        "dock_left",
        "停靠屏幕左侧",
        "Dock at the left edge of the screen",
        ("Ctrl+Shift+Left",),
        "window",
        "停靠左侧",
        "Dock left",
    ),
    C(
        "dock_right",
        "停靠屏幕右侧",
        "Dock at the right edge of the screen",
        ("Ctrl+Shift+Right",),
        "window",
        "停靠右侧",
        "Dock right",
    ),
    C(
        "toggle_glosses",
        "显示或隐藏英文释义",
        "Show or hide the English glosses",
        ("Ctrl+G",),
        "view",
        "英文释义",
        "English glosses",
    ),
    C(
        "show_settings",
        "设置：我的资料、等待提醒",
        "Settings: my details, hold reminder",
        ("Ctrl+,",),
        "app",
        "设置…",
        "Settings…",
    ),
    C(
        "show_guidance",
        "服务规范总则（流程、三声、礼貌用语）",
        "General guidance: call flow, three voices, courtesy words",
        ("F2",),
        "app",
        "服务规范总则",
        "General guidance",
    ),
    C(
        "refresh_phrasebook",
        "立即更新本中心用语库（网址：马上下载；文件：重新读取）",
        "Update the centre's phrasebook now (a URL: download it; a file: read it again)",
        ("F5",),
        "app",
        "立即更新用语库",
        "Update phrasebook now",
    ),
    C(
        "open_menu",
        "菜单：显示/隐藏、场景、窗口、主题、设置、退出",
        "Menu: show/hide, situations, window, theme, settings, quit",
        ("F10",),
    ),
    C("show_keys", "快捷键一览", "Cheat sheet of every key binding", ("F1",), "app", "快捷键", "Keyboard"),
    # Without keys: from the menu, the tray and `assist show|hide|toggle|copy`.
    C("toggle", "显示或隐藏侧栏", "Show the sidebar, or hide it when it is in front", menu="top"),
    C("set_theme", "主题", "Theme", menu="view", short="主题", short_en="Theme"),
    C(
        "show_problems",
        "用语库问题",
        "Phrasebook problems",
        menu="app",
        short="用语库问题…",
        short_en="Phrasebook problems…",
    ),
    C("quit", "退出", "Quit", menu="quit", short="退出", short_en="Quit"),
    C("show", "显示侧栏（可打开一个场景）", "Show the sidebar (on a situation, if given)"),
    C("hide", "隐藏侧栏", "Hide the sidebar"),
    C("copy", "复制某场景的第 n 句", "Copy phrase n of a situation"),
    C("ping", "是否在运行", "Is the sidebar running"),
    # From `assist feed`: what the centre's speech recognition heard, and the end of its input.
    C("utterance", "实时转写：一句话（assist feed）", "Live transcript: an utterance (assist feed)"),
    C("call-ended", "实时转写：通话结束（assist feed）", "Live transcript: the call ended (assist feed)"),
)
del C

MENU_GROUPS = ("top", "situations", "call", "phrases", "window", "view", "app", "quit")


def command(command_id: str) -> Command:
    return next(entry for entry in COMMANDS if entry.id == command_id)


def keyed() -> tuple[Command, ...]:
    """The commands that have keys: the F1 sheet and the README table list these."""
    return tuple(entry for entry in COMMANDS if entry.keys)


def markdown_table() -> str:
    """The README's keyboard table (`python -m assist.ui.commands`, `--update` writes it into README.md)."""
    rows = ["| Keys | Action |", "|---|---|"]
    for entry in keyed():
        keys = entry.keys_label.replace(" … ", "` … `").replace(", ", "`, `").replace(" or ", "` or `")
        rows.append(f"| `{keys}` | {entry.label_en} |")
    return "\n".join(rows)


def update_readme(path: str = "README.md") -> None:
    """Write the table into the README's "## Keyboard" section."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    start = text.index("## Keyboard\n\n") + len("## Keyboard\n\n")
    end = text.index("\n\n", text.index("| Keys | Action |", start) + 1)
    readme.write_text(text[:start] + markdown_table() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    import sys

    if "--update" in sys.argv:
        update_readme()
    else:
        print(markdown_table())

"""One command table: the keys, the F1 sheet, the menu, the README and the socket all come from it.
And the shape the issue asked for: no import circle in assist/, no file over about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMenu

from assist.ui.app_menu import SidebarMenu
from assist.ui.commands import COMMANDS, keyed, keys_label, markdown_table
from tests.helpers import ROOT
from tests.ui_fixtures import press

ASSIST = ROOT / "assist"
MAX_LINES = 400


def menu_entries(menu: QMenu) -> dict[str, str]:
    """Every entry of the menu and its submenus: object name → text."""
    entries = {}
    for action in menu.actions():
        if action.menu() is not None:
            entries.update(menu_entries(action.menu()))
        elif action.objectName():
            entries[action.objectName()] = action.text()
    return entries


def test_f1_sheet_and_readme_list_the_same_commands_and_keys(qtbot, window):
    press(qtbot, window, "Esc")
    press(qtbot, window, "F1")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.keys_page)
    shown = [label.text() for label in window.keys_page.findChildren(QLabel)]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme
    for entry in keyed():
        assert keys_label(entry.keys, "或") in shown  # Chinese interface
        assert entry.label in shown  # Chinese interface
        assert f"| {entry.label_en} |" in markdown_table()


def test_the_menu_is_built_from_the_table_and_shows_the_keys_in_force(qtbot, window):
    menu = SidebarMenu(window.runner, window.situation_titles)
    entries = menu_entries(menu)
    in_menu = {entry.id for entry in COMMANDS if entry.menu} - {"open_situation", "set_theme"}  # submenus
    assert set(entries) == {f"menu_{command_id}" for command_id in in_menu}
    assert entries["menu_always_on_top"].endswith("\tCtrl+T")
    assert window.rebind("always_on_top", "Ctrl+J") is None
    menu.rebuild()
    assert menu_entries(menu)["menu_always_on_top"].endswith("\tCtrl+J")  # the key in force, not the default
    situations = next(action.menu() for action in menu.actions() if action.menu() and action.text() == "场景")
    assert situations.actions()[4].text().endswith("\tAlt+5")


def test_a_menu_entry_runs_the_same_command_as_its_key(qtbot, window, settings):
    menu = SidebarMenu(window.runner, window.situation_titles)
    dock_left = next(action for action in menu.actions() if action.objectName() == "menu_dock_left")
    dock_left.trigger()
    assert settings.get("window/dock") == "left"
    press(qtbot, window, "Ctrl+Shift+Right")
    assert settings.get("window/dock") == "right"


def test_the_socket_commands_are_the_table_commands(window, settings):
    assert set(window.runner.handlers) == {entry.id for entry in COMMANDS}
    refused = window.handle_command({"command": "reboot"})
    assert refused["ok"] is False and "dock_left" in refused["error"]
    assert window.handle_command({"command": "dock_left"}) == {"ok": True}
    assert settings.get("window/dock") == "left"
    assert window.handle_command({"command": "copy", "situation": "hold", "number": 1})["ok"]
    assert window.handle_command({"command": "ping"}) == {"ok": True}


def _module_imports(path: Path) -> set[str]:
    """The assist modules `path` imports, outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names if alias.name.startswith("assist"))
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("assist"):
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return found


def test_no_import_circle_in_assist():
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in ASSIST.rglob("*.py")
    }
    graph = {name: {m for m in _module_imports(path) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for imported in sorted(graph[name]):
            assert state.get(imported) != 1, "import circle: " + " → ".join([*trail, name, imported])
            if imported not in state:
                visit(imported, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_no_file_in_assist_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in ASSIST.rglob("*.py")
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}

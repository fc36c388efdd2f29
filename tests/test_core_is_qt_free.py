"""The core is Qt-free: no module under assist/core imports Qt, at any level, and the commands that
work without a display (check, search, lint) load no Qt module when they run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
CORE = ROOT / "assist" / "core"


def qt_imports(path: Path) -> list[str]:
    """Every Qt import in a module's source, wherever it stands (top level, function, TYPE_CHECKING)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "import_module",
            "__import__",
        ):
            names = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        else:
            continue
        found += [f"{path.relative_to(ROOT)}:{node.lineno} {name}" for name in names if name.startswith(QT_PACKAGES)]
    return found


def test_no_core_module_imports_qt():
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 10  # the scan sees the core
    offenders = [line for module in modules for line in qt_imports(module)]
    assert offenders == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    module = ROOT / "assist" / "core" / "__scan_probe__.py"
    module.write_text("def f():\n    from PySide6 import QtCore\n    import shiboken6.Shiboken\n")
    try:
        assert [line.split()[-1] for line in qt_imports(module)] == ["PySide6", "shiboken6.Shiboken"]
    finally:
        module.unlink()


def test_every_core_module_and_the_display_free_commands_load_no_qt():
    code = (
        "import sys, pkgutil, importlib, assist.core, assist.cli\n"
        "for info in pkgutil.walk_packages(assist.core.__path__, 'assist.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "assist.cli.main(['check'])\n"
        "assist.cli.main(['search', 'qsd'])\n"
        "assist.cli.main(['lint', '-'])\n"
        "print(sorted(name for name in sys.modules if name.startswith(('PySide6', 'shiboken'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input="坐席：等一会！\n", capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr

import subprocess
import sys


def test_core_and_cli_check_import_no_qt():
    code = (
        "import sys, assist, assist.cli\n"
        "import assist.core.loader, assist.core.templates, assist.core.search, assist.core.checker\n"
        "import assist.core.lint, assist.core.pinyin\n"
        "assist.cli.main(['check'])\n"
        "assist.cli.main(['search', 'qsd'])\n"
        "print(sorted(name for name in sys.modules if name.startswith(('PySide6', 'shiboken'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"

"""`assist check`: exit 0 valid, 1 with path:line:col lines, 2 for usage errors."""

import subprocess
import sys

from assist.cli import main
from tests.helpers import ROOT


def test_check_builtin_book(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "96128.yaml: ok: 10 situations" in out


def test_check_minimal_and_default_together(capsys):
    assert main(["check", str(ROOT / "phrasebook/examples/minimal.yaml"), str(ROOT / "phrasebook/96128.yaml")]) == 0


def test_problems_one_line_each(write_book, capsys):
    path = write_book("name: x\nsituations:\n  - id: Bad Id\n    title: t\n    phrases: []\n    colour: red\n")
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        f"{path}:3:9: id 'Bad Id' must be lower-case letters, digits, '-' and '_', starting with a letter",
        f"{path}:5:14: situation 'Bad Id' phrases is empty; it needs at least one entry",
        f"{path}:6:5: unknown key 'colour' in situation 'Bad Id'; known keys: id, title, phrases, title_en, "
        "keywords, forbidden, conduct, subjects, note, helper, ticket_note",
    ]


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: no such file" in capsys.readouterr().err


def test_exit_codes_and_no_traceback_from_the_command(write_book):
    broken = write_book("name: !!python/object/apply:os.system ['echo hacked']\nsituations: []\n")
    for args, expected in ((["check"], 0), (["check", str(broken)], 1), (["check", "--bogus"], 2)):
        result = subprocess.run([sys.executable, "-m", "assist", *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == expected, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert "hacked" not in result.stdout


def test_help_describes_the_product():
    result = subprocess.run([sys.executable, "-m", "assist", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "sidebar" in result.stdout and "check" in result.stdout


def test_a_broken_optional_part_is_named_with_its_line(write_book, capsys):
    path = write_book(
        "name: x\nplaceholders:\n  ext: {label: 分机号}\nsituations:\n  - id: a\n    title: t\n"
        "    phrases:\n      - text: 请拨打总机[转{ext}查询\n"
    )
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.strip() == (
        f"{path}:8:15: '[' at character 6 is never closed; end the optional part with ']'"
    )

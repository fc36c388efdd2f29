"""Under CI a test that skips fails instead; elsewhere it skips as usual."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import ROOT

SKIPPING = """
import shutil
import pytest

@pytest.mark.skipif(True, reason="needs a tool")
def test_marked():
    pass

def test_imperative():
    pytest.skip("needs Xvfb")

def test_importorskip():
    pytest.importorskip("no_such_module_here")

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False
"""


def run_inner(tmp_path, ci: str | None) -> str:
    (tmp_path / "test_inner.py").write_text(SKIPPING)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.ci_no_skips", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def test_skips_fail_under_ci(tmp_path):
    # a skip in set-up (the marker) shows as an error, a skip in the test as a failure
    assert run_inner(tmp_path, "true").startswith("2 failed, 1 xfailed, 1 error")


def test_skips_skip_elsewhere(tmp_path):
    assert run_inner(tmp_path, None).startswith("3 skipped, 1 xfailed")

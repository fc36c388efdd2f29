"""The Debian package for the hotline's Linux desktops: built from the PyInstaller folder by
scripts/build-deb, clean under lintian, its dependencies installable, and the program unpacked from
it runs without Python: check, search, and the sidebar on Xvfb copying a phrase."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, zh
from tests.packaged import standalone
from tests.x11 import clipboard, isolated_env, needs_x11, press, running_sidebar, wait_for

# The warnings lintian may still give, each explained in the README (Debian package).
EXPLAINED_WARNINGS = {"hardening-no-pie", "shared-library-lacks-prerequisites"}


@pytest.fixture(scope="module")
def deb(package, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run(
        [str(ROOT / "scripts" / "build-deb"), str(package.parent), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("assist_*_*.deb")
    return built


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True, timeout=300)
    return root


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()


def test_the_package_metadata(deb):
    version = next(
        line.split('"')[1] for line in (ROOT / "pyproject.toml").read_text().splitlines() if line.startswith("version")
    )
    assert deb.name == f"assist_{version}_amd64.deb"
    assert field(deb, "Package") == "assist" and field(deb, "Version") == version
    depends = {item.strip() for item in field(deb, "Depends").split(",")}
    runtime = {
        line.strip() for line in (ROOT / "scripts" / "runtime-packages").read_text().splitlines() if line[:1] not in "#"
    }
    assert runtime <= depends and "fonts-noto-cjk" in depends and "libc6" in depends
    assert field(deb, "Description").startswith("sidebar of the 96128")


def test_the_files_go_to_their_standard_places(unpacked):
    assert os.readlink(unpacked / "usr" / "bin" / "assist") == "/opt/assist/assist"
    assert os.access(unpacked / "opt" / "assist" / "assist", os.X_OK)
    assert (unpacked / "usr" / "share" / "applications" / "assist.desktop").is_file()
    assert (unpacked / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "assist.svg").is_file()
    assert (unpacked / "usr" / "share" / "man" / "man1" / "assist.1.gz").is_file()
    autostart = (unpacked / "etc" / "xdg" / "autostart" / "assist.desktop").read_text(encoding="utf-8")
    assert "Exec=assist --autostart" in autostart.splitlines()
    bundled = {path.name for path in (unpacked / "opt" / "assist" / "_internal").glob("*.so*")}
    assert "libz.so.1" not in bundled and "libpython3.11.so.1.0" in bundled  # system libraries come from Debian


def test_lintian_finds_no_error_and_only_explained_warnings(deb):
    result = subprocess.run(
        ["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True, timeout=900
    )
    tags = [line.split()[2] for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], result.stdout
    assert set(tags) <= EXPLAINED_WARNINGS, result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(tag in readme for tag in EXPLAINED_WARNINGS)


def test_apt_can_install_it_with_its_dependencies(deb):
    result = subprocess.run(
        ["apt-get", "install", "--simulate", "--no-install-recommends", str(deb)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Inst assist" in result.stdout


def test_the_unpacked_program_checks_and_searches_without_python(unpacked, tmp_path):
    program = unpacked / "opt" / "assist" / "assist"
    env = standalone(dict(os.environ))
    check = subprocess.run([program, "check"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0 and "10 situations" in check.stdout, check.stderr
    search = subprocess.run([program, "search", "qsd"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert search.returncode == 0 and zh("请稍等,我帮您查一下。") in search.stdout.splitlines()[0]


def test_autostart_opens_nothing_unless_the_setting_is_on(unpacked, tmp_path):
    program = unpacked / "opt" / "assist" / "assist"
    env = {**standalone(dict(os.environ)), "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    started = subprocess.run([program, "--autostart"], env=env, capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and started.stdout == ""


@needs_x11
def test_the_unpacked_sidebar_copies_a_phrase(unpacked, display, tmp_path):
    program = unpacked / "opt" / "assist" / "assist"
    env = standalone(isolated_env(display, tmp_path))
    with running_sidebar([str(program)], env, tmp_path / "assist.log") as sidebar:
        press(sidebar, "alt+5 ctrl+1")
        wait_for(lambda: clipboard(sidebar) == zh("请稍等,我帮您查一下。"), 20, "the phrase on the clipboard")

"""The freedesktop files Eider ships pass the desktop's own validators, and the icons exist."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core import resources

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="freedesktop files")


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install the Debian package {package} (bootstrap.sh does)"
    return path


def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(resources.desktop_file())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        [tool("appstreamcli", "appstream"), "validate", "--no-net", str(resources.metainfo_file())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_entry_claims_the_mime_types_the_mime_file_defines() -> None:
    entry = resources.desktop_file().read_text("utf-8")
    [line] = [x for x in entry.splitlines() if x.startswith("MimeType=")]
    claimed = {t for t in line.removeprefix("MimeType=").split(";") if t}
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(resources.mime_file()).getroot()  # noqa: S314 -- our own file
    defined = {node.get("type") for node in root.findall("m:mime-type", namespace)}
    globs = {g.get("pattern") for g in root.iter(f"{{{namespace['m']}}}glob")}
    assert claimed == defined
    assert defined == {"application/x-cyberduck-profile", "application/x-cyberduck-bookmark"}
    assert globs == {"*.cyberduckprofile", "*.profile", "*.duck"}


def test_every_icon_size_is_a_png_of_that_size() -> None:
    for size in resources.ICON_SIZES:
        data = resources.app_icon_png(size).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)


def test_ui_icons_cover_every_kind_the_views_need() -> None:
    names = set(resources.ui_icon_names())
    for name in (
        "bucket",
        "folder",
        "file",
        "file-image",
        "encryption-sse-c",
        "encryption-sse-kms",
        "transfer-running",
        "transfer-failed",
        "action-upload",
        "action-refresh",
    ):
        assert name in names
    assert resources.ui_icon_path("bucket").read_text("utf-8").startswith("<svg")


def test_a_missing_resource_is_named() -> None:
    with pytest.raises(resources.ResourceMissing, match=r"icons/ui/no-such-icon\.svg"):
        resources.ui_icon_path("no-such-icon")


def test_the_metainfo_names_the_licence_the_package_and_the_license_file_give() -> None:
    root = Path(__file__).resolve().parents[3]
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    metainfo = ET.parse(resources.metainfo_file()).getroot()  # noqa: S314 -- our own file
    assert metainfo.findtext("project_license") == project["license"] == "MIT"
    assert metainfo.findtext("id") == resources.APP_ID
    assert (root / "LICENSE").read_text("utf-8").startswith("MIT License\n")
    assert project["license-files"] == ["LICENSE"]

"""The single-instance socket's place: private to the user, refused when it is not."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from app.core import instance_socket
from app.core.instance_socket import UnsafeInstanceSocket

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and modes")


def test_the_folder_is_made_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    path = instance_socket.socket_path()
    assert path.parent == runtime / "eider"
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    assert path.name.startswith("instance-") and path.suffix == ".sock"


def test_each_eider_home_has_its_own_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    first = instance_socket.socket_path()
    monkeypatch.setenv("EIDER_HOME", str(tmp_path / "other-home"))
    assert instance_socket.socket_path() != first


def test_without_a_runtime_folder_a_uid_folder_in_tmp_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(instance_socket.tempfile, "tempdir", None)
    assert instance_socket.runtime_folder() == tmp_path / f"eider-{os.getuid()}"


def test_a_folder_open_to_others_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "eider"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with pytest.raises(UnsafeInstanceSocket, match="open to other users"):
        instance_socket.private_folder(folder)


def test_a_link_instead_of_the_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp_path / "eider").symlink_to(target)
    with pytest.raises(UnsafeInstanceSocket, match="not a folder"):
        instance_socket.private_folder(tmp_path / "eider")


def test_a_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "eider"
    folder.mkdir(mode=0o700)
    # Stands in for another user's folder: this process pretends to be a different uid.
    monkeypatch.setattr(instance_socket.os, "getuid", lambda: folder.stat().st_uid + 1)
    with pytest.raises(UnsafeInstanceSocket, match="belongs to another user"):
        instance_socket.private_folder(folder)


def test_a_socket_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "instance.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    try:
        assert instance_socket.check_socket_owner(path) is True
        monkeypatch.setattr(instance_socket.os, "getuid", lambda: path.lstat().st_uid + 1)
        with pytest.raises(UnsafeInstanceSocket, match="belongs to another user"):
            instance_socket.check_socket_owner(path)
    finally:
        server.close()


def test_a_plain_file_in_the_socket_s_place_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "instance.sock"
    path.write_text("not a socket")
    with pytest.raises(UnsafeInstanceSocket, match="not a socket"):
        instance_socket.check_socket_owner(path)
    assert path.read_text() == "not a socket"
    assert instance_socket.check_socket_owner(tmp_path / "missing.sock") is False

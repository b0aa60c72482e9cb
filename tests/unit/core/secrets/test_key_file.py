"""The sandbox's kind of secret: a user-only file, refused when others could read it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.core.errors import describe
from app.core.secrets.errors import KeyFileUnsafe
from app.core.secrets.key_file import read_key_file, write_key_file


def test_written_user_only_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "sandbox" / "keys" / "secret-key"
    assert read_key_file(path) is None
    write_key_file(path, "s3cr3t")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert read_key_file(path) == "s3cr3t"


def test_a_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret-key"
    write_key_file(path, "s3cr3t")
    path.chmod(0o644)
    with pytest.raises(KeyFileUnsafe) as caught:
        read_key_file(path)
    words = str(describe(caught.value))
    assert f"chmod 600 {path}" in words and "s3cr3t" not in words


def test_a_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("s3cr3t")
    target.chmod(0o600)
    link = tmp_path / "secret-key"
    link.symlink_to(target)
    with pytest.raises(KeyFileUnsafe, match="not a plain file"):
        read_key_file(link)

"""Downloads never write through a symlink planted in the target folder; Eider's folders, the
journal, the log and partial downloads are readable by this user only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.log_file import log_path
from app.cli.main import main
from app.core import paths
from app.core.private_files import finished_file_mode
from app.core.transfers.journal import default_path
from tests.fixtures.hostile_s3 import HostileS3, Stored, bucket_script
from tests.fixtures.servers import RunningS3

PRECIOUS = b"precious bytes outside the download folder"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX symlinks and file modes")


@pytest.fixture
def env(seaweed: RunningS3, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", seaweed.endpoint_url)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    yield


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "victim"
    path.write_bytes(PRECIOUS)
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_symlink_at_the_target_name_is_replaced_not_followed(
    capsys, env, seaweed_admin, bucket: str, tmp_path: Path, victim: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="f.txt", Body=b"from the bucket")
    target = tmp_path / "target"
    target.mkdir()
    (target / "f.txt").symlink_to(victim)
    code = main(["cp", "-q", "--recursive", f"s3://{bucket}/", str(target)])
    _, err = capsys.readouterr()
    assert victim.read_bytes() == PRECIOUS
    assert code in (0, 1), err
    if code == 0:  # written: the link itself was replaced by a regular file
        assert not (target / "f.txt").is_symlink()
        assert (target / "f.txt").read_bytes() == b"from the bucket"
    else:  # or refused, in words
        assert "symbolic link" in err


def test_a_symlink_at_the_partial_name_is_refused(
    capsys, env, seaweed_admin, bucket: str, tmp_path: Path, victim: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="f.txt", Body=b"from the bucket")
    target = tmp_path / "target"
    target.mkdir()
    (target / "f.txt.eider-partial").symlink_to(victim)
    code = main(["cp", "-q", f"s3://{bucket}/f.txt", str(target / "f.txt")])
    _, err = capsys.readouterr()
    assert code == 1
    assert victim.read_bytes() == PRECIOUS
    assert "is a symbolic link" in err and "Nothing was written" in err
    assert not (target / "f.txt").exists()


def test_a_symlinked_parent_folder_is_refused(
    capsys, env, seaweed_admin, bucket: str, tmp_path: Path, victim: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="sub/victim", Body=b"overwrite?")
    seaweed_admin.put_object(Bucket=bucket, Key="sub/new", Body=b"new file?")
    seaweed_admin.put_object(Bucket=bucket, Key="ok", Body=b"fine")
    target = tmp_path / "target"
    target.mkdir()
    (target / "sub").symlink_to(victim.parent, target_is_directory=True)
    code = main(["cp", "-q", "--recursive", f"s3://{bucket}/", str(target)])
    _, err = capsys.readouterr()
    assert code == 1
    assert victim.read_bytes() == PRECIOUS
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim"]
    assert "outside the download folder" in err
    assert (target / "ok").read_bytes() == b"fine"  # the rest of the job went ahead


def test_eider_folders_journal_and_log_are_user_only(
    capsys, env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="f", Body=b"x")
    assert main(["cp", "-q", f"s3://{bucket}/f", str(tmp_path / "f")]) == 0
    capsys.readouterr()
    for folder in (paths.config_dir(), paths.state_dir(), paths.cache_dir(), paths.log_dir()):
        assert _mode(folder) == 0o700, folder
    journal = default_path()
    assert journal.exists() and _mode(journal) == 0o600
    for extra in journal.parent.glob(journal.name + "-*"):  # -wal, -shm
        assert _mode(extra) == 0o600, extra
    # A finished download is an ordinary file: the user's umask decides.
    assert _mode(tmp_path / "f") == finished_file_mode()


def test_folders_left_open_by_an_older_eider_are_tightened(tmp_path: Path) -> None:
    home = Path(os.environ["EIDER_HOME"])
    (home / "state").mkdir(parents=True)
    os.chmod(home / "state", 0o755)  # noqa: PTH101, S103  (as an older Eider left it)
    journal = home / "state" / "transfers.sqlite3"
    journal.touch()
    os.chmod(journal, 0o644)  # noqa: PTH101
    from app.core.transfers.journal import Journal

    Journal().close()
    assert _mode(home / "state") == 0o700
    assert _mode(journal) == 0o600


def test_a_partial_download_and_the_log_are_user_only(capsys, tmp_path: Path, monkeypatch) -> None:
    """The hostile server's lying ETag fails the check; the bytes kept for a retry stay private."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIA0000")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    lie = '"00000000000000000000000000000000"'
    objects = {"d": Stored(b"bytes that fail their check", etag=lie)}
    with HostileS3(bucket_script("b", objects)) as server:
        code = main(["cp", "-q", "--endpoint-url", server.url, "s3://b/d", str(tmp_path / "d")])
    capsys.readouterr()
    assert code == 1
    partial = tmp_path / "d.eider-partial"
    assert partial.exists() and not (tmp_path / "d").exists()
    assert _mode(partial) == 0o600
    assert log_path().exists() and _mode(log_path()) == 0o600  # the failure was logged

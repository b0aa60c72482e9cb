"""`eider edit --with` a stand-in editor, against SeaweedFS: each save uploaded with the
object's properties kept; a server change in between asks (answered each of three ways);
a killed Eider leaves the private copy, which the next run continues and uploads."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path
from typing import Any

from app.cli.main import main
from app.core import paths
from app.core.edit.record import OpenEdit
from app.core.edit.store import EditStore
from app.core.transfers.integrity import CRC_META
from tests.cli.conftest import ROOT, _child_env
from tests.fixtures.edit_child import EIDER_EDIT, kill_eider_mid_edit, poll, standin_editor
from tests.unit.core.edit.conftest import METADATA, TAGS, put_described, tags_of


def _body(admin: Any, bucket: str, key: str) -> bytes:
    data: bytes = admin.get_object(Bucket=bucket, Key=key)["Body"].read()
    return data


def test_each_save_is_uploaded_and_the_object_keeps_its_properties(
    capsys, aws_env, seaweed_admin, bucket: str
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    editor = standin_editor("--pause", "1.5", "first save", "second save")
    code = main(["edit", f"s3://{bucket}/notes.md", "--with", editor, "--settle", "0.3"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count(f"Uploaded s3://{bucket}/notes.md") == 2  # each save, not just the last
    assert _body(seaweed_admin, bucket, "notes.md") == b"second save"
    head = seaweed_admin.head_object(Bucket=bucket, Key="notes.md")
    assert {k: v for k, v in head["Metadata"].items() if k != CRC_META} == METADATA  # + ours
    assert head["ContentType"] == "text/markdown"
    assert head.get("StorageClass") == "STANDARD_IA"
    assert tags_of(seaweed_admin, bucket, "notes.md") == TAGS
    edits = paths.state_dir() / "edits"
    assert stat.S_IMODE(edits.stat().st_mode) == 0o700
    assert list(edits.iterdir()) == []  # the editor exited: the private copy is gone


def _etag(admin: Any, bucket: str) -> str:
    return str(admin.head_object(Bucket=bucket, Key="notes.md")["ETag"])


def _recorded_etag() -> str | None:
    records = list((paths.state_dir() / "edits").glob("*/edit.json"))
    return OpenEdit.from_json(records[0].read_text()).etag if records else None


def _edit_with_a_server_change(
    admin: Any, bucket: str, tmp_path: Path, answer: str
) -> tuple[int, str]:
    """Run `eider edit` whose editor saves twice; the object is changed on the server after
    the first save was uploaded. `answer` is typed when asked."""
    put_described(admin, bucket, "notes.md", b"original")
    flag = tmp_path / "go"
    editor = standin_editor("--pause", "0.2", "--before-each", str(flag), "mine 1", "mine 2")
    child = subprocess.Popen(
        [*EIDER_EDIT, f"s3://{bucket}/notes.md", "--with", editor, "--settle", "0.3"],
        cwd=ROOT,
        env=_child_env(None),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        poll(lambda: _body(admin, bucket, "notes.md") == b"mine 1", "the first save")
        poll(lambda: _recorded_etag() == _etag(admin, bucket), "the edit to note its upload")
        put_described(admin, bucket, "notes.md", b"theirs")
        assert child.stdin is not None
        child.stdin.write(answer)
        child.stdin.flush()
        flag.touch()
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return child.returncode, err


def test_a_server_change_answered_overwrite(aws_env, seaweed_admin, bucket, tmp_path) -> None:
    code, err = _edit_with_a_server_change(seaweed_admin, bucket, tmp_path, "o\n")
    assert code == 0, err
    assert "was changed on the server since you opened it" in err
    assert _body(seaweed_admin, bucket, "notes.md") == b"mine 2"


def test_a_server_change_answered_save_as(aws_env, seaweed_admin, bucket, tmp_path) -> None:
    code, err = _edit_with_a_server_change(seaweed_admin, bucket, tmp_path, "s\nmine.md\n")
    assert code == 0, err
    assert "was changed on the server" in err
    assert _body(seaweed_admin, bucket, "notes.md") == b"theirs"
    assert _body(seaweed_admin, bucket, "mine.md") == b"mine 2"
    metadata = seaweed_admin.head_object(Bucket=bucket, Key="mine.md")["Metadata"]
    assert {k: v for k, v in metadata.items() if k != CRC_META} == METADATA  # + Eider's CRC


def test_a_server_change_answered_discard(aws_env, seaweed_admin, bucket, tmp_path) -> None:
    code, err = _edit_with_a_server_change(seaweed_admin, bucket, tmp_path, "d\n")
    assert code == 0, err
    assert "was changed on the server" in err
    assert _body(seaweed_admin, bucket, "notes.md") == b"theirs"
    listed = seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]
    assert [o["Key"] for o in listed] == ["notes.md"]


def test_a_killed_eider_leaves_the_copy_and_the_next_run_continues_it(
    capsys, aws_env, seaweed_admin, bucket: str
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    copy = kill_eider_mid_edit(bucket, "notes.md", "unsaved work", aws_env)
    assert _body(seaweed_admin, bucket, "notes.md") == b"original"  # never uploaded
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    store = EditStore()
    (left,) = store.left_behind()
    store.close()
    assert (left.bucket, left.key, left.path) == (bucket, "notes.md", copy)

    # The next run offers it again: it continues that copy and uploads it when done.
    code = main(["edit", f"s3://{bucket}/notes.md", "--with", standin_editor("unsaved work")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Continuing the edit" in err
    assert _body(seaweed_admin, bucket, "notes.md") == b"unsaved work"
    assert not copy.exists()

"""Moves of folders and odd keys, and duplicates under 'name (n)', as engine jobs."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from app.core.s3.renaming import renamed_key
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.numbered import numbered_name
from app.core.transfers.options import TransferOptions
from tests.unit.core.s3.helpers import all_keys, fill
from tests.unit.core.transfers.conftest import pause_after

NON_NFC = unicodedata.normalize("NFD", "café-é.txt")
AWKWARD_KEYS = ["/leading-slash.txt", "double//slash.txt", "trailing space ", NON_NFC]
SEAWEED_SAFE_AWKWARD_KEYS = ["trailing space ", NON_NFC, "pct%20+&=?#.txt"]
OPTIONS = TransferOptions()


def _body(admin: Any, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()


def _done(engine: TransferEngine, job: str) -> None:
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, (snap.error, snap.failures)


def test_moving_a_folder_moves_every_key_and_its_placeholders(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    inner = [f"f{i:03d}.txt" for i in range(120)] + ["", "sub/", "sub/deep.txt"]
    inner += SEAWEED_SAFE_AWKWARD_KEYS
    files = [f"old/{k}" for k in inner if not k.endswith("/") and k]
    fill(seaweed_admin, bucket, [*files, "old-sibling.txt"])
    fill(seaweed_admin, bucket, ["old/", "old/sub/"], body=b"")  # folder placeholders
    engine = make_engine()

    job = engine.copy(bucket, "old/", bucket, "new name/", OPTIONS, move=True)
    _done(engine, job)

    assert engine.job(job).progress.files_done == len(inner)
    assert sorted(all_keys(seaweed_admin, bucket)) == sorted(
        [f"new name/{k}" for k in inner] + ["old-sibling.txt"]
    )
    assert _body(seaweed_admin, bucket, "new name/f007.txt") == b"x"


def test_a_folder_cannot_move_into_itself(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    fill(seaweed_admin, bucket, ["a/x"])
    engine = make_engine()
    snap = engine.wait(engine.copy(bucket, "a/", bucket, "a/b/", OPTIONS, move=True), 30)
    assert snap.state is JobState.FAILED and "inside the source" in (snap.error or "")
    assert all_keys(seaweed_admin, bucket) == ["a/x"]


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_awkward_keys_copy_and_move_on_moto(
    key: str, moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    # On moto: SeaweedFS stores "/a" as "a" and "a//b" as "a/b" whoever writes them.
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    fill(moto_admin, name, [key], body=key.encode())
    engine = make_moto_engine()
    _done(engine, engine.copy(name, key, name, key + ".copy", OPTIONS))
    _done(engine, engine.copy(name, key + ".copy", name, "moved/" + key, OPTIONS, move=True))
    assert sorted(all_keys(moto_admin, name)) == sorted([key, "moved/" + key])
    assert _body(moto_admin, name, "moved/" + key) == key.encode()


@pytest.mark.parametrize("key", SEAWEED_SAFE_AWKWARD_KEYS)
def test_awkward_keys_move_on_seaweed(
    key: str, seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    fill(seaweed_admin, bucket, [key], body=key.encode())
    engine = make_engine()
    _done(engine, engine.copy(bucket, key, bucket, "moved/" + key, OPTIONS, move=True))
    assert all_keys(seaweed_admin, bucket) == ["moved/" + key]
    assert _body(seaweed_admin, bucket, "moved/" + key) == key.encode()


def test_moving_a_folder_of_slash_heavy_keys_on_moto(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    inner = ["/leading.txt", "a//b.txt", "x"]
    fill(moto_admin, name, [f"old/{k}" for k in inner])
    engine = make_moto_engine()
    _done(engine, engine.copy(name, "old/", name, "new/", OPTIONS, move=True))
    assert sorted(all_keys(moto_admin, name)) == sorted(f"new/{k}" for k in inner)


def test_duplicate_picks_the_next_free_name(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    fill(seaweed_admin, bucket, ["d/report.pdf", "d/report (1).pdf", "f/x", "f (1)/y"])
    engine = make_engine()
    first = engine.duplicate(bucket, "d/report.pdf", OPTIONS)
    _done(engine, first)
    folder = engine.duplicate(bucket, "f/", OPTIONS)
    _done(engine, folder)
    assert engine.job(first).where is not None
    assert engine.job(first).where.key == "d/report (2).pdf"  # type: ignore[union-attr]
    assert engine.job(folder).where.key == "f (2)/"  # type: ignore[union-attr]
    assert sorted(all_keys(seaweed_admin, bucket)) == sorted(
        ["d/report.pdf", "d/report (1).pdf", "d/report (2).pdf", "f/x", "f (1)/y", "f (2)/x"]
    )


def test_a_resumed_duplicate_continues_into_the_name_it_chose(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    fill(seaweed_admin, bucket, [f"set/{i:02d}" for i in range(30)])
    first = make_engine(connections=1)
    copied: list[str] = []
    first.session.client().meta.events.register(
        "after-call.s3.CopyObject", lambda **_: copied.append("c")
    )
    name_job = pause_after(first, "CopyObject", copied, 5)
    job = first.duplicate(bucket, "set/", OPTIONS)
    name_job(job)
    assert first.wait(job, 60).state is JobState.PAUSED
    first.close()
    partial = all_keys(seaweed_admin, bucket, "set (1)/")
    assert 0 < len(partial) < 30  # "set (1)/" now exists: a new plan would choose "set (2)/"

    second = make_engine()
    assert job in second.resume_unfinished(start=False)
    second.resume(job)
    _done(second, job)
    assert sorted(all_keys(seaweed_admin, bucket, "set (1)/")) == [
        f"set (1)/{i:02d}" for i in range(30)
    ]
    assert all_keys(seaweed_admin, bucket, "set (2)") == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("dir/name.ext", "dir/name (2).ext"),
        ("name", "name (2)"),
        (".hidden", ".hidden (2)"),
        ("a/archive.tar.gz", "a/archive (2).tar.gz"),
        ("a/v1.2.txt", "a/v1.2 (2).txt"),
        ("dir/folder/", "dir/folder (2)/"),
        ("/lead.txt", "/lead (2).txt"),
    ],
)
def test_numbered_name(key: str, expected: str) -> None:
    assert numbered_name(key, 2) == expected


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        ("a/b.txt", "c.txt", "a/c.txt"),
        ("top.txt", "new.txt", "new.txt"),
        ("a/folder/", "renamed", "a/renamed/"),
        ("/lead", "x", "/x"),
    ],
)
def test_renamed_key(key: str, name: str, expected: str) -> None:
    assert renamed_key(key, name) == expected


def test_renamed_key_refuses_a_slash() -> None:
    with pytest.raises(ValueError, match="contain '/'"):
        renamed_key("a/b", "c/d")


def test_a_move_stopped_between_copy_and_delete_deletes_the_source_on_resume(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    fill(seaweed_admin, bucket, ["a.txt"], body=b"moved once")
    first = make_engine()
    copies: list[str] = []
    session.client().meta.events.register(
        "after-call.s3.CopyObject", lambda **_: copies.append("c")
    )
    name_job = pause_after(first, "CopyObject", copies, 1)  # after the copy, before the delete
    job = first.copy(bucket, "a.txt", bucket, "b.txt", OPTIONS, move=True)
    name_job(job)
    assert first.wait(job, 60).state is JobState.PAUSED
    assert [item.state for item in first.journal.items(job)] == ["copied"]
    assert sorted(all_keys(seaweed_admin, bucket)) == ["a.txt", "b.txt"]
    first.close()

    second = make_engine()
    assert job in second.resume_unfinished(start=False)
    second.resume(job)
    _done(second, job)
    assert copies == ["c"]  # the copy was not made again; only the source was deleted
    assert all_keys(seaweed_admin, bucket) == ["b.txt"]
    assert _body(seaweed_admin, bucket, "b.txt") == b"moved once"

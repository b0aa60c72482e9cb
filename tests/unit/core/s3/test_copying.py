from __future__ import annotations

import threading
import unicodedata
import uuid

import boto3
import pytest

from app.core.s3.copying import (
    MULTIPART_COPY_THRESHOLD,
    CopyCancelled,
    ObjectRef,
    copy_object,
    copy_prefix,
    duplicate_object,
    duplicate_prefix,
    move_object,
    move_prefix,
    numbered_name,
    renamed_key,
)
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_keys, fill

MIB = 1024 * 1024
NON_NFC = unicodedata.normalize("NFD", "café-é.txt")
AWKWARD_KEYS = ["/leading-slash.txt", "double//slash.txt", "trailing space ", NON_NFC]
SEAWEED_SAFE_AWKWARD_KEYS = ["trailing space ", NON_NFC, "pct%20+&=?#.txt"]


def _body(admin: object, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()  # type: ignore[attr-defined]


def _new_bucket(admin: object) -> str:
    name = f"t-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name


def test_copy_keeps_metadata_and_content_type_across_buckets(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(  # type: ignore[attr-defined]
        Bucket=bucket,
        Key="src.txt",
        Body=b"hello",
        ContentType="text/markdown",
        Metadata={"owner": "ada"},
        CacheControl="max-age=60",
    )
    other = _new_bucket(seaweed_admin)
    session = S3Session(connection_for(seaweed))

    result = copy_object(session, ObjectRef(bucket, "src.txt"), ObjectRef(other, "dst.txt"))

    assert not result.multipart
    head = seaweed_admin.head_object(Bucket=other, Key="dst.txt")  # type: ignore[attr-defined]
    assert head["ContentType"] == "text/markdown"
    assert head["Metadata"] == {"owner": "ada"}
    assert _body(seaweed_admin, other, "dst.txt") == b"hello"
    assert _body(seaweed_admin, bucket, "src.txt") == b"hello"


def test_copy_keeps_storage_class(moto: RunningS3, moto_admin: object) -> None:
    # SeaweedFS ignores storage classes; moto keeps them.
    name = _new_bucket(moto_admin)
    moto_admin.put_object(  # type: ignore[attr-defined]
        Bucket=name, Key="ia.bin", Body=b"1", StorageClass="STANDARD_IA"
    )
    session = S3Session(connection_for(moto))
    copy_object(session, ObjectRef(name, "ia.bin"), ObjectRef(name, "copy.bin"))
    head = moto_admin.head_object(Bucket=name, Key="copy.bin")  # type: ignore[attr-defined]
    assert head["StorageClass"] == "STANDARD_IA"


def test_multipart_copy_in_parallel_parts_keeps_bytes_metadata_and_tags(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    data = bytes(range(251)) * (11 * MIB // 251)  # ~11 MiB: three parts of 5 MiB at most
    seaweed_admin.put_object(  # type: ignore[attr-defined]
        Bucket=bucket,
        Key="big.bin",
        Body=data,
        ContentType="application/x-test",
        Metadata={"k": "v"},
        Tagging="team=blue&tier=2",
    )
    session = S3Session(connection_for(seaweed))
    parts: list[str] = []
    session.client().meta.events.register(
        "provide-client-params.s3.UploadPartCopy",
        lambda params, **_: parts.append(params["CopySourceRange"]),
    )
    progress: list[tuple[int, int | None]] = []

    result = copy_object(
        session,
        ObjectRef(bucket, "big.bin"),
        ObjectRef(bucket, "copy of big.bin"),
        multipart_threshold=MIB,
        part_size=5 * MIB,
        progress=lambda d, t: progress.append((d, t)),
    )

    assert result.multipart
    assert sorted(parts) == sorted(
        [
            f"bytes=0-{5 * MIB - 1}",
            f"bytes={5 * MIB}-{10 * MIB - 1}",
            f"bytes={10 * MIB}-{len(data) - 1}",
        ]
    )
    assert progress[-1] == (len(data), len(data))
    assert _body(seaweed_admin, bucket, "copy of big.bin") == data
    head = seaweed_admin.head_object(Bucket=bucket, Key="copy of big.bin")  # type: ignore[attr-defined]
    assert head["ContentType"] == "application/x-test" and head["Metadata"] == {"k": "v"}
    tags = seaweed_admin.get_object_tagging(Bucket=bucket, Key="copy of big.bin")["TagSet"]  # type: ignore[attr-defined]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("team", "blue"), ("tier", "2")]


def test_cancelled_multipart_copy_aborts_its_upload(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["big.bin"], body=b"q" * (16 * MIB))
    session = S3Session(connection_for(seaweed))
    cancel = threading.Event()

    with pytest.raises(CopyCancelled):
        copy_object(
            session,
            ObjectRef(bucket, "big.bin"),
            ObjectRef(bucket, "never.bin"),
            multipart_threshold=MIB,
            part_size=5 * MIB,
            cancel=cancel,
            progress=lambda d, t: cancel.set(),
            workers=1,
        )

    assert all_keys(seaweed_admin, bucket) == ["big.bin"]
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []  # type: ignore[attr-defined]


def test_move_object_copies_then_deletes_the_source(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["a/old.txt"], body=b"content")
    session = S3Session(connection_for(seaweed))
    move_object(session, ObjectRef(bucket, "a/old.txt"), ObjectRef(bucket, "b/new.txt"))
    assert all_keys(seaweed_admin, bucket) == ["b/new.txt"]
    assert _body(seaweed_admin, bucket, "b/new.txt") == b"content"


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_awkward_keys_copy_and_move(key: str, moto: RunningS3, moto_admin: object) -> None:
    # On moto: SeaweedFS stores "/a" as "a" and "a//b" as "a/b" whoever writes them.
    bucket = _new_bucket(moto_admin)
    fill(moto_admin, bucket, [key], body=key.encode())
    session = S3Session(connection_for(moto))
    copy_object(session, ObjectRef(bucket, key), ObjectRef(bucket, key + ".copy"))
    move_object(session, ObjectRef(bucket, key + ".copy"), ObjectRef(bucket, "moved/" + key))
    assert sorted(all_keys(moto_admin, bucket)) == sorted([key, "moved/" + key])
    assert _body(moto_admin, bucket, "moved/" + key) == key.encode()


@pytest.mark.parametrize("key", SEAWEED_SAFE_AWKWARD_KEYS)
def test_awkward_keys_copy_and_move_on_seaweed(
    key: str, seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [key], body=key.encode())
    session = S3Session(connection_for(seaweed))
    move_object(session, ObjectRef(bucket, key), ObjectRef(bucket, "moved/" + key))
    assert all_keys(seaweed_admin, bucket) == ["moved/" + key]
    assert _body(seaweed_admin, bucket, "moved/" + key) == key.encode()


def test_rename_folder_moves_every_key_in_parallel(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    inner = [f"f{i:03d}.txt" for i in range(120)] + ["", "sub/", "sub/deep.txt"]
    inner += SEAWEED_SAFE_AWKWARD_KEYS
    files = [f"old/{k}" for k in inner if not k.endswith("/")]
    fill(seaweed_admin, bucket, [*files, "old-sibling.txt"])
    fill(seaweed_admin, bucket, ["old/", "old/sub/"], body=b"")  # folder placeholders
    session = S3Session(connection_for(seaweed))
    seen: list[int] = []

    report = move_prefix(
        session, bucket, "old/", bucket, "new name/", progress=lambda d, _: seen.append(d)
    )

    assert report.ok and report.copied == len(inner)
    assert report.deleted is not None and report.deleted.deleted == len(inner)
    assert sorted(all_keys(seaweed_admin, bucket)) == sorted(
        [f"new name/{k}" for k in inner] + ["old-sibling.txt"]
    )
    assert max(seen) == len(inner)


def test_failed_copy_leaves_the_source_folder_whole(moto: RunningS3, moto_admin: object) -> None:
    # A GLACIER object cannot be copied (InvalidObjectState); SeaweedFS has no archive tier.
    name = _new_bucket(moto_admin)
    fill(moto_admin, name, ["src/a.txt", "src/b.txt"])
    moto_admin.put_object(  # type: ignore[attr-defined]
        Bucket=name, Key="src/frozen.bin", Body=b"ice", StorageClass="GLACIER"
    )
    session = S3Session(connection_for(moto))

    report = move_prefix(session, name, "src/", name, "dst/")

    assert not report.ok and report.deleted is None and report.copied == 2
    assert [(f.key, f.code) for f in report.failures] == [
        ("src/frozen.bin", "ObjectNotInActiveTierError")
    ]
    assert sorted(all_keys(moto_admin, name, "src/")) == [
        "src/a.txt",
        "src/b.txt",
        "src/frozen.bin",
    ]


def test_copy_folder_across_buckets_keeps_the_source(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["x/1", "x/2/3"])
    other = _new_bucket(seaweed_admin)
    session = S3Session(connection_for(seaweed))
    report = copy_prefix(session, bucket, "x/", other, "")
    assert report.ok and report.copied == 2
    assert sorted(all_keys(seaweed_admin, other)) == ["1", "2/3"]
    assert sorted(all_keys(seaweed_admin, bucket)) == ["x/1", "x/2/3"]


def test_folder_cannot_move_into_itself(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    with pytest.raises(ValueError, match="into itself"):
        move_prefix(session, bucket, "a/", bucket, "a/b/")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("dir/name.ext", "dir/name (2).ext"),
        ("name", "name (2)"),
        (".hidden", ".hidden (2)"),
        ("a/archive.tar.gz", "a/archive (2).tar.gz"),
        ("dir/folder/", "dir/folder (2)/"),
        ("/lead.txt", "/lead (2).txt"),
    ],
)
def test_numbered_name(key: str, expected: str) -> None:
    assert numbered_name(key, 2) == expected


def test_duplicate_picks_the_next_free_name(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["d/report.pdf", "d/report (1).pdf", "f/x", "f (1)/y"])
    session = S3Session(connection_for(seaweed))
    assert duplicate_object(session, bucket, "d/report.pdf") == "d/report (2).pdf"
    new_prefix, report = duplicate_prefix(session, bucket, "f/")
    assert new_prefix == "f (2)/" and report.ok
    assert sorted(all_keys(seaweed_admin, bucket)) == sorted(
        ["d/report.pdf", "d/report (1).pdf", "d/report (2).pdf", "f/x", "f (1)/y", "f (2)/x"]
    )


def test_rename_folder_with_slash_heavy_keys_on_moto(moto: RunningS3, moto_admin: object) -> None:
    name = _new_bucket(moto_admin)
    inner = ["/leading.txt", "a//b.txt", "x"]
    fill(moto_admin, name, [f"old/{k}" for k in inner])
    session = S3Session(connection_for(moto))
    report = move_prefix(session, name, "old/", name, "new/")
    assert report.ok
    assert sorted(all_keys(moto_admin, name)) == sorted(f"new/{k}" for k in inner)


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


@pytest.mark.parametrize("threshold", [MULTIPART_COPY_THRESHOLD, 1])
def test_copy_keeps_the_objects_kms_key_over_the_bucket_default(
    threshold: int, moto: RunningS3, moto_admin: object
) -> None:
    # KMS runs on moto (SeaweedFS has no KMS). The bucket's default key differs from the
    # object's, so a copy that forgot the object's key would land on the default one.
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )
    object_key_id = kms.create_key()["KeyMetadata"]["Arn"]
    default_key_id = kms.create_key()["KeyMetadata"]["Arn"]
    name = _new_bucket(moto_admin)
    moto_admin.put_bucket_encryption(  # type: ignore[attr-defined]
        Bucket=name,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": default_key_id,
                    }
                }
            ]
        },
    )
    moto_admin.put_object(  # type: ignore[attr-defined]
        Bucket=name,
        Key="secret.bin",
        Body=b"classified",
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId=object_key_id,
    )
    session = S3Session(connection_for(moto))

    result = copy_object(
        session, ObjectRef(name, "secret.bin"), ObjectRef(name, "copy.bin"), threshold
    )

    assert result.multipart == (threshold == 1)
    head = moto_admin.head_object(Bucket=name, Key="copy.bin")  # type: ignore[attr-defined]
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"] == object_key_id

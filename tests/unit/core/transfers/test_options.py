"""Per-transfer options reach the server, and come back on download."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core import secrets
from app.core.s3.session import S3Session
from app.core.sse_c.rings import SSE_C_SECRET_KIND
from app.core.transfers import digests
from app.core.transfers.engine import TransferEngine, endpoint_id
from app.core.transfers.jobs import JobState
from app.core.transfers.options import (
    MIB,
    ChecksumAlgorithm,
    ServerSideEncryption,
    TransferOptions,
    choose_part_size,
)
from tests.unit.core.transfers.conftest import SMALL, random_file


def test_part_size_grows_to_fit_ten_thousand_parts() -> None:
    assert choose_part_size(50 * MIB, 10 * MIB) == 10 * MIB
    assert choose_part_size(100_000 * MIB, 10 * MIB) == 10 * MIB
    grown = choose_part_size(200_000 * MIB + 1, 10 * MIB)
    assert grown == 21 * MIB and -(-(200_000 * MIB + 1) // grown) <= 10_000
    with pytest.raises(ValueError, match="5 MiB and 5 GiB"):
        TransferOptions(part_size=MIB)


def test_metadata_type_tags_mtime_and_sha256(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    src = tmp_path / "page.html"
    data = random_file(src, 2000)
    os.utime(src, (1_600_000_000.5, 1_600_000_000.5))
    options = replace(
        SMALL,
        cache_control="max-age=60",
        metadata={"owner": "qa"},
        tags={"team": "storage", "note": "a b&c"},
        store_sha256=True,
    )
    engine = make_engine()
    assert engine.wait(engine.upload(src, bucket, "site/", options), 60).state is JobState.DONE
    head = seaweed_admin.head_object(Bucket=bucket, Key="site/page.html")
    assert head["ContentType"] == "text/html"
    assert head["CacheControl"] == "max-age=60"
    assert head["Metadata"]["owner"] == "qa"
    assert head["Metadata"]["eider-sha256"] == hashlib.sha256(data).hexdigest()
    assert float(head["Metadata"]["mtime"]) == pytest.approx(1_600_000_000.5)
    tags = seaweed_admin.get_object_tagging(Bucket=bucket, Key="site/page.html")["TagSet"]
    assert {t["Key"]: t["Value"] for t in tags} == {"team": "storage", "note": "a b&c"}

    job = engine.download(bucket, "site/page.html", tmp_path / "back.html", SMALL)
    assert engine.wait(job, 60).state is JobState.DONE
    assert (tmp_path / "back.html").stat().st_mtime == pytest.approx(1_600_000_000.5)


@pytest.mark.parametrize(
    "algorithm",
    [
        ChecksumAlgorithm.CRC32,
        ChecksumAlgorithm.SHA256,
        ChecksumAlgorithm.CRC32C,
        ChecksumAlgorithm.CRC64NVME,
    ],
)
def test_additional_checksums_single_and_multipart(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    algorithm: ChecksumAlgorithm,
) -> None:
    small = random_file(tmp_path / "small.bin", 100_000)
    big = random_file(tmp_path / "big.bin", 11 * MIB)
    # What went over the wire: botocore's requests and the engine's lean small-object PUTs
    # both pass the client's before-send handlers.
    sent: list[Any] = []
    session.client().meta.events.register(
        "before-send.s3.*",
        lambda request, **_: (
            sent.append(dict(request.headers)) if request.method == "PUT" else None
        ),
    )
    options = replace(SMALL, checksum=algorithm)
    engine = make_engine()
    for name in ("small.bin", "big.bin"):
        job = engine.upload(tmp_path / name, bucket, name, options)
        snap = engine.wait(job, 60)
        assert snap.state is JobState.DONE, snap.error
    header = f"x-amz-checksum-{algorithm.value}"
    field = f"Checksum{digests.s3_name(algorithm)}"
    bodies = [
        {k.lower(): v for k, v in h.items()}
        for h in sent
        if int(h.get("Content-Length", 0) or 0) > 0
    ]
    assert len(bodies) == 4 and all(h.get(header) and "content-md5" not in h for h in bodies)
    head = seaweed_admin.head_object(Bucket=bucket, Key="small.bin", ChecksumMode="ENABLED")
    assert head.get(field) == base64.b64encode(digests.raw_digest(algorithm, small)).decode()
    head = seaweed_admin.head_object(Bucket=bucket, Key="big.bin", ChecksumMode="ENABLED")
    if algorithm is ChecksumAlgorithm.SHA256:
        assert head.get(field, "").endswith("-3")  # a composite of the parts' checksums
    else:  # a CRC: the parts' CRCs combine into the whole object's
        assert head.get("ChecksumType") == "FULL_OBJECT"
        assert head.get(field) == base64.b64encode(digests.raw_digest(algorithm, big)).decode()
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == big


def test_sse_c_round_trip(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    key = os.urandom(32)
    secrets.set_secret("my-sse-key", SSE_C_SECRET_KIND, base64.b64encode(key).decode())
    data = random_file(tmp_path / "secret.bin", 7 * MIB)
    options = replace(SMALL, sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref="my-sse-key")
    engine = make_engine()
    snap = engine.wait(engine.upload(tmp_path / "secret.bin", bucket, "s.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error
    with pytest.raises(ClientError):
        seaweed_admin.get_object(Bucket=bucket, Key="s.bin")  # without the key: refused
    snap = engine.wait(engine.download(bucket, "s.bin", tmp_path / "back.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data


def test_a_journaled_job_with_refused_options_is_cancelled_not_fatal(
    session: S3Session, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    # Written before metadata was checked: loading it must not stop the other jobs loading.
    engine = make_engine()
    endpoint = endpoint_id(session)
    bad = TransferOptions().to_json().replace('"metadata": {}', '"metadata": {"k": "v\\u00e4"}')
    assert '"v\\u00e4"' in bad
    spec = {"title": "old", "local": str(tmp_path), "bucket": "b", "key": "k"}
    engine.journal.create_job("bad-job", "upload", endpoint, spec, bad)
    good = TransferOptions(metadata={"k": "v"}).to_json()
    engine.journal.create_job("good-job", "upload", endpoint, spec, good)
    engine.journal.set_job_state("good-job", JobState.PAUSED.value)
    assert engine.resume_unfinished(start=False) == ["good-job"]
    record = engine.journal.job("bad-job")
    assert record is not None and record.state == JobState.CANCELLED.value
    assert "printable ASCII" in (record.error or "")


def test_options_refuse_what_s3_headers_cannot_carry() -> None:
    for changes in (
        {"metadata": {"k": "caf\u00e9"}},
        {"metadata": {"two words": "x"}},
        {"content_type": "text/plain\nX: y"},
        {"tags": {f"t{i}": "v" for i in range(11)}},
        {"tags": {"k" * 129: "v"}},
        {"tags": {"k": "v" * 257}},
        {"rate_limit": -1},
    ):
        with pytest.raises(ValueError):
            TransferOptions(**changes)  # type: ignore[arg-type]
    TransferOptions(metadata={"Owner-Id": "a=b; c"}, tags={"caf\u00e9": "\u00fcber"})

"""A rotation's multipart copy onto itself (objects above the multipart threshold; S3 copies
at most 5 GiB in one request), on moto: SeaweedFS answers UploadPartCopy with SSE-C headers
NotImplemented, and moto ignores SSE-C altogether, so this proves the copy's shape (parts,
bytes, metadata, content type and tags kept), not the keys; the keys are proven on SeaweedFS
in tests/cli/test_sse_c_key_ring.py."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from app.core.s3.session import S3Session
from app.core.sse_c.rekey import Survey, submit_rekey
from app.core.sse_c.rings import file_ref, ring_for
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def test_a_large_object_is_copied_onto_itself_part_by_part(
    moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    data = os.urandom(11 * MIB)
    moto_admin.put_object(
        Bucket=bucket,
        Key="big/file.bin",
        Body=data,
        Metadata={"owner": "ops"},
        ContentType="application/x-kept",
        Tagging="team=blue&tier=cold",
    )
    ring_path = tmp_path / "ring.txt"
    ring_path.write_text(os.urandom(32).hex() + "\n" + os.urandom(32).hex() + "\n")
    ref = file_ref(ring_path)
    engine = TransferEngine(S3Session(connection_for(moto)))
    try:
        found = Survey(to_rotate=[("big/file.bin", len(data))])
        sizes = TransferOptions(multipart_threshold=5 * MIB, part_size=5 * MIB)
        job = submit_rekey(engine, found, ring_for(ref), ref, bucket, "big/", sizes)
        assert job is not None
        snap = engine.wait(job, timeout=120)
    finally:
        engine.close()
    assert snap.state is JobState.DONE, snap.failures
    got = moto_admin.get_object(Bucket=bucket, Key="big/file.bin")
    assert got["Body"].read() == data
    assert got["ETag"].strip('"').endswith("-3")  # three part copies of 5, 5 and 1 MiB
    assert got["Metadata"] == {"owner": "ops"} and got["ContentType"] == "application/x-kept"
    tags = moto_admin.get_object_tagging(Bucket=bucket, Key="big/file.bin")["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("team", "blue"), ("tier", "cold")]

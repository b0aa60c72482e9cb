"""Client-side encryption inside SSE-C: SeaweedFS enforces the customer key on every request of
the CSE path (parts, HEAD, GET), so a missing SSE-C header on any of them fails here."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core import secrets
from app.core.cse.key_store import store_local_key
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, ServerSideEncryption
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from tests.unit.core.transfers.conftest import SMALL, random_file


@pytest.mark.parametrize("size", [3000, 12 * MIB], ids=["small", "multipart"])
def test_cse_objects_under_an_sse_c_key_round_trip(
    size: int,
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    customer_key = os.urandom(32)
    secrets.set_secret("both", SSE_C_SECRET_KIND, base64.b64encode(customer_key).decode())
    options = replace(
        SMALL,
        sse=ServerSideEncryption.CUSTOMER,
        sse_customer_key_ref="both",
        cse_key_ref=store_local_key(os.urandom(32)),
    )
    data = random_file(tmp_path / "f.bin", size)
    engine = make_engine()
    snap = engine.wait(engine.upload(tmp_path / "f.bin", bucket, "f.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error
    head = seaweed_admin.head_object(
        Bucket=bucket, Key="f.bin", SSECustomerAlgorithm="AES256", SSECustomerKey=customer_key
    )
    assert head["SSECustomerAlgorithm"] == "AES256" and "x-amz-3" in head["Metadata"]
    snap = engine.wait(engine.download(bucket, "f.bin", tmp_path / "back.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data

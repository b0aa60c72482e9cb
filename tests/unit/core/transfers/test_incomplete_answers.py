"""A 200 whose body never arrives (the connection closes after the headers) is not taken for
a finished copy or completion: the request is retried and the job ends byte-identical.

Found by the faults campaign (tests/reliability): a part copy cut off after its headers failed
the job with "KeyError: 'ETag'". The HTTP fault proxy produces the cut-off answer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from app.core.transfers.retry import IncompleteAnswer, is_retryable, required
from tests.conftest import connection_for
from tests.fixtures.http_faults import (
    HttpFault,
    HttpFaultKind,
    HttpFaultProxy,
    Request,
    http_fault_proxy_to,
)
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file


@pytest.fixture
def proxy(seaweed: RunningS3) -> Iterator[HttpFaultProxy]:
    with http_fault_proxy_to(seaweed.host, seaweed.port) as running:
        yield running


@pytest.fixture
def engine(seaweed: RunningS3, proxy: HttpFaultProxy) -> Iterator[TransferEngine]:
    engine = TransferEngine(S3Session(connection_for(seaweed, port=proxy.port)), connections=2)
    yield engine
    engine.close()


def is_copy(request: Request) -> bool:
    return request.method == "PUT" and "x-amz-copy-source" in request.headers


def is_completion(request: Request) -> bool:
    return request.method == "POST" and "uploadId" in request.query


def cut_off(matches: Any) -> HttpFault:
    return HttpFault(HttpFaultKind.CLOSE_AFTER_HEADERS, matches, times=1)


@pytest.mark.parametrize("size", [11 * MIB, 100_000], ids=["part-copies", "one-copy"])
def test_a_copy_answer_cut_off_after_its_headers_is_retried(
    proxy: HttpFaultProxy,
    engine: TransferEngine,
    seaweed_admin: Any,
    bucket: str,
    size: int,
) -> None:
    data = os.urandom(size)
    seaweed_admin.put_object(Bucket=bucket, Key="src.bin", Body=data)
    proxy.set_faults(cut_off(is_copy))
    options = replace(SMALL, copy_threshold=5 * MIB)
    job = engine.copy(bucket, "src.bin", bucket, "dst.bin", options)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert proxy.stats.faults == {HttpFaultKind.CLOSE_AFTER_HEADERS.value: 1}
    assert seaweed_admin.get_object(Bucket=bucket, Key="dst.bin")["Body"].read() == data


def test_a_completion_cut_off_after_its_headers_is_retried(
    proxy: HttpFaultProxy, engine: TransferEngine, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    data = random_file(tmp_path / "big.bin", 11 * MIB)
    proxy.set_faults(cut_off(is_completion))
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert proxy.stats.faults == {HttpFaultKind.CLOSE_AFTER_HEADERS.value: 1}
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data
    assert not seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads")


def test_a_missing_result_is_a_retryable_error_in_words() -> None:
    assert required({"CopyPartResult": {"ETag": '"abc"'}}, ("CopyPartResult", "ETag"), "x", "k")
    with pytest.raises(IncompleteAnswer) as caught:
        required({"ResponseMetadata": {}}, ("CopyPartResult", "ETag"), "copy of part 2", "a/b")
    assert is_retryable(caught.value)
    assert "copy of part 2 of a/b was cut off" in str(caught.value)

"""A DeleteObjects body damaged on the way (the server answers MalformedXML) is retried, and
when retries run out the message says what happened, not "the server refused the
configuration". Found by the faults campaign (tests/reliability, delete-corrupt); the HTTP
fault proxy flips a byte of the request body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.errors import describe
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.retry import is_retryable
from tests.conftest import connection_for
from tests.fixtures.http_faults import (
    HttpFault,
    HttpFaultKind,
    HttpFaultProxy,
    Request,
    http_fault_proxy_to,
)
from tests.fixtures.servers import RunningS3


@pytest.fixture
def proxy(seaweed: RunningS3) -> Iterator[HttpFaultProxy]:
    with http_fault_proxy_to(seaweed.host, seaweed.port) as running:
        yield running


def is_batch_delete(request: Request) -> bool:
    return request.method == "POST" and "delete" in request.query


def test_a_delete_whose_request_was_damaged_is_retried(
    seaweed: RunningS3, proxy: HttpFaultProxy, seaweed_admin: Any, bucket: str
) -> None:
    for i in range(4):
        seaweed_admin.put_object(Bucket=bucket, Key=f"del/{i}", Body=b"x")
    seaweed_admin.put_object(Bucket=bucket, Key="keep", Body=b"k")
    proxy.set_faults(HttpFault(HttpFaultKind.CORRUPT, is_batch_delete, times=2, offset=40))
    engine = TransferEngine(S3Session(connection_for(seaweed, port=proxy.port)))
    try:
        snap = engine.wait(engine.delete(bucket, "del/"), 60)
    finally:
        engine.close()
    assert snap.state is JobState.DONE, snap.error
    assert proxy.stats.faults == {HttpFaultKind.CORRUPT.value: 2}
    listed = seaweed_admin.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert [o["Key"] for o in listed] == ["keep"]


def _malformed(operation: str) -> ClientError:
    response: dict[str, Any] = {
        "Error": {"Code": "MalformedXML", "Message": "The XML you provided was not well-formed"},
        "ResponseMetadata": {"HTTPStatusCode": 400, "HTTPHeaders": {}},
    }
    return ClientError(response, operation)


def test_malformed_xml_from_a_body_botocore_wrote_says_it_was_damaged() -> None:
    error = describe(_malformed("DeleteObjects"), bucket="b", key="del/")
    assert "damaged on the way" in error.message
    assert "configuration" not in error.message
    assert error.retryable
    assert is_retryable(_malformed("DeleteObjects"))
    assert is_retryable(_malformed("CompleteMultipartUpload"))


def test_malformed_xml_of_a_setting_is_still_the_setting_refused() -> None:
    error = describe(_malformed("PutBucketLifecycleConfiguration"), bucket="b")
    assert "refused the configuration" in error.message
    assert not is_retryable(_malformed("PutBucketLifecycleConfiguration"))

"""How one object is encrypted, read from HeadObject (for the browser's encryption column)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.session import S3Session

NONE = "none"
SSE_S3 = "SSE-S3"
SSE_KMS = "SSE-KMS"
SSE_C = "SSE-C"
CLIENT_SIDE = "client-side"

# User metadata the AWS encryption clients (and tools following their envelope format) write.
# v3 (key-committing) keeps x-amz-c, x-amz-d and x-amz-i in the metadata even when the rest of
# its envelope is in an instruction file.
CLIENT_SIDE_MARKERS = (
    "x-amz-key",
    "x-amz-key-v2",
    "x-amz-cek-alg",
    "x-amz-wrap-alg",
    "x-amz-3",
    "x-amz-c",
    "x-amz-d",
    "x-amz-i",
)


def classify(head: Mapping[str, Any]) -> str:
    """The encryption a HeadObject response describes (one of the module's constants)."""
    if head.get("SSECustomerAlgorithm"):
        return SSE_C
    sse = str(head.get("ServerSideEncryption") or "")
    if sse.startswith("aws:kms"):
        return SSE_KMS
    metadata = {k.lower() for k in head.get("Metadata") or {}}
    if metadata.intersection(CLIENT_SIDE_MARKERS):
        return CLIENT_SIDE
    if sse == "AES256":
        return SSE_S3
    return NONE


def encryption_of(session: S3Session, bucket: str, key: str) -> str:
    """HEAD the object and classify it.

    S3 refuses HEAD of an SSE-C object without its key with a bare 400 (a HEAD has no body):
    that answer, for an object the listing just showed, means SSE-C.
    """
    try:
        head = session.head_object(bucket, key)
    except ClientError as exc:
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 400:
            return SSE_C
        raise
    return classify(head)

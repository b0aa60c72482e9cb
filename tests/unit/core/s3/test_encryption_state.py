"""Encryption read from real HeadObject answers (moto: SSE-S3, KMS; SeaweedFS: SSE-C)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from app.core.s3 import encryption_state
from app.core.s3.encryption_state import classify, encryption_of
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def test_sse_s3_kms_client_side_and_plain_on_moto(moto: RunningS3, moto_admin: Any) -> None:
    bucket = f"enc-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="plain", Body=b"p")
    moto_admin.put_object(Bucket=bucket, Key="s3", Body=b"s", ServerSideEncryption="AES256")
    moto_admin.put_object(Bucket=bucket, Key="kms", Body=b"k", ServerSideEncryption="aws:kms")
    moto_admin.put_object(
        Bucket=bucket,
        Key="client",
        Body=b"c",
        Metadata={"x-amz-key-v2": "d3JhcHBlZA==", "x-amz-cek-alg": "AES/GCM/NoPadding"},
    )
    session = S3Session(connection_for(moto))
    found = {key: encryption_of(session, bucket, key) for key in ("plain", "s3", "kms", "client")}
    assert found == {
        "plain": encryption_state.NONE,
        "s3": encryption_state.SSE_S3,
        "kms": encryption_state.SSE_KMS,
        "client": encryption_state.CLIENT_SIDE,
    }


def test_sse_c_on_seaweed(seaweed: RunningS3, seaweed_admin: Any, bucket: str) -> None:
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="sealed",
        Body=b"x",
        SSECustomerAlgorithm="AES256",
        SSECustomerKey=os.urandom(32),
    )
    session = S3Session(connection_for(seaweed))
    assert encryption_of(session, bucket, "sealed") == encryption_state.SSE_C


def test_customer_algorithm_in_a_head_answer_means_sse_c() -> None:
    # A HEAD made with the customer key answers with the algorithm instead of refusing.
    assert classify({"SSECustomerAlgorithm": "AES256"}) == encryption_state.SSE_C
    assert classify({"ServerSideEncryption": "aws:kms:dsse"}) == encryption_state.SSE_KMS

"""No secret — secret key, session token, SSE-C key, presigned signature — ever reaches a
message, whatever the exception carries. Most exceptions here are built by hand on purpose:
they hold secrets where real servers and libraries have been seen to put them (signed-request
echoes, parameter reports, request URLs); the SeaweedFS test shows a real round trip."""

from __future__ import annotations

import base64
import os
from typing import Any

import botocore.session
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    ParamValidationError,
    ReadTimeoutError,
    SSLError,
)

from app.core import secrets
from app.core.errors import UserError, describe, remember_secrets
from app.core.errors.redact import redact
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDx7" + "Ab9" * 40
SSE_C_KEY = base64.b64encode(bytes(range(1, 33))).decode()  # AQIDBAUG...
SIGNATURE = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
SHORT_SECRET = "hunter2-pass"  # too plain for any pattern: only registration catches it
ALL = (SECRET_KEY, SESSION_TOKEN, SSE_C_KEY, SIGNATURE, SHORT_SECRET)
PRESIGNED = (
    "https://bucket.s3.example.com/key.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
    f"&X-Amz-Security-Token={SESSION_TOKEN}&X-Amz-Signature={SIGNATURE}"
)
ECHO = (
    f"<CanonicalRequest>GET /b/k\nx-amz-security-token:{SESSION_TOKEN}\n"
    f"x-amz-server-side-encryption-customer-key:{SSE_C_KEY}</CanonicalRequest>"
    f"<SignatureProvided>{SIGNATURE}</SignatureProvided>"
)


def _leaks(error: UserError) -> list[str]:
    shown = f"{error} {error.detail} {error!r}"
    return [s for s in ALL if s in shown]


def _client_error(code: str, status: int, message: str, **fields: str) -> ClientError:
    response: dict[str, Any] = {
        "Error": {"Code": code, "Message": message, **fields},
        "ResponseMetadata": {
            "HTTPStatusCode": status,
            "HTTPHeaders": {"x-amz-request-id": "REQ1", "location": PRESIGNED},
        },
    }
    return ClientError(response, "GetObject")


@pytest.fixture(autouse=True)
def _registered() -> None:
    remember_secrets(SHORT_SECRET)


_EVERYTHING = f"{SECRET_KEY} {SESSION_TOKEN} {SSE_C_KEY} {PRESIGNED} {ECHO} {SHORT_SECRET}"


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("SignatureDoesNotMatch", 403),
        ("AccessDenied", 403),
        ("InvalidArgument", 400),
        ("NotImplemented", 501),
        ("PermanentRedirect", 301),
        ("InternalError", 500),
        ("SomethingNobodyKnows", 400),
        ("InvalidObjectState", 403),
        ("KMS.NotFoundException", 400),
    ],
)
def test_client_errors_full_of_secrets(code: str, status: int) -> None:
    exc = _client_error(code, status, _EVERYTHING, ArgumentValue=SSE_C_KEY, StringToSign=SIGNATURE)
    error = describe(exc, bucket="b-one", key="k.txt")
    assert _leaks(error) == []
    assert code in error.detail


def test_an_unknown_error_still_shows_the_harmless_part() -> None:
    exc = _client_error("TenantLocked", 423, f"Tenant locked; token {SESSION_TOKEN} revoked")
    error = describe(exc)
    assert (
        _leaks(error) == [] and "Tenant locked" in error.message and "TenantLocked" in error.message
    )


@pytest.mark.parametrize(
    "exc",
    [
        EndpointConnectionError(endpoint_url=PRESIGNED),
        ReadTimeoutError(endpoint_url=PRESIGNED),
        SSLError(endpoint_url=PRESIGNED, error=OSError(f"bad {SECRET_KEY}")),
        ConnectionClosedError(endpoint_url=PRESIGNED),
        RuntimeError(f"failed with secret_key={SHORT_SECRET} and {_EVERYTHING}"),
        ValueError(PRESIGNED),
    ],
    ids=["endpoint", "read-timeout", "ssl", "closed", "runtime", "value"],
)
def test_transport_and_other_errors_full_of_secrets(exc: BaseException) -> None:
    error = describe(exc, "GetObject", "bucket", "key.txt")
    assert _leaks(error) == []


def test_botocore_parameter_report_holding_an_sse_c_key() -> None:
    session = botocore.session.Session()
    client = session.create_client(
        "s3", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    with pytest.raises(ParamValidationError) as caught:  # real validation: a list is no string
        client.get_object(Bucket="b-one", Key="k", SSECustomerKeyMD5=[SSE_C_KEY])
    assert SSE_C_KEY in str(caught.value)  # botocore's report repeats the value
    error = describe(caught.value, "GetObject", "b-one", "k")
    assert _leaks(error) == [] and "SSECustomerKeyMD5" in error.message


def test_real_wrong_secret_with_a_session_token(seaweed: RunningS3, bucket: str) -> None:
    connection = connection_for(seaweed)
    wrong = "ZZtopSecretValue/0123456789abcdefABCDEF12"
    secrets.set_secret("test-connection", "secret-key", wrong)
    secrets.set_secret("test-connection", "session-token", SESSION_TOKEN)
    session = S3Session(connection)
    key = os.urandom(32)
    with pytest.raises(ClientError) as caught:
        session.call(
            bucket,
            lambda c: c.get_object(
                Bucket=bucket, Key="k", SSECustomerAlgorithm="AES256", SSECustomerKey=key
            ),
        )
    error = describe(caught.value, bucket=bucket, key="k", sse_customer_key=True)
    shown = f"{error} {error.detail}"
    assert wrong not in shown and SESSION_TOKEN not in shown
    assert base64.b64encode(key).decode() not in shown


def test_redact_keeps_ordinary_words() -> None:
    text = "Bucket 'photos-2024' in region eu-west-1 (request 18EA4263569D3BA1) is locked."
    assert redact(text) == text

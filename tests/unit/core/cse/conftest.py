"""Client-side encryption against moto (S3 and KMS in one server), with the official
amazon-s3-encryption-client-python package on the other side of the interop tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from s3_encryption import S3EncryptionClient, S3EncryptionClientConfig
from s3_encryption.materials.kms_keyring import KmsKeyring

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import RunningS3

# The engine fixtures on SeaweedFS, shared with the transfer engine's tests.
from tests.unit.core.transfers.conftest import make_engine, session  # noqa: F401


@pytest.fixture
def kms(moto: RunningS3) -> Any:
    return boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )


@pytest.fixture
def kms_key_id(kms: Any) -> str:
    key_id: str = kms.create_key(KeySpec="SYMMETRIC_DEFAULT")["KeyMetadata"]["KeyId"]
    return key_id


@pytest.fixture
def moto_bucket(moto_admin: Any) -> str:
    name = f"cse-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=name)
    return name


@pytest.fixture
def official(moto: RunningS3, kms: Any, kms_key_id: str) -> S3EncryptionClient:
    """The official client with its defaults: v3 key-committing writes, and reads that require
    key commitment (REQUIRE_ENCRYPT_REQUIRE_DECRYPT)."""
    config = S3EncryptionClientConfig(keyring=KmsKeyring(kms, kms_key_id))
    return S3EncryptionClient(admin_client(moto), config)


@pytest.fixture
def moto_session(moto: RunningS3) -> S3Session:
    return S3Session(connection_for(moto))


@pytest.fixture
def moto_engine(moto_session: S3Session) -> Iterator[Callable[..., TransferEngine]]:
    engines: list[TransferEngine] = []

    def make(**kwargs: object) -> TransferEngine:
        engine = TransferEngine(moto_session, sample_interval=0.05, **kwargs)  # type: ignore[arg-type]
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()

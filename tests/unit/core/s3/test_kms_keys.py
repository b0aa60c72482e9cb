"""Listing the account's KMS keys and aliases for the encryption pickers, on moto's KMS; a
server without KMS (SeaweedFS) answers "not supported", not an error."""

from __future__ import annotations

from typing import Any

import boto3

from app.core.errors.operations import iam_action, phrase
from app.core.s3.info_section import SectionState
from app.core.s3.kms_keys import list_kms_keys
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _kms(server: RunningS3) -> Any:
    return boto3.client(
        "kms",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )


def test_keys_are_listed_with_their_aliases(moto: RunningS3) -> None:
    kms = _kms(moto)
    named = kms.create_key(Description="photos")["KeyMetadata"]
    kms.create_alias(AliasName="alias/photos-key", TargetKeyId=named["KeyId"])
    kms.create_alias(AliasName="alias/also-photos", TargetKeyId=named["KeyId"])
    bare = kms.create_key()["KeyMetadata"]

    section = list_kms_keys(S3Session(connection_for(moto)))

    assert section.state is SectionState.SET and section.value is not None
    by_id = {k.key_id: k for k in section.value}
    assert by_id[named["KeyId"]].aliases == ("alias/also-photos", "alias/photos-key")
    assert by_id[named["KeyId"]].arn == named["Arn"]
    assert by_id[bare["KeyId"]].aliases == ()
    assert "alias/photos-key" in by_id[named["KeyId"]].label
    own = [k for k in section.value if not k.aws_managed]
    assert section.value[: len(own)] == own  # the account's own keys come first


def test_a_server_without_kms_says_not_supported(seaweed: RunningS3) -> None:
    section = list_kms_keys(S3Session(connection_for(seaweed)))
    assert section.state is SectionState.UNSUPPORTED, section.error


def test_a_kms_refusal_names_the_kms_permission() -> None:
    assert iam_action("ListKeys") == "kms:ListKeys"
    assert phrase("ListKeys") == "listing the account's KMS keys"

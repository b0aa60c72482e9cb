"""The SSE-KMS key pickers of the object Encryption tab and the bucket Default-encryption tab
offer the account's keys and aliases (moto's KMS); typing works; SeaweedFS (no KMS) keeps a
plain text field."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from pytestqt.qtbot import QtBot

from app.ui.info.bucket.encryption_tab import EncryptionTab as BucketEncryptionTab
from app.ui.info.target import InfoTarget
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for
from tests.gui.info.helpers import confirm, info_window, new_bucket, wait_loaded

pytestmark = pytest.mark.gui


def _kms_key(moto: RunningS3, alias: str) -> dict[str, Any]:
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )
    key: dict[str, Any] = kms.create_key(Description=alias)["KeyMetadata"]
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key["KeyId"])
    return key


def _pick(picker: Any, alias: str) -> None:
    index = next(i for i in range(picker.count()) if f"alias/{alias}" in picker.itemText(i))
    picker.setCurrentIndex(index)


def test_an_object_is_encrypted_with_a_key_picked_from_the_account(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    key = _kms_key(moto, "photos-objects")
    bucket = new_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="p.jpg", Body=b"jpeg", Metadata={"k": "v"})
    with info_window(qtbot, moto, InfoTarget(bucket, ("p.jpg",))) as window:
        wait_loaded(qtbot, window, ("infoEncryptionTab",))
        tab = window.encryption
        picker = tab.kms_key
        wait_for(
            qtbot, lambda: any(key["Arn"] == picker.itemData(i) for i in range(picker.count()))
        )
        tab.buttons["SSE-KMS"].setChecked(True)
        _pick(picker, "photos-objects")
        assert picker.value() == key["Arn"]
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            window.tabs.setCurrentWidget(tab)
            tab.apply_button.click()
            confirm(qtbot, window)
    head = moto_admin.head_object(Bucket=bucket, Key="p.jpg")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"].endswith(key["KeyId"])
    assert head["Metadata"] == {"k": "v"}


def test_a_typed_arn_still_works_in_the_object_picker(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    key = _kms_key(moto, "typed-one")
    bucket = new_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="t", Body=b"t")
    with info_window(qtbot, moto, InfoTarget(bucket, ("t",))) as window:
        wait_loaded(qtbot, window, ("infoEncryptionTab",))
        tab = window.encryption
        tab.buttons["SSE-KMS"].setChecked(True)
        tab.kms_key.setEditText(key["Arn"])
        assert tab.kms_key.value() == key["Arn"]
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            window.tabs.setCurrentWidget(tab)
            tab.apply_button.click()
            confirm(qtbot, window)
    head = moto_admin.head_object(Bucket=bucket, Key="t")
    assert head["SSEKMSKeyId"].endswith(key["KeyId"])


def test_the_bucket_default_encryption_offers_the_accounts_keys(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    key = _kms_key(moto, "bucket-default")
    bucket = new_bucket(moto_admin)
    with info_window(qtbot, moto, InfoTarget(bucket)) as window:
        wait_for(qtbot, lambda: window.tabs.count() > 1)
        tab = window.tab("encryptionTab")
        assert isinstance(tab, BucketEncryptionTab)
        wait_for(qtbot, lambda: tab.page == "content")
        picker = tab.key_edit
        wait_for(qtbot, lambda: picker.findData(key["Arn"]) >= 0)
        tab.kind_box.setCurrentIndex(tab.kind_box.findData("aws:kms"))
        _pick(picker, "bucket-default")
        with qtbot.waitSignal(tab.saveFinished, timeout=30_000) as saved:
            window.tabs.setCurrentWidget(tab)
            tab.save_button.click()
        assert saved.args == [True]
    rule = moto_admin.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
    default = rule["Rules"][0]["ApplyServerSideEncryptionByDefault"]
    assert default["SSEAlgorithm"] == "aws:kms"
    assert default["KMSMasterKeyID"] == key["Arn"]


def test_without_kms_the_picker_is_a_text_field(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    bucket = new_bucket(seaweed_admin)
    seaweed_admin.put_object(Bucket=bucket, Key="s", Body=b"s")
    with info_window(qtbot, seaweed, InfoTarget(bucket, ("s",))) as window:
        wait_loaded(qtbot, window, ("infoEncryptionTab",))
        picker = window.encryption.kms_key
        wait_for(qtbot, lambda: "no KMS" in picker.toolTip())
        assert picker.count() == 1  # only "the account's default key"
        assert picker.isEditable()
        assert window.error_banner.isHidden()

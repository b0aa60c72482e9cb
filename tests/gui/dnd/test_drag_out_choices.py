"""Which formats a drag out offers, and how an XDS answer is read (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.dnd.drag_out import SMALL_BYTES, SMALL_COUNT, direct_save_folder, is_small
from app.ui.dnd.payload import ObjectsPayload

pytestmark = pytest.mark.gui


def test_small_means_files_only_few_and_not_too_big() -> None:
    assert is_small([10, 20])
    assert not is_small([]), "nothing to stage"
    assert not is_small([10, None]), "a folder's size is not known: XDS"
    assert not is_small([SMALL_BYTES, 1])
    assert is_small([1] * SMALL_COUNT) and not is_small([1] * (SMALL_COUNT + 1))


def test_an_xds_uri_names_the_folder_to_save_into_when_it_is_local_and_writable(
    tmp_path: Path,
) -> None:
    assert direct_save_folder((tmp_path / "name.txt").as_uri()) == tmp_path
    assert direct_save_folder((tmp_path / "missing" / "name.txt").as_uri()) is None
    assert direct_save_folder("smb://server/share/name.txt") is None
    assert direct_save_folder("name.txt") is None


def test_the_payload_survives_its_mime_form_and_rejects_junk() -> None:
    payload = ObjectsPayload("1-2", None, "b", ("a/", "x.txt"), cut=True)
    assert ObjectsPayload.decode(payload.encode()) == payload
    assert ObjectsPayload.decode(b"not json") is None
    assert ObjectsPayload.decode(b'{"token": "x"}') is None
    assert payload.s3_urls() == ["s3://b/a/", "s3://b/x.txt"]

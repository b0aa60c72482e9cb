"""Client-side key files named by path and fingerprint: read once per process, read again
after a restart, refused in words when gone, malformed or holding another key."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from app.core.cse.errors import CseKeyFileError
from app.core.cse.key_files import file_of, file_ref, fingerprint, forget_loaded_keys, key_for
from app.core.cse.key_store import wrapping_key
from app.core.cse.keys import LocalKey
from app.core.transfers.options import TransferOptions


def test_a_reference_names_the_file_and_fingerprint_and_finds_the_key_again(
    tmp_path: Path,
) -> None:
    key = os.urandom(32)
    path = tmp_path / "cse.key"
    path.write_text(base64.b64encode(key).decode() + "\n")
    ref = file_ref(path)
    assert file_of(ref) == (fingerprint(key), path.resolve())
    assert key.hex() not in ref and base64.b64encode(key).decode() not in ref
    forget_loaded_keys()  # as in a new process: the file is read again
    assert key_for(ref) == key
    wrapping = wrapping_key(TransferOptions(cse_key_ref=ref), None)  # type: ignore[arg-type]  # no KMS: no session
    assert isinstance(wrapping, LocalKey) and wrapping.key == key
    assert file_of("bookmark:1234") is None


def test_a_file_that_lost_the_key_or_is_gone_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "cse.key"
    path.write_bytes(os.urandom(32))
    ref = file_ref(path)
    forget_loaded_keys()
    path.write_bytes(os.urandom(32))
    with pytest.raises(CseKeyFileError, match="no longer holds the key the job was started"):
        key_for(ref)
    path.unlink()
    with pytest.raises(CseKeyFileError, match="cannot be read"):
        key_for(ref)
    path.write_text("not a key")
    with pytest.raises(CseKeyFileError, match="must hold 32 bytes"):
        file_ref(path)

"""A ring's bookkeeping: current key, lookups by MD5 and fingerprint, reordering."""

from __future__ import annotations

import os

import pytest

from app.core.sse_c.fingerprints import fingerprint, key_md5
from app.core.sse_c.key_ring import KeyRing


def test_the_first_key_is_current_and_lookups_find_each_key() -> None:
    keys = [os.urandom(32) for _ in range(3)]
    ring = KeyRing(keys)
    assert ring.current == keys[0]
    assert ring.by_md5(key_md5(keys[2])) == keys[2]
    assert ring.by_md5(f"{key_md5(keys[1])}, {key_md5(keys[1])}") == keys[1]  # SeaweedFS
    assert ring.by_fingerprint(fingerprint(keys[1])) == keys[1]
    assert ring.by_md5(key_md5(os.urandom(32))) is None
    assert ring.led_by(keys[2]).keys == (keys[2], keys[0], keys[1])


def test_fingerprints_differ_from_the_key_md5_and_hold_no_key_bytes() -> None:
    key = os.urandom(32)
    assert fingerprint(key) not in (key.hex(), key_md5(key))
    assert len(fingerprint(key)) == 16 and key.hex()[:16] != fingerprint(key)


@pytest.mark.parametrize("keys", [[], [b"short"], [b"k" * 32, b"k" * 32]])
def test_invalid_rings_are_refused(keys: list[bytes]) -> None:
    with pytest.raises(ValueError):
        KeyRing(keys)

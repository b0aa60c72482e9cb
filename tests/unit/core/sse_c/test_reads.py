"""Finding the key that opens an object, with a scripted `head` in place of the server: how
many HEADs each path costs, and answers SeaweedFS never gives (AWS's bare 400 for SSE-C
headers on an object without SSE-C). The same paths run against SeaweedFS in
tests/cli/test_sse_c_key_ring.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.fingerprints import key_md5
from app.core.sse_c.reads import known_read_sse, read_and_head, read_sse
from app.core.sse_c.rings import file_ref, forget_loaded_rings
from app.core.transfers.options import ServerSideEncryption, TransferOptions

KEYS = [os.urandom(32) for _ in range(3)]


class Server:
    """One object under `key` (None: no SSE-C); `names_md5` as SeaweedFS does, or not as AWS."""

    def __init__(self, key: bytes | None, names_md5: bool) -> None:
        self.key = key
        self.names_md5 = names_md5
        self.sent: list[bytes | None] = []

    def head(self, extra: dict[str, Any]) -> dict[str, Any]:
        given = extra.get("SSECustomerKey")
        self.sent.append(given)
        if given == self.key:
            return {"ContentLength": 1, **({"SSECustomerAlgorithm": "AES256"} if given else {})}
        headers = {}
        if self.key and self.names_md5:
            headers["x-amz-server-side-encryption-customer-key-md5"] = key_md5(self.key)
        code = "403" if given and self.key else "400"
        response: Any = {"Error": {"Code": code}, "ResponseMetadata": {"HTTPHeaders": headers}}
        raise ClientError(response, "HeadObject")


@pytest.fixture
def options(tmp_path: Path) -> TransferOptions:
    forget_loaded_rings()
    ring = tmp_path / "ring.txt"
    ring.write_text("".join(k.hex() + "\n" for k in KEYS))
    return TransferOptions(sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=file_ref(ring))


def test_a_named_key_md5_goes_straight_to_the_key(options: TransferOptions) -> None:
    server = Server(KEYS[2], names_md5=True)
    extra, head = read_and_head(options, "b", "k", server.head)
    assert extra["SSECustomerKey"] == KEYS[2] and head["ContentLength"] == 1
    assert server.sent == [KEYS[0], KEYS[2]]  # no blind try of KEYS[1]
    assert known_read_sse(options, "b", "k")["SSECustomerKey"] == KEYS[2]
    read_and_head(options, "b", "k", server.head)
    assert server.sent[2:] == [KEYS[2]]  # remembered: one HEAD, with the right key


def test_without_a_named_md5_each_key_is_tried_in_order(options: TransferOptions) -> None:
    server = Server(KEYS[2], names_md5=False)
    assert read_sse(options, "b", "k", server.head)[0]["SSECustomerKey"] == KEYS[2]
    assert server.sent == KEYS


@pytest.mark.parametrize("names_md5", [True, False])
def test_a_key_outside_the_ring(options: TransferOptions, names_md5: bool) -> None:
    server = Server(os.urandom(32), names_md5=names_md5)
    with pytest.raises(KeyNotInRing, match="not in this key ring"):
        read_and_head(options, "b", "k", server.head)
    assert len(server.sent) == (2 if names_md5 else 4)  # + one HEAD without a key


def test_an_object_without_sse_c_is_read_without_a_key(options: TransferOptions) -> None:
    server = Server(None, names_md5=False)  # AWS: 400 for SSE-C headers on a plain object
    extra, head = read_and_head(options, "b", "k", server.head)
    assert extra == {} and head["ContentLength"] == 1
    assert known_read_sse(options, "b", "k") == {}


def test_a_remembered_key_that_no_longer_fits_is_looked_for_again(
    options: TransferOptions,
) -> None:
    server = Server(KEYS[1], names_md5=True)
    read_and_head(options, "b", "k", server.head)
    server.key = KEYS[0]  # rewritten elsewhere under the current key
    extra, _ = read_and_head(options, "b", "k", server.head)
    assert extra["SSECustomerKey"] == KEYS[0]

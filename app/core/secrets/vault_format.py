"""The vault file's format (version 1): JSON around one AES-256-GCM ciphertext.

The key comes from the master password through scrypt with a random salt; the file keeps the
salt and scrypt parameters so they can change later. scrypt yields 64 bytes: the first 32 are
the AES key, a SHA-256 of the last 32 is stored as `check`, which tells a wrong password
(check differs) from a damaged or altered file (check matches, the GCM tag does not). The
header is the ciphertext's associated data, so changing any field of it is detected too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core.secrets.errors import VaultDamaged, VaultTooNew, VaultWrongPassword

FORMAT = "eider-vault"
VERSION = 1
DEFAULT_N = 2**15  # ~0.1 s and 32 MiB on a laptop: cheap once a session, dear for guessing
DEFAULT_R = 8
DEFAULT_P = 1
# Bounds a file's parameters must stay in, so an altered file cannot make Eider spend minutes
# or gigabytes before saying it is damaged.
_N_RANGE = (2**10, 2**20)
_R_RANGE = (1, 32)
_P_RANGE = (1, 16)


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P

    @classmethod
    def fresh(cls, n: int = DEFAULT_N) -> KdfParams:
        return cls(salt=os.urandom(16), n=n)

    def to_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "salt": _b64(self.salt), "n": self.n, "r": self.r, "p": self.p}


@dataclass(frozen=True)
class VaultKey:
    """A derived key and the parameters it came from; `repr` never shows the bytes."""

    params: KdfParams
    aes_key: bytes
    check: bytes

    def __repr__(self) -> str:
        return f"VaultKey(n={self.params.n}, <hidden>)"


def derive(password: str, params: KdfParams) -> VaultKey:
    material = Scrypt(salt=params.salt, length=64, n=params.n, r=params.r, p=params.p).derive(
        password.encode("utf-8")
    )
    return VaultKey(params, material[:32], hashlib.sha256(material[32:]).digest())


def seal(entries: dict[str, str], key: VaultKey) -> str:
    header = _header(key)
    nonce = os.urandom(12)
    plaintext = json.dumps({"entries": entries}, sort_keys=True).encode("utf-8")
    ciphertext = AESGCM(key.aes_key).encrypt(nonce, plaintext, _aad(header))
    document = {**header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
    return json.dumps(document, indent=1) + "\n"


def read_params(text: str, path: Path) -> KdfParams:
    """The scrypt parameters of a vault file (to derive its key), checked for sanity."""
    return _params(_document(text, path), path)


def open_sealed(text: str, key: VaultKey, path: Path) -> dict[str, str]:
    document = _document(text, path)
    if _params(document, path) != key.params:
        raise VaultWrongPassword()  # the key was made for other parameters (file replaced)
    if not hmac.compare_digest(_unb64(document.get("check"), path), key.check):
        raise VaultWrongPassword()
    header = {k: document[k] for k in ("format", "version", "kdf", "check")}
    nonce = _unb64(document.get("nonce"), path)
    ciphertext = _unb64(document.get("ciphertext"), path)
    try:
        plaintext = AESGCM(key.aes_key).decrypt(nonce, ciphertext, _aad(header))
    except (InvalidTag, ValueError):
        raise VaultDamaged(path, "its contents were changed or damaged") from None
    try:
        entries = json.loads(plaintext.decode("utf-8"))["entries"]
    except (ValueError, KeyError, TypeError):
        raise VaultDamaged(path, "its decrypted contents are not what Eider wrote") from None
    if not isinstance(entries, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in entries.items()
    ):
        raise VaultDamaged(path, "its decrypted contents are not what Eider wrote")
    return entries


def _header(key: VaultKey) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "kdf": key.params.to_json(),
        "check": _b64(key.check),
    }


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _document(text: str, path: Path) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except ValueError:
        raise VaultDamaged(path, "it is not a vault file (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise VaultDamaged(path, "it is not an Eider vault file")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise VaultDamaged(path, "its format version is missing")
    if version > VERSION:
        raise VaultTooNew(path, version)
    return document


def _params(document: dict[str, Any], path: Path) -> KdfParams:
    kdf = document.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise VaultDamaged(path, "its key-derivation settings are missing")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
        raise VaultDamaged(path, "its key-derivation settings are not numbers")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (
        _N_RANGE[0] <= n <= _N_RANGE[1]
        and n & (n - 1) == 0
        and _R_RANGE[0] <= r <= _R_RANGE[1]
        and _P_RANGE[0] <= p <= _P_RANGE[1]
    ):
        raise VaultDamaged(path, "its key-derivation settings are out of range")
    return KdfParams(salt=_unb64(kdf.get("salt"), path), n=n, r=r, p=p)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, path: Path) -> bytes:
    if not isinstance(value, str):
        raise VaultDamaged(path, "a field is missing")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise VaultDamaged(path, "a field is not valid base64") from None

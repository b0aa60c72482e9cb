"""The envelope: what the object's metadata (or its instruction file) says about its encryption.

v2 names: x-amz-key-v2, x-amz-iv, x-amz-cek-alg, x-amz-wrap-alg, x-amz-matdesc, x-amz-tag-len.
v3 names are short: x-amz-3 (wrapped key), x-amz-w (wrap algorithm as a code), x-amz-c (suite),
x-amz-i (message id), x-amz-d (key commitment), x-amz-t (KMS context), x-amz-m (description).
Metadata names arrive without their `x-amz-meta-` prefix (botocore strips it).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from app.core.cse.errors import CseFormatError
from app.core.cse.suites import (
    COMMITMENT_BYTES,
    GCM_IV_BYTES,
    GCM_TAG_BYTES,
    MESSAGE_ID_BYTES,
    Suite,
)

INSTRUCTION_SUFFIX = ".instruction"

KMS_CONTEXT = "kms+context"
AES_GCM = "AES/GCM"
_V3_WRAP_CODES = {"12": KMS_CONTEXT, "02": AES_GCM}
_V3_CODES = {name: code for code, name in _V3_WRAP_CODES.items()}
_V3_OTHER_CODES = {"22": "RSA-OAEP-SHA1"}
_LEGACY_WRAPS = {"kms", "AES", "AESWrap", "RSA", "RSA-OAEP-SHA1"}

V1_KEY = "x-amz-key"
V2_KEY = "x-amz-key-v2"
V2_IV = "x-amz-iv"
V2_CEK_ALG = "x-amz-cek-alg"
V2_WRAP_ALG = "x-amz-wrap-alg"
V2_MATDESC = "x-amz-matdesc"
V2_TAG_LEN = "x-amz-tag-len"
V3_KEY = "x-amz-3"
V3_WRAP = "x-amz-w"
V3_SUITE = "x-amz-c"
V3_MESSAGE_ID = "x-amz-i"
V3_COMMITMENT = "x-amz-d"
V3_KMS_CONTEXT = "x-amz-t"
V3_MATDESC = "x-amz-m"

ENVELOPE_NAMES = frozenset(
    {
        V1_KEY,
        V2_KEY,
        V2_IV,
        V2_CEK_ALG,
        V2_WRAP_ALG,
        V2_MATDESC,
        V2_TAG_LEN,
        V3_KEY,
        V3_WRAP,
        V3_SUITE,
        V3_MESSAGE_ID,
        V3_COMMITMENT,
        V3_KMS_CONTEXT,
        V3_MATDESC,
        "x-amz-crypto-instr-file",
    }
)
# v3 keeps these in the object's metadata even when the rest is in an instruction file.
_V3_CONTENT_NAMES = frozenset({V3_SUITE, V3_MESSAGE_ID, V3_COMMITMENT})
_V2_CONTENT_NAMES = frozenset({V2_IV, V2_CEK_ALG, V2_WRAP_ALG})


@dataclass(frozen=True)
class Envelope:
    suite: Suite
    wrap: str  # KMS_CONTEXT or AES_GCM
    wrapped_key: bytes
    # The KMS encryption context (kms+context) or the material description (AES/GCM).
    context: dict[str, str] = field(default_factory=dict)
    iv: bytes = b""  # v2 only
    message_id: bytes = b""  # v3 only
    commitment: bytes = b""  # v3 only

    def to_metadata(self) -> dict[str, str]:
        """User metadata for the object (names without the x-amz-meta- prefix)."""
        if self.suite is Suite.GCM_V2:
            return {
                V2_KEY: _b64(self.wrapped_key),
                V2_IV: _b64(self.iv),
                V2_CEK_ALG: self.suite.value,
                V2_WRAP_ALG: self.wrap,
                V2_MATDESC: json.dumps(self.context),
                V2_TAG_LEN: str(GCM_TAG_BYTES * 8),
            }
        meta = {
            V3_KEY: _b64(self.wrapped_key),
            V3_WRAP: _V3_CODES[self.wrap],
            V3_SUITE: self.suite.value,
            V3_MESSAGE_ID: _b64(self.message_id),
            V3_COMMITMENT: _b64(self.commitment),
        }
        if self.context:
            meta[V3_KMS_CONTEXT if self.wrap == KMS_CONTEXT else V3_MATDESC] = json.dumps(
                self.context
            )
        return meta


def needs_instruction_file(metadata: dict[str, str]) -> bool:
    if any(name in metadata for name in (V1_KEY, V2_KEY, V3_KEY)):
        return False
    return bool(_V3_CONTENT_NAMES & metadata.keys())


def parse_instruction_file(body: bytes, name: str) -> dict[str, str]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise CseFormatError(f"The instruction file {name} is not JSON") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CseFormatError(f"The instruction file {name} is not a JSON object of strings")
    strangers = set(data) - ENVELOPE_NAMES
    if strangers:
        raise CseFormatError(
            f"The instruction file {name} holds names that are not encryption metadata: "
            + ", ".join(sorted(strangers))
        )
    if not data.keys() & {V1_KEY, V2_KEY, V3_KEY}:
        raise CseFormatError(f"The instruction file {name} holds no encrypted data key")
    return data


def merge_instruction_file(metadata: dict[str, str], instruction: dict[str, str]) -> dict[str, str]:
    """The object's envelope from its metadata and its instruction file, refusing mixtures that
    a legitimate writer never makes (a swapped instruction file must not downgrade v3 to v2)."""
    if _V3_CONTENT_NAMES & instruction.keys():
        raise CseFormatError(
            "The instruction file holds what only the object's own metadata may hold "
            "(x-amz-c, x-amz-d, x-amz-i): it was changed or belongs to another object"
        )
    if V2_KEY in instruction and (_V2_CONTENT_NAMES | _V3_CONTENT_NAMES) & metadata.keys():
        raise CseFormatError(
            "The object's metadata and its instruction file describe different formats"
        )
    mine = {k: v for k, v in metadata.items() if k in ENVELOPE_NAMES}
    return {**instruction, **mine}


def parse(metadata: dict[str, str]) -> Envelope:
    """The envelope in `metadata` (instruction file already merged in)."""
    present = [name for name in (V1_KEY, V2_KEY, V3_KEY) if name in metadata]
    if len(present) > 1:
        raise CseFormatError(
            "The object's encryption metadata mixes format versions "
            f"({', '.join(present)}): it was changed"
        )
    if not present:
        raise CseFormatError("The object has no client-side encryption metadata")
    if present[0] == V1_KEY:
        raise CseFormatError(
            "The object is in the v1 format (AES-CBC, unauthenticated), which Eider does not "
            "decrypt; re-encrypt it with a current S3 Encryption Client"
        )
    if present[0] == V2_KEY:
        return _parse_v2(metadata)
    return _parse_v3(metadata)


def _parse_v2(meta: dict[str, str]) -> Envelope:
    if _V3_CONTENT_NAMES & meta.keys():
        raise CseFormatError("The object's v2 encryption metadata carries v3 names: it was changed")
    cek = _required(meta, V2_CEK_ALG)
    if cek != Suite.GCM_V2.value:
        raise CseFormatError(
            f"The object's content is encrypted with {cek}; Eider decrypts only AES/GCM/NoPadding"
            " (the legacy unauthenticated modes are refused)"
        )
    if meta.get(V2_TAG_LEN, "128") != "128":
        raise CseFormatError(f"The object's GCM tag is {meta[V2_TAG_LEN]} bits, not 128")
    return Envelope(
        suite=Suite.GCM_V2,
        wrap=_wrap(_required(meta, V2_WRAP_ALG)),
        wrapped_key=_unb64(meta, V2_KEY),
        context=_json_map(meta, V2_MATDESC),
        iv=_unb64(meta, V2_IV, GCM_IV_BYTES),
    )


def _parse_v3(meta: dict[str, str]) -> Envelope:
    suite = _required(meta, V3_SUITE)
    if suite != Suite.GCM_COMMITTING_V3.value:
        raise CseFormatError(f"The object's content suite {suite} is not one Eider decrypts")
    code = _required(meta, V3_WRAP)
    if code not in _V3_WRAP_CODES:
        _wrap(_V3_OTHER_CODES.get(code, code))  # names the ones Eider knows of but refuses
        raise CseFormatError(f"The object's key wrapping code {code} is not known")
    wrap = _V3_WRAP_CODES[code]
    context_name = V3_KMS_CONTEXT if wrap == KMS_CONTEXT else V3_MATDESC
    return Envelope(
        suite=Suite.GCM_COMMITTING_V3,
        wrap=wrap,
        wrapped_key=_unb64(meta, V3_KEY),
        context=_json_map(meta, context_name),
        message_id=_unb64(meta, V3_MESSAGE_ID, MESSAGE_ID_BYTES),
        commitment=_unb64(meta, V3_COMMITMENT, COMMITMENT_BYTES),
    )


def _wrap(name: str) -> str:
    if name in (KMS_CONTEXT, AES_GCM):
        return name
    if name in _LEGACY_WRAPS:
        raise CseFormatError(
            f"The object's data key is wrapped with {name}, which Eider does not unwrap "
            "(only kms+context and AES/GCM)"
        )
    raise CseFormatError(f"The object's key wrapping algorithm {name} is not known")


def _required(meta: dict[str, str], name: str) -> str:
    value = meta.get(name)
    if not value:
        raise CseFormatError(f"The object's encryption metadata lacks {name}")
    return value


def _unb64(meta: dict[str, str], name: str, length: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(_required(meta, name), validate=True)
    except (binascii.Error, ValueError):
        raise CseFormatError(f"The object's {name} is not base64") from None
    if length is not None and len(raw) != length:
        raise CseFormatError(f"The object's {name} is {len(raw)} bytes, not {length}")
    return raw


def _json_map(meta: dict[str, str], name: str) -> dict[str, str]:
    text = meta.get(name)
    if not text:
        return {}
    try:
        data: Any = json.loads(text)
    except ValueError:
        raise CseFormatError(f"The object's {name} is not JSON") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise CseFormatError(f"The object's {name} is not a JSON object of strings")
    return data


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()

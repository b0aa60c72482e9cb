"""A provider's integrity policy: what each upload request carries, and where the whole
object's checksum that later downloads check against is kept.

The full-object CRC is cheap (well under a tenth of a CPU-second per GiB with a hardware
CRC, against about 1.7 for MD5), so every policy keeps one:

- CRC64NVME / CRC32C: every request carries that CRC, the provider checks it and keeps the
  whole object's CRC (multipart uploads send it as a FULL_OBJECT checksum), and downloads
  check against what the provider reports. CRC32C is for providers without CRC64NVME.
- MD5: for providers that reject the newer checksum headers or require Content-MD5; every
  request carries Content-MD5 and Eider keeps its own whole-file CRC64NVME in the object's
  user metadata (`x-amz-meta-eider-crc64nvme`), which downloads check against.
- NONE: no per-request checksum (TLS alone); Eider's metadata CRC64NVME as for MD5.
"""

from __future__ import annotations

from enum import StrEnum


class IntegrityPolicy(StrEnum):
    CRC64NVME = "crc64nvme"
    CRC32C = "crc32c"
    MD5 = "md5"
    NONE = "none"

    @property
    def provider_keeps_crc(self) -> bool:
        """True when the provider checks and keeps the full-object CRC sent with uploads."""
        return self in (IntegrityPolicy.CRC64NVME, IntegrityPolicy.CRC32C)


def integrity_from_text(text: str, where: str) -> IntegrityPolicy:
    """The policy named by `text` ("crc64nvme", ...); ValueError naming `where` otherwise."""
    try:
        return IntegrityPolicy(text.strip().lower())
    except ValueError:
        known = ", ".join(p.value for p in IntegrityPolicy)
        raise ValueError(f"{where}: checksum policy '{text}' is not one of {known}") from None

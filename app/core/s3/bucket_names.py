"""S3's bucket naming rules, each violated rule with its own message."""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple

_ALLOWED = re.compile(r"^[a-z0-9.-]*$")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


class NameProblem(NamedTuple):
    rule: str  # a stable identifier, e.g. "length"
    message: str


def bucket_name_problems(name: str) -> list[NameProblem]:
    """Every naming rule `name` breaks; empty when S3 accepts it."""
    problems: list[NameProblem] = []
    if not 3 <= len(name) <= 63:
        problems.append(
            NameProblem(
                "length", f"A bucket name must be 3 to 63 characters long; this is {len(name)}."
            )
        )
    upper = sorted({c for c in name if c.isupper()})
    if upper:
        problems.append(
            NameProblem(
                "lowercase",
                "A bucket name cannot contain uppercase letters: " + " ".join(upper) + ".",
            )
        )
    bad = sorted({c for c in name if not c.isupper() and not _ALLOWED.match(c)})
    if bad:
        shown = " ".join("space" if c == " " else repr(c) for c in bad)
        problems.append(
            NameProblem(
                "characters",
                "A bucket name may only contain lowercase letters, digits, hyphens (-) and "
                f"dots (.); not {shown}.",
            )
        )
    if name and not (name[0].isalnum() and name[-1].isalnum()):
        problems.append(
            NameProblem("ends", "A bucket name must start and end with a letter or a digit.")
        )
    if ".." in name:
        problems.append(
            NameProblem("adjacent-dots", "A bucket name cannot contain two dots in a row.")
        )
    if _is_ip_address(name):
        problems.append(
            NameProblem("ip-address", "A bucket name cannot look like an IP address (192.168.5.4).")
        )
    for prefix in _RESERVED_PREFIXES:
        if name.startswith(prefix):
            problems.append(
                NameProblem(
                    "prefix", f"A bucket name cannot start with '{prefix}' (reserved by S3)."
                )
            )
    for suffix in _RESERVED_SUFFIXES:
        if name.endswith(suffix):
            problems.append(
                NameProblem("suffix", f"A bucket name cannot end with '{suffix}' (reserved by S3).")
            )
    return problems


def bucket_name_warnings(name: str) -> list[str]:
    """Advice for a valid name that will still cause trouble."""
    if "." in name and not _is_ip_address(name):
        return [
            "Bucket names with dots do not work with virtual-hosted HTTPS addresses (the "
            "certificate does not cover them); Eider will use path-style URLs for this bucket."
        ]
    return []


def is_valid_bucket_name(name: str) -> bool:
    return not bucket_name_problems(name)


def is_dns_compatible(name: str) -> bool:
    """True when the name can be a single DNS label under a host: virtual-host addressing over
    TLS works for it (valid, and no dots)."""
    return is_valid_bucket_name(name) and "." not in name


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return bool(re.fullmatch(r"\d+\.\d+\.\d+\.\d+", name))
    return True

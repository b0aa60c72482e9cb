"""A connection profile as read from a Cyberduck-format file, before it becomes a Connection."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.connection import Scheme, SignatureVersion
from app.core.profiles.icon import Icon


@dataclass(frozen=True)
class Profile:
    """Every key of the file, typed. A boolean left as None was absent: the S3 default applies."""

    source: str  # file name the profile came from (for messages)
    protocol: str
    vendor: str
    description: str
    name: str = ""
    default_nickname: str = ""
    scheme: Scheme | None = None
    default_hostname: str = ""
    hostname_configurable: bool | None = None
    hostname_placeholder: str = ""
    default_port: int | None = None
    port_configurable: bool | None = None
    default_path: str = ""
    path_configurable: bool | None = None
    path_placeholder: str = ""
    username_configurable: bool | None = None
    username_placeholder: str = ""
    password_configurable: bool | None = None
    password_placeholder: str = ""
    anonymous_configurable: bool | None = None
    token_configurable: bool | None = None
    token_placeholder: str = ""
    role_configurable: bool | None = None
    mfa_configurable: bool | None = None
    region: str = ""
    regions: tuple[str, ...] = ()
    authorization: str = ""  # as written: AWS2, AWS4HMACSHA256, AuthorizationCode, ...
    context: str = ""
    sts_endpoint: str = ""
    help_url: str = ""
    icon: Icon | None = None
    properties: dict[str, str] = field(default_factory=dict)
    # Top-level keys Eider does not read, kept as found (JSON-safe form).
    unknown_keys: dict[str, Any] = field(default_factory=dict)
    # Keys read but not honoured (OAuth, ...), and oddities tolerated while reading.
    notes: tuple[str, ...] = ()

    @property
    def identity(self) -> str:
        """The name bookmarks use to refer to this profile (Cyberduck's `Provider`)."""
        return self.vendor

    @property
    def signature_version(self) -> SignatureVersion:
        auth = self.authorization or self.properties.get("s3.signature.version", "")
        return SignatureVersion.V2 if auth.upper() == "AWS2" else SignatureVersion.V4

    @property
    def unsupported_authorization(self) -> str:
        """The OAuth/OIDC flow this profile asks for, which Eider cannot do; '' when none."""
        if self.authorization and self.authorization.upper() not in {
            "AWS2",
            "AWS4HMACSHA256",
            "AWS4",
        }:
            return self.authorization
        return ""

"""Turn the top-level dict of a profile file into a `Profile`, checking every value's type.

Only the protocol id ``s3`` is accepted. Cyberduck's other S3-derived ids (``s3-iam``,
``s3-login``, ``spectra``) are refused like any other protocol: Eider has not verified that
they behave as plain S3, and a clear refusal beats a connection that half works.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.core.connection import Scheme
from app.core.profiles.errors import ProfileError
from app.core.profiles.icon import decode_icon
from app.core.profiles.model import Profile
from app.core.profiles.plist_reader import parse_plist_bytes, read_plist_file, type_name

SUPPORTED_PROTOCOLS = frozenset({"s3"})
PROFILE_SUFFIXES = (".cyberduckprofile", ".profile")

_STRING_KEYS = {
    "Vendor": "vendor",
    "Description": "description",
    "Name": "name",
    "Default Nickname": "default_nickname",
    "Default Hostname": "default_hostname",
    "Hostname Placeholder": "hostname_placeholder",
    "Default Path": "default_path",
    "Path Placeholder": "path_placeholder",
    "Username Placeholder": "username_placeholder",
    "Password Placeholder": "password_placeholder",
    "Token Placeholder": "token_placeholder",
    "Region": "region",
    "Authorization": "authorization",
    "Context": "context",
    "STS Endpoint": "sts_endpoint",
    "Help": "help_url",
}
_BOOL_KEYS = {
    "Hostname Configurable": "hostname_configurable",
    "Port Configurable": "port_configurable",
    "Path Configurable": "path_configurable",
    "Username Configurable": "username_configurable",
    "Password Configurable": "password_configurable",
    "Anonymous Configurable": "anonymous_configurable",
    "Token Configurable": "token_configurable",
    "Role Configurable": "role_configurable",
    "Multi Factor Configurable": "mfa_configurable",
}
# Read and type-checked, but Eider has no use for them (OAuth flows, SSH, client certificates).
_IGNORED_KEYS = frozenset(
    {
        "OAuth Configurable",
        "OAuth Authorization Url",
        "OAuth Token Url",
        "OAuth Redirect Url",
        "OAuth Client ID",
        "OAuth Client Secret",
        "OAuth PKCE",
        "Scopes",
        "Schemes",
        "Certificate Configurable",
        "Private Key Configurable",
        "Bundled",
        "Deprecated",
        "Icon",
    }
)
_HANDLED_KEYS = (
    set(_STRING_KEYS)
    | set(_BOOL_KEYS)
    | {"Protocol", "Scheme", "Default Port", "Regions", "Disk", "Properties"}
)


def load_profile(path: Path) -> Profile:
    """Read and check a profile file; every fault is a ProfileError naming the file."""
    if path.suffix.lower() not in PROFILE_SUFFIXES and path.suffix:
        raise ProfileError(
            f"{path.name}: not a profile file name (expected .cyberduckprofile or .profile)"
        )
    return profile_from_dict(read_plist_file(path, "profile"), path.name)


def profile_from_bytes(data: bytes, name: str) -> Profile:
    return profile_from_dict(parse_plist_bytes(data, name, "profile"), name)


def profile_from_dict(raw: Mapping[str, Any], name: str) -> Profile:
    protocol = raw.get("Protocol")
    if protocol is None:
        raise ProfileError(f"{name}: the required key 'Protocol' is missing")
    if not isinstance(protocol, str):
        raise ProfileError(f"{name}: 'Protocol' must be a string, found {type_name(protocol)}")
    protocol = protocol.strip()
    if not protocol:
        raise ProfileError(f"{name}: 'Protocol' is empty")
    if protocol.lower() not in SUPPORTED_PROTOCOLS:
        raise ProfileError(f"{name}: protocol {protocol} is not supported by Eider")

    notes: list[str] = []
    fields: dict[str, Any] = {"protocol": protocol.lower()}
    for key, attr in _STRING_KEYS.items():
        if key in raw:
            fields[attr] = _string(raw[key], key, name).strip()
    for key, attr in _BOOL_KEYS.items():
        if key in raw:
            fields[attr] = _boolean(raw[key], key, name)
    for key in sorted(_IGNORED_KEYS & raw.keys()):
        if raw[key] not in (False, "", [], "false"):  # a switched-off feature needs no note
            notes.append(f"'{key}' is not used by Eider")
    if not fields.get("vendor"):
        raise ProfileError(f"{name}: the required key 'Vendor' is missing or empty")
    if not fields.get("description"):
        fields["description"] = fields["vendor"]
        notes.append("'Description' is missing; the Vendor is shown instead")

    if "Scheme" in raw:
        scheme = _string(raw["Scheme"], "Scheme", name).strip().lower()
        if scheme in ("https", "http"):
            fields["scheme"] = Scheme(scheme)
        elif scheme:
            raise ProfileError(f"{name}: 'Scheme' must be https or http, found '{scheme}'")
    if "Default Port" in raw:
        fields["default_port"] = _port(raw["Default Port"], name, notes)
    if "Regions" in raw:
        fields["regions"] = tuple(
            r.strip() for r in _string_list(raw["Regions"], "Regions", name) if r.strip()
        )
    if "Disk" in raw:
        icon = decode_icon(_string(raw["Disk"], "Disk", name))
        if icon is None:
            notes.append("'Disk' holds no decodable image; no icon")
        fields["icon"] = icon
    if "Properties" in raw:
        fields["properties"] = _properties(raw["Properties"], name)

    region, regions = fields.get("region", ""), fields.get("regions", ())
    if region and regions and region not in regions:
        notes.append(f"Region {region} is not among the Regions listed")
    auth = fields.get("authorization", "")
    if auth.upper() == "AWS4":
        notes.append("Authorization 'AWS4' is not a known value; AWS4HMACSHA256 is used")
    elif auth and auth.upper() not in ("AWS2", "AWS4HMACSHA256"):
        notes.append(
            f"Authorization '{auth}' (OAuth/OpenID Connect sign-in) is not supported by Eider; "
            "use access keys"
        )
    context = fields.get("context", "")
    if context and not context.lower().startswith(("http://", "https://")):
        notes.append(f"Context path prefix '{context}' is not supported by Eider and is ignored")
    if any("${" in str(v) for v in fields.values() if isinstance(v, str)):
        notes.append("${...} preference placeholders are kept as written, not substituted")

    unknown = {
        k: _json_safe(v, name) for k, v in raw.items() if k not in _HANDLED_KEYS | _IGNORED_KEYS
    }
    return Profile(source=name, unknown_keys=unknown, notes=tuple(notes), **fields)


def _string(value: object, key: str, name: str) -> str:
    if isinstance(value, str):
        return value
    raise ProfileError(f"{name}: '{key}' must be a string, found {type_name(value)}")


def _boolean(value: object, key: str, name: str) -> bool:
    """Cyberduck reads booleans through their text: "true" (any case) or "1" is true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no", ""):
            return False
        raise ProfileError(f"{name}: '{key}' must be true or false, found '{value.strip()}'")
    if isinstance(value, int):
        return value == 1
    raise ProfileError(f"{name}: '{key}' must be a boolean, found {type_name(value)}")


def _port(value: object, name: str, notes: list[str]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ProfileError(
            f"{name}: 'Default Port' must be a number or a string holding one, "
            f"found {type_name(value)}"
        )
    text = str(value).strip()
    if not text:
        return None
    if not text.isdigit():
        notes.append(f"Default Port '{text}' is not a number and is ignored")
        return None
    port = int(text)
    if not 0 < port < 65536:
        raise ProfileError(f"{name}: Default Port {port} is outside 1-65535")
    return port


def _string_list(value: object, key: str, name: str) -> list[str]:
    if not isinstance(value, list):
        raise ProfileError(f"{name}: '{key}' must be an array of strings, found {type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ProfileError(
                f"{name}: '{key}' item {index + 1} must be a string, found {type_name(item)}"
            )
    return value


def _properties(value: object, name: str) -> dict[str, str]:
    """Properties as a dict (values string/boolean/number) or as an array of key=value strings."""
    result: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, bool):
                result[key.strip()] = "true" if item else "false"
            elif isinstance(item, (str, int, float)):
                result[key.strip()] = str(item).strip()
            else:
                raise ProfileError(
                    f"{name}: property '{key}' must be a string or boolean, found {type_name(item)}"
                )
        return result
    if isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise ProfileError(
                    f"{name}: 'Properties' item {index + 1} must be a key=value string, "
                    f"found {type_name(item)}"
                )
            key, _, text = item.partition("=")
            if key.strip():
                result[key.strip()] = text.strip()
        return result
    raise ProfileError(
        f"{name}: 'Properties' must be a dictionary or an array of key=value strings, "
        f"found {type_name(value)}"
    )


MAX_NESTING = 32


def _json_safe(value: object, name: str = "", depth: int = 0) -> Any:
    if depth > MAX_NESTING:
        raise ProfileError(f"{name}: values are nested more than {MAX_NESTING} levels deep")
    if isinstance(value, dict):
        return {str(k): _json_safe(v, name, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v, name, depth + 1) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value

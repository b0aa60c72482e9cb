"""Connection options shared by the transfer commands, in the AWS CLI's spelling.

Precedence: the command-line options, then the AWS_* environment variables, then `--bookmark`
(a saved connection) with its overrides, then the Preferences (timeouts, retries, listing size,
proxy, CA bundle). Credentials: `--no-sign-request` (anonymous), else `--profile` /
AWS_PROFILE (an AWS CLI profile), else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, else the
AWS CLI's `default` profile. AWS_MAX_ATTEMPTS caps the tries per request (first one included).
A bookmark's secret comes from the keyring, or without one from `secret_sources`.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from app.cli.secret_sources import ensure_bookmark_secret
from app.core.bookmarks import BookmarkStore, connection_for_bookmark
from app.core.connection import DEFAULT_AWS_HOST, AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.preferences.effects import connection_with
from app.core.preferences.loading import load_preferences
from app.core.s3.session import S3Session
from app.core.tls_pinning import BadFingerprint, normalised

DEFAULT_REGION = "us-east-1"


class ConnectionArgsError(ValueError):
    """The options do not describe a usable connection (a usage error)."""


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument("--bookmark", metavar="NAME", help="a saved connection (id or nickname)")
    group.add_argument("--endpoint-url", metavar="URL", help="S3 endpoint, e.g. https://host:9000")
    group.add_argument("--region", help="region to sign for (default: AWS_REGION or us-east-1)")
    group.add_argument("--profile", metavar="NAME", help="an AWS CLI profile (~/.aws/config)")
    group.add_argument(
        "--no-sign-request", action="store_true", help="send anonymous (unsigned) requests"
    )
    group.add_argument(
        "--no-verify-ssl", action="store_true", help="do not verify TLS certificates"
    )
    group.add_argument("--ca-bundle", metavar="FILE", help="PEM bundle of CAs to trust")
    group.add_argument(
        "--trust-fingerprint",
        metavar="SHA256",
        help="trust the server certificate with this SHA-256 fingerprint (and no other)",
    )
    group.add_argument(
        "--path-style", action="store_true", help="put the bucket in the path, not the host name"
    )
    group.add_argument(
        "--connect-timeout", type=float, metavar="SECONDS", help="default: the Preferences'"
    )
    group.add_argument(
        "--read-timeout", type=float, metavar="SECONDS", help="default: the Preferences'"
    )
    group.add_argument(
        "--proxy", metavar="URL", help="http://host:port (default: the Preferences')"
    )


def bookmark_id_from_args(args: argparse.Namespace) -> str | None:
    """The id of the bookmark named by --bookmark (an id or a nickname), if any."""
    if not getattr(args, "bookmark", None):
        return None
    return BookmarkStore().get(args.bookmark).id


def connection_from_args(args: argparse.Namespace) -> Connection:
    bookmark = None
    if getattr(args, "bookmark", None):
        bookmark = BookmarkStore().get(args.bookmark)
        connection = connection_for_bookmark(bookmark)
    else:
        connection = _endpoint_connection(args)
        connection = replace(connection, credentials=_credentials(args))
        connection = connection_with(connection, load_preferences())
    changes: dict[str, object] = {}
    attempts = os.environ.get("AWS_MAX_ATTEMPTS")
    if attempts:
        if not attempts.isdigit() or int(attempts) < 1:
            raise ConnectionArgsError(
                f"AWS_MAX_ATTEMPTS must be a whole number from 1, not '{attempts}'"
            )
        changes["max_attempts"] = int(attempts)
    if args.region:
        changes["region"] = args.region
    if args.no_verify_ssl:
        changes["verify_tls"] = False
    if args.ca_bundle:
        if not Path(args.ca_bundle).is_file():
            raise ConnectionArgsError(f"The CA bundle {args.ca_bundle} does not exist")
        changes["ca_bundle"] = args.ca_bundle
    if getattr(args, "trust_fingerprint", None):
        try:
            changes["pinned_certificate"] = normalised(args.trust_fingerprint)
        except BadFingerprint as exc:
            raise ConnectionArgsError(f"--trust-fingerprint: {exc}") from None
    if args.path_style:
        changes["addressing_style"] = AddressingStyle.PATH
    for name in ("connect_timeout", "read_timeout"):
        value = getattr(args, name, None)
        if value is not None:
            if value <= 0:
                flag = "--" + name.replace("_", "-")
                raise ConnectionArgsError(f"{flag} must be more than 0 seconds")
            changes[name] = value
    if getattr(args, "proxy", None):
        if not args.proxy.startswith(("http://", "https://")):
            raise ConnectionArgsError(f"--proxy '{args.proxy}' must be an http:// or https:// URL")
        changes["proxy"] = args.proxy
    if args.no_sign_request:
        changes["credentials"] = CredentialSpec(kind=CredentialKind.ANONYMOUS)
    elif args.profile and args.bookmark:
        changes["credentials"] = CredentialSpec(
            kind=CredentialKind.AWS_PROFILE, profile_name=args.profile
        )
    connection = replace(connection, **changes) if changes else connection  # type: ignore[arg-type]
    if bookmark is not None:
        ensure_bookmark_secret(bookmark, connection)  # without a keyring: vault, env, terminal
    return connection


def open_session(args: argparse.Namespace) -> S3Session:
    """Resolves the credentials now: a missing key shows before any transfer starts."""
    return S3Session(connection_from_args(args))


def _endpoint_connection(args: argparse.Namespace) -> Connection:
    url = (
        args.endpoint_url
        or os.environ.get("AWS_ENDPOINT_URL_S3")
        or os.environ.get("AWS_ENDPOINT_URL")
    )
    region = (
        args.region
        or os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or DEFAULT_REGION
    )
    if not url:
        return Connection(host=DEFAULT_AWS_HOST, region=region)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConnectionArgsError(f"'{url}' is not an endpoint URL; write https://host[:port]")
    if parts.path not in ("", "/"):
        raise ConnectionArgsError(f"The endpoint URL '{url}' must not have a path")
    try:
        port = parts.port
        return Connection(
            host=parts.hostname, scheme=Scheme(parts.scheme), port=port, region=region
        )
    except ValueError as exc:
        raise ConnectionArgsError(f"'{url}' is not a usable endpoint URL: {exc}") from None


def _credentials(args: argparse.Namespace) -> CredentialSpec:
    if args.no_sign_request:
        return CredentialSpec(kind=CredentialKind.ANONYMOUS)
    profile = args.profile or os.environ.get("AWS_PROFILE")
    if profile:
        return CredentialSpec(kind=CredentialKind.AWS_PROFILE, profile_name=profile)
    access_key = os.environ.get("AWS_ACCESS_KEY_ID")
    if access_key:
        # The key id (not the secret) names the account in the transfer journal.
        return CredentialSpec(kind=CredentialKind.ENVIRONMENT, access_key_id=access_key)
    return CredentialSpec(kind=CredentialKind.AWS_PROFILE, profile_name="default")

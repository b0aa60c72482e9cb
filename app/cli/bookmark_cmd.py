"""`eider bookmark list|add|remove|show|import|export`. Secrets never come from arguments."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.secret_sources import VAULT_PASSWORD_ENV, open_vault
from app.core.atomic_file import write_atomically
from app.core.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    BookmarkStoreError,
    connection_for_bookmark,
    export_duck,
    import_duck,
    profile_for,
)
from app.core.bookmarks.connect import credential_kind
from app.core.bookmarks.duck import duck_file_name
from app.core.bookmarks.secret_location import locate_secret
from app.core.credentials.spec import CredentialKind
from app.core.profiles import ProfileError
from app.core.secrets import SecretStoreError, keyring_usable
from app.core.tls_pinning import shown

_NEEDS_SECRET = (CredentialKind.STATIC, CredentialKind.ASSUME_ROLE)
_ERRORS = (BookmarkError, BookmarkStoreError, ProfileError, SecretStoreError)


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("bookmark", help="manage saved connections")
    actions = parser.add_subparsers(dest="bookmark_action", metavar="ACTION", required=True)

    lst = actions.add_parser("list", help="list bookmarks")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_list)

    # No abbreviations: "--secret VALUE" must not be taken for --secret-stdin.
    add = actions.add_parser(
        "add",
        help="add a bookmark; the secret key is prompted for or read from stdin",
        allow_abbrev=False,
    )
    add.add_argument("--profile", required=True, help="profile Vendor (see 'eider profile list')")
    add.add_argument("--nickname", required=True)
    add.add_argument("--host")
    add.add_argument("--port", type=int)
    add.add_argument("--path", default="", help="initial bucket/prefix")
    add.add_argument("--access-key", default="", help="access key ID (or AWS CLI profile name)")
    add.add_argument(
        "--credentials",
        choices=[k.value for k in CredentialKind],
        help="credential source (default: what the profile implies)",
    )
    add.add_argument("--role-arn", default="")
    add.add_argument("--mfa-serial", default="")
    add.add_argument("--region")
    add.add_argument("--storage-class")
    add.add_argument("--acl")
    add.add_argument(
        "--encryption",
        help="for uploads: AES256, aws:kms, aws:kms:<key id> or sse-c (the bookmark's key ring)",
    )
    add.add_argument("--download-folder")
    add.add_argument("--sse-c-key-ref", help="keyring name of a stored SSE-C key")
    add.add_argument("--comment", default="")
    add.add_argument(
        "--trust-fingerprint", metavar="SHA256", help="trust this TLS certificate (SHA-256)"
    )
    secret = add.add_mutually_exclusive_group()
    secret.add_argument(
        "--secret-stdin", action="store_true", help="read the secret key from standard input"
    )
    secret.add_argument("--no-secret", action="store_true", help="store no secret key now")
    add.set_defaults(func=_add)

    trust = actions.add_parser(
        "trust", help="trust one TLS certificate for a bookmark, by its SHA-256 fingerprint"
    )
    trust.add_argument("bookmark", help="id, id prefix or nickname")
    which = trust.add_mutually_exclusive_group(required=True)
    which.add_argument("fingerprint", nargs="?", help="SHA-256, e.g. AB:CD:... (64 hex digits)")
    which.add_argument("--none", action="store_true", help="trust only CA-signed certificates")
    trust.set_defaults(func=_trust)
    rem = actions.add_parser("remove", help="remove a bookmark and its keyring secrets")
    rem.add_argument("bookmark", help="id, id prefix or nickname")
    rem.set_defaults(func=_remove)

    show = actions.add_parser(
        "show", help="print a bookmark, its connection and where its secret lives, as JSON"
    )
    show.add_argument("bookmark", help="id, id prefix or nickname")
    show.set_defaults(func=_show)

    imp = actions.add_parser("import", help="import Cyberduck .duck bookmark files")
    imp.add_argument("files", nargs="+", type=Path)
    imp.set_defaults(func=_import)

    exp = actions.add_parser("export", help="write a bookmark as a .duck file (no secrets)")
    exp.add_argument("bookmark", help="id, id prefix or nickname")
    exp.add_argument(
        "-o", "--output", type=Path, help="file or folder (default: <nickname>.duck here)"
    )
    exp.set_defaults(func=_export)


def _fail(message: str) -> int:
    print(f"eider: error: {message}", file=sys.stderr)
    return 1


def _open_store() -> BookmarkStore:
    store = BookmarkStore()
    if store.notice:
        print(f"eider: warning: {store.notice}", file=sys.stderr)
    return store


def _list(args: argparse.Namespace) -> int:
    try:
        bookmarks = _open_store().list()
    except _ERRORS as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps([b.to_json() for b in bookmarks], indent=2, ensure_ascii=False))
        return 0
    for b in bookmarks:
        where = b.host or "(profile host)"
        print(f"{b.id[:8]}  {b.nickname}  [{b.profile}]  {where}")
    return 0


def _read_secret(args: argparse.Namespace) -> str | None:
    if args.no_secret:
        return None
    if args.secret_stdin:
        value = sys.stdin.readline().rstrip("\r\n")
    else:
        value = getpass.getpass("Secret access key: ")
    if not value:
        raise BookmarkError("No secret key was given (use --no-secret to add none)")
    return value


def _add(args: argparse.Namespace) -> int:
    try:
        store = _open_store()
        bookmark = Bookmark(
            nickname=args.nickname,
            profile=args.profile,
            host=args.host,
            port=args.port,
            path=args.path.strip("/"),
            access_key_id=args.access_key,
            credential_kind=CredentialKind(args.credentials) if args.credentials else None,
            role_arn=args.role_arn,
            mfa_serial=args.mfa_serial,
            region=args.region,
            storage_class=args.storage_class,
            acl=args.acl,
            encryption=args.encryption,
            download_folder=args.download_folder,
            sse_c_key_ref=args.sse_c_key_ref,
            comment=args.comment,
            trusted_certificate=args.trust_fingerprint,
        )
        profile = profile_for(bookmark)
        connection_for_bookmark(bookmark, profile)  # refuse a bookmark that cannot connect
        kind = credential_kind(bookmark, profile)
        secret = None
        if kind in _NEEDS_SECRET:
            if not bookmark.access_key_id:
                raise BookmarkError(f"A '{kind.value}' bookmark needs --access-key")
            secret = _read_secret(args)
        if secret is not None and not keyring_usable() and not open_vault(create=True):
            print(
                "eider: warning: no system keyring and no vault to keep the secret in: it was "
                f"not kept. Set {VAULT_PASSWORD_ENV} or run on a terminal to make Eider's "
                "vault, or give the secret when connecting.",
                file=sys.stderr,
            )
            secret = None
        store.add(bookmark, secret_key=secret)
    except _ERRORS as exc:
        return _fail(str(exc))
    print(bookmark.id)
    return 0


def _trust(args: argparse.Namespace) -> int:
    try:
        store = _open_store()
        bookmark = store.get(args.bookmark)
        pin = None if args.none else args.fingerprint
        bookmark = store.update(bookmark.with_changes(trusted_certificate=pin))
    except _ERRORS as exc:
        return _fail(str(exc))
    if bookmark.trusted_certificate:
        print(f"'{bookmark.nickname}' trusts the certificate {shown(bookmark.trusted_certificate)}")
    else:
        print(f"'{bookmark.nickname}' trusts CA-signed certificates only")
    return 0


def _remove(args: argparse.Namespace) -> int:
    try:
        store = _open_store()
        removed = store.remove(store.get(args.bookmark).id)
    except _ERRORS as exc:
        return _fail(str(exc))
    print(f"Removed bookmark '{removed.nickname}' ({removed.id}) and its stored secrets")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        bookmark = _open_store().get(args.bookmark)
        data: dict[str, Any] = {"bookmark": bookmark.to_json()}
        try:
            connection = connection_for_bookmark(bookmark)
        except BookmarkError as exc:
            data["connection"] = None
            data["connection_error"] = str(exc)
        else:
            data["connection"] = {
                "endpoint_url": connection.endpoint_url,
                "host": connection.host,
                "port": connection.port,
                "scheme": connection.scheme.value,
                "region": connection.region,
                "addressing_style": connection.addressing_style.value,
                "signature_version": connection.signature_version.value,
                "checksum_policy": connection.effective_checksum_policy.value,
                "credential_kind": connection.credentials.kind.value,
            }
        location = locate_secret(bookmark)
        if location.vault_locked and open_vault():  # EIDER_VAULT_PASSWORD or a terminal
            location = locate_secret(bookmark)
        data["secret_key_stored"] = location.place is not None
        data["secret_key_location"] = location.to_json()
    except _ERRORS as exc:
        return _fail(str(exc))
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _import(args: argparse.Namespace) -> int:
    failures = 0
    try:
        store = _open_store()
    except _ERRORS as exc:
        return _fail(str(exc))
    for path in args.files:
        try:
            result = import_duck(path)
            store.add(result.bookmark)
        except _ERRORS as exc:
            print(f"eider: error: {exc}", file=sys.stderr)
            failures += 1
            continue
        for note in result.notes:
            print(f"eider: note: {path.name}: {note}", file=sys.stderr)
        print(f"{result.bookmark.id}  {result.bookmark.nickname}")
    return 1 if failures else 0


def _export(args: argparse.Namespace) -> int:
    try:
        bookmark = _open_store().get(args.bookmark)
        target = args.output or Path(duck_file_name(bookmark))
        if target.is_dir():
            target = target / duck_file_name(bookmark)
        write_atomically(target, export_duck(bookmark).decode("utf-8"))
    except _ERRORS as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write the bookmark file: {exc.strerror or exc}")
    print(f"Wrote {target}")
    return 0

"""How a command reports a failure while it is still building its connection and options.

Shared by every command that talks to a server, without importing the transfer engine: a bad
bookmark, option or path is a usage error (exit 2), keys that cannot be had a connection error
(exit 3).
"""

from __future__ import annotations

from app.cli import exit_codes
from app.cli.connection_args import ConnectionArgsError
from app.cli.s3_paths import BadS3Path
from app.cli.transfer_args_error import TransferArgsError
from app.core.bookmarks import BookmarkError, BookmarkStoreError
from app.core.credentials.errors import CredentialError
from app.core.profiles import ProfileError
from app.core.secrets import SecretStoreError

SETUP_USAGE_ERRORS = (
    ConnectionArgsError,
    TransferArgsError,
    BadS3Path,
    BookmarkError,
    ProfileError,
)
SETUP_CONNECTION_ERRORS = (CredentialError, SecretStoreError, BookmarkStoreError)


def setup_failure(exc: Exception) -> int:
    if isinstance(exc, (*SETUP_USAGE_ERRORS, BookmarkStoreError)):
        return exit_codes.usage(str(exc))
    if isinstance(exc, SecretStoreError):  # the keyring holds the keys: nothing can connect
        exit_codes.say_error(str(exc))
        return exit_codes.CONNECTION
    return exit_codes.fail(exc)

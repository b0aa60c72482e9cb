"""The one place that turns botocore/urllib3/OS errors into messages a person can act on.

Every message says what happened and what to do; the raw exception text is never shown alone
and never contains a secret.
"""

from app.core.errors.dispatch import describe
from app.core.errors.model import ErrorKind, Remedy, UserError
from app.core.errors.redact import remember_secrets
from app.core.errors.secret_store import describe_missing_keyring

__all__ = [
    "ErrorKind",
    "Remedy",
    "UserError",
    "describe",
    "describe_missing_keyring",
    "remember_secrets",
]

"""What can go wrong with a client-side encrypted object, in words app.core.errors shows as
they are (no secret ever goes into these messages)."""

from __future__ import annotations

from app.core.explained import ExplainedError


class CseError(ExplainedError):
    """A client-side encryption failure; the message is meant for the user."""


class CseAuthenticationFailed(CseError):
    """The key does not open the object, or its bytes or envelope were changed."""


class CseFormatError(CseError):
    """The envelope is missing, malformed or in a format Eider does not decrypt."""


class CseKeyMismatch(CseError):
    """The object's data key is wrapped by a kind of key other than the one given."""


class CseKeyMissing(CseError):
    """The key a job names is not where secrets are kept (any more)."""

"""The one error type profile and bookmark-file reading raises."""

from __future__ import annotations

from app.core.explained import ExplainedError


class ProfileError(ValueError, ExplainedError):
    """A profile (or .duck) file cannot be used; the message names the file and the fault."""


class ProfileAlreadyImported(ProfileError):
    """The same profile (or a file of that name) is already imported; importing again with
    `replace=True` updates it."""

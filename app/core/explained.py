"""A marker for Eider's own exceptions whose text is already written for people.

`errors.describe` passes such a message through as it is (after redaction) instead of
calling it "unexpected". Kept free of imports so any core module can use it without cycles.
"""


class ExplainedError(Exception):
    """An error whose message says what happened and what to do, and holds no secret."""

"""Text from a server made safe to print: control characters shown, never obeyed.

An object key may hold any character, ESC and BEL included; printed as it is, a key like
`"\\x1b]0;...\\x07"` would retitle the terminal, move the cursor or hide the lines above it.
Each C0 and C1 control character and DEL is printed as a `\\xNN` escape instead (tab and
newline too: one key stays on one line), and a backslash stays a backslash.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)

"""A stand-in editor for `eider edit --with`: writes the file once per given content, with a
pause between, then exits.

`python tests/cli/edit_standin.py [--pause S] [--before-each FILE] CONTENT... PATH`:
`--before-each FILE` waits (up to a minute) for FILE to exist before each write after the
first, then deletes it, so a test can act on the server between two saves. A CONTENT of
"-" writes nothing and waits forever (to be killed).
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path


def _wait_for(flag: Path) -> None:
    deadline = time.monotonic() + 60
    while not flag.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{flag} never appeared")
        time.sleep(0.05)
    flag.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pause", type=float, default=1.5)
    parser.add_argument("--before-each", type=Path)
    parser.add_argument("contents", nargs="+")
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    for n, content in enumerate(args.contents):
        if n:
            if args.before_each is not None:
                _wait_for(args.before_each)
            time.sleep(args.pause)
        if content == "-":
            threading.Event().wait()
        args.path.write_text(content)


if __name__ == "__main__":
    main()

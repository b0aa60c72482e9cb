"""`--verbose`: every request a command sends, one transcript line each, on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.core.s3.transcript import TranscriptLine, process_transcript


def add_verbose_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="print each request sent (time, method, bucket/key, status, duration, bytes, retry)"
        " to stderr, without signatures, keys or tokens",
    )


def print_requests() -> Callable[[], None]:
    """Start printing the process transcript's new lines to stderr; returns the stopper."""

    def show(line: TranscriptLine) -> None:
        print(line.text(), file=sys.stderr, flush=True)

    return process_transcript().subscribe(show)

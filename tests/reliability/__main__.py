"""`python -m tests.reliability [pytest options]`: every campaign in its full form.

Runs from the repository root with the options given after it (e.g. `-n 2`,
`--reliability-seed 7`); the summary tables print at the end.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

if __name__ == "__main__":
    os.chdir(ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(pytest.main(["tests/reliability", "--full", "-p", "no:randomly", *sys.argv[1:]]))

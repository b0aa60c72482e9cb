#!/usr/bin/env bash
# Runs the tests of Eider's private botocore uses (app/core/s3/botocore_private.py) against the
# newest botocore and boto3 on PyPI, installed into a throwaway folder put first on PYTHONPATH.
# Nothing to do when the newest is the one installed (the main test run covers it). Fails when
# the newest botocore breaks a private use: then keep the upper bound in pyproject.toml and
# mend botocore_private.py first. EIDER_CHECK_BOTOCORE=1.2.3 checks that release instead.
# A PyPI that cannot be reached is reported, not failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
py="${1:-.venv/bin/python}"
tests=(
  tests/unit/core/s3/test_botocore_private.py
  tests/unit/core/s3/test_listing_parser.py
  tests/unit/core/s3/test_region_redirect.py
  tests/unit/core/transfers/test_download_reading.py
)
installed="$("$py" -c 'import botocore; print(botocore.__version__)')"
if [ -n "${EIDER_CHECK_BOTOCORE:-}" ]; then
  newest="$EIDER_CHECK_BOTOCORE"  # check this release instead of asking PyPI for the newest
elif ! index="$("$py" -m pip index versions botocore --disable-pip-version-check 2>/dev/null)"; then
  echo "newest botocore: PyPI could not be asked; NOT checked against it (installed: $installed)"
  exit 0
else
  newest="$(sed -n 's/^botocore (\(.*\))$/\1/p' <<<"$index" | head -n1)"
fi
if [ -z "$newest" ]; then
  echo "newest botocore: pip's answer was not understood; NOT checked (installed: $installed)"
  exit 0
fi
if [ "$newest" = "$installed" ]; then
  echo "newest botocore on PyPI is the one installed ($installed): covered by the main run"
  exit 0
fi
target="$(mktemp -d)"
trap 'rm -rf "$target"' EXIT
echo "newest botocore: installing $newest (installed: $installed) into a temporary folder"
"$py" -m pip install -q --disable-pip-version-check --target "$target" \
  "botocore==$newest" boto3 s3transfer
loaded="$(PYTHONPATH="$target" "$py" -c 'import botocore; print(botocore.__version__)')"
if [ "$loaded" != "$newest" ]; then
  echo "!! botocore $loaded was imported instead of $newest: the check would prove nothing" >&2
  exit 1
fi
if ! PYTHONPATH="$target" "$py" -m pytest -q -p no:randomly "${tests[@]}"; then
  echo "!! botocore $newest breaks a private botocore use of Eider's:" >&2
  echo "!! mend app/core/s3/botocore_private.py before raising its bound in pyproject.toml" >&2
  exit 1
fi
echo "newest botocore $newest: every private use still works"

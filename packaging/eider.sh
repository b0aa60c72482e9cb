#!/usr/bin/env bash
# Set up what is missing, then open Eider (a local sandbox server when no bookmark exists yet).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/packaging/bootstrap.sh" run
exec "$here/.venv/bin/python" -m app "$@"

#!/usr/bin/env bash
# Build the desktop app with PyInstaller: a one-folder build in dist/eider/ and its archive
# dist/eider-<version>-linux-<arch>.tar.gz. Sets up what is missing first (bootstrap.sh).
# Usage: packaging/build_desktop.sh [OUTPUT_DIR]   (default: ./dist)
# EIDER_BUILD_PYTHON=/path/to/python builds with that interpreter instead of ./.venv's (it
# needs Eider's dependencies and the "desktop" extra: pip install -e '.[sandbox,desktop]').
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
py="${EIDER_BUILD_PYTHON:-}"
if [ -z "$py" ]; then
  packaging/bootstrap.sh desktop
  py=.venv/bin/python
fi
dist="$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/eider-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version="$("$py" -c 'import app; print(app.__version__)')"
arch="$(uname -m)"
rm -rf "$dist/eider"
"$py" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work" packaging/pyinstaller/eider.spec
archive="$dist/eider-$version-linux-$arch.tar.gz"
tar -C "$dist" -cf - eider | gzip -1 > "$archive.part"
mv "$archive.part" "$archive"
echo "built $dist/eider/eider"
echo "built $archive"

#!/usr/bin/env bash
# Installs everything Eider needs on a Debian machine: system packages (as root, or via sudo),
# then Eider and its Python dependencies into ./.venv. Safe to run again: it installs only what
# is missing. Usage: packaging/bootstrap.sh [run|test|desktop]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

apt_packages=(
  python3 python3-venv python3-pip
  # freedesktop validators for the desktop entry and AppStream metainfo (tests run them)
  desktop-file-utils appstream
  # Qt's offscreen and xcb platform plugins
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0
  # a real Secret Service for the keyring, and a virtual screen for screenshots
  dbus dbus-x11 gnome-keyring xvfb xauth
  # XTEST input for the real drag-and-drop test between two windows
  xdotool
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python="${EIDER_PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras="sandbox"
case "${1:-run}" in
  test) extras="sandbox,test,desktop" ;;  # the suite builds the desktop app too
  desktop) extras="sandbox,desktop" ;;   # packaging/build_desktop.sh
esac
stamp=".venv/.eider-installed-$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  touch "$stamp"
fi

#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the application, its tests and its bundle need, only
# those missing; `system-packages.sh window` installs only what showing the window needs.
# Qt needs a few shared libraries offscreen, and a few more to show a window on an X11
# desktop: its xcb platform plugin aborts without them, and a desktop often lacks
# libxcb-icccm4 and libxcb-keysyms1 (Ubuntu also libxcb-cursor0). The bundle carries these,
# so the machine that builds it needs them too. The PDF tests need poppler-utils (pdftotext,
# pdffonts, pdftoppm); PyInstaller needs objdump (binutils).
set -euo pipefail
# Not Debian or Ubuntu (macOS, Fedora, ...): the window needs nothing named here; the tests say
# below which packages to install by hand.
if ! command -v dpkg-query >/dev/null && [ "${1:-}" = window ]; then
  exit 0
fi
packages=(libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6
          libxkbcommon0
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
[ "${1:-}" = window ] || packages+=(poppler-utils binutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Please install these system packages: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

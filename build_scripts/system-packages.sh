#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the test suite needs, only those missing.
# Qt's offscreen platform needs a few shared libraries; the PDF tests need
# poppler-utils (pdftotext, pdffonts, pdftoppm); PyInstaller needs objdump.
set -euo pipefail
packages=(libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6
          libxkbcommon0 poppler-utils binutils)
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

#!/bin/sh
# Add Training Companion to this user's application menu, pointing at this folder.
# Run it again after moving the folder. Nothing outside the user's own menu changes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
menu="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$menu"
sed -e "s|^Exec=.*|Exec=\"$here/companion\"|" \
    -e "s|^Icon=.*|Icon=$here/_internal/resources/icons/companion.png|" \
    "$here/_internal/resources/linux/companion.desktop" > "$menu/companion.desktop"
echo "Training Companion is now in the application menu ($menu/companion.desktop)."

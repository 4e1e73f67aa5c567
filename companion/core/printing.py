"""Sending a finished PDF to the computer's own print service.

Qt cannot print a PDF without its PDF module, which we do not ship; the
operating system can. On Windows the file goes to its registered print
verb; elsewhere to CUPS (``lp``, or ``lpr``), which every Linux desktop and
macOS has. Nothing leaves the machine except through the user's printer set-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from companion.i18n import _


class PrintError(Exception):
    """The file could not be handed to the print service; one sentence for the user."""


def send_to_printer(path: Path) -> None:
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        except OSError as exc:
            raise PrintError(
                _("The file could not be printed: {reason}").format(reason=exc.strerror)
            ) from None
        return
    command = next((c for c in ("lp", "lpr") if shutil.which(c)), None)
    if command is None:
        raise PrintError(
            _("No print service was found on this computer. Open the file and print it from a PDF viewer.")
        )
    done = subprocess.run([command, str(path)], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise PrintError(
            _("The file could not be printed: {reason}").format(reason=reason[0] if reason else command)
        )

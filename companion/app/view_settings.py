"""The window's view settings: read from a data folder before it is opened.

The window draws its first frame in the saved language, text size, contrast
and size, and opens the data folder (and imports the store that does it) only
after that first paint (docs/architecture.md#start-up-cost). This module is
apart from :mod:`companion.app.workshop` because that one imports the store.
"""

from __future__ import annotations

from pathlib import Path

# The settings keys the window is drawn with. Workshop.view_settings() reads the same.
VIEW_SETTINGS = ("language", "text_scale", "high_contrast", "window_geometry", "window_state")


def read_view_settings(data_dir: Path | None) -> dict[str, str]:
    """The view settings saved in ``data_dir`` (None: the default folder); {} when it cannot be read yet."""
    from companion.core.datafolder import peek_settings

    return peek_settings(data_dir, VIEW_SETTINGS)

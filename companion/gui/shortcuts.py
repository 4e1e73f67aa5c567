"""Every keyboard shortcut of the application, listed once.

Help ▸ Keyboard shortcuts shows this table, ``build_scripts/shortcuts_table.py``
writes it into the README, and the main window takes its keys from it
(:func:`keys_of`), so the three cannot tell different stories; a test compares
the table with the keys the window actually binds.

The module holds data only and imports Qt only inside :func:`keys_of`: the
README script reads it without a display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from companion.i18n import N_

if TYPE_CHECKING:
    from PySide6.QtGui import QKeySequence

# Where a shortcut works, marked for translation; the table is grouped by these, in this order.
WINDOW = N_("Anywhere in the window")
CASES = N_("Case studies")
PRACTICE = N_("Screening practice")
PRESENTER = N_("Presenting to the room")
EDITOR = N_("Item editor")
SCOPES: tuple[str, ...] = (WINDOW, CASES, PRACTICE, PRESENTER, EDITOR)


class Shortcut(NamedTuple):
    id: str
    keys: tuple[str, ...]  # Qt's portable text ("Ctrl+F"), as on Windows and Linux
    description: str  # marked for translation
    scope: str  # one of SCOPES
    # The QKeySequence.StandardKey the window binds instead of keys[0], so that a platform's own
    # binding (Cmd on macOS) works; keys[0] is that binding on Windows and Linux.
    standard: str = ""
    series: bool = False  # keys[0] is the first of a numbered series: Ctrl+1, Ctrl+2, …


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("find", ("Ctrl+F",), N_("Search everything"), WINDOW, standard="Find"),
    Shortcut("sections", ("Ctrl+1",), N_("Go to a section, in the order of the list"), WINDOW, series=True),
    Shortcut("language", ("Ctrl+L",), N_("Switch between English and Chinese"), WINDOW),
    Shortcut(
        "back", ("Alt+Left",), N_("Back to the item opened before (or the mouse's back button)"), WINDOW
    ),
    Shortcut("forward", ("Alt+Right",), N_("Forward again (or the mouse's forward button)"), WINDOW),
    Shortcut("zoom-in", ("Ctrl++", "Ctrl+="), N_("Larger text"), WINDOW, standard="ZoomIn"),
    Shortcut("zoom-out", ("Ctrl+-",), N_("Smaller text"), WINDOW, standard="ZoomOut"),
    Shortcut("zoom-reset", ("Ctrl+0",), N_("Text at its usual size"), WINDOW),
    Shortcut("export", ("Ctrl+E",), N_("Export handouts"), WINDOW),
    Shortcut("records", ("Ctrl+Shift+R",), N_("Field records"), WINDOW),
    Shortcut("workshop-details", ("Ctrl+Shift+W",), N_("Workshop details"), WINDOW),
    Shortcut("edit-item", ("Ctrl+Shift+E",), N_("Edit the item shown"), WINDOW),
    Shortcut("new-item", ("Ctrl+Shift+N",), N_("New item"), WINDOW),
    Shortcut("add-note", ("Ctrl+Shift+M",), N_("A note on the item shown"), WINDOW),
    Shortcut("bookmark", ("Ctrl+D",), N_("Bookmark the item shown"), WINDOW),
    Shortcut("my-notes", ("Ctrl+Shift+B",), N_("My notes"), WINDOW),
    Shortcut("present", ("F5",), N_("Present to the room"), WINDOW),
    Shortcut("about", ("F1",), N_("About Training Companion"), WINDOW, standard="HelpContents"),
    Shortcut("quit", ("Ctrl+Q",), N_("Quit"), WINDOW, standard="Quit"),
    Shortcut("reveal-stage", ("Ctrl+N",), N_("Show the next stage of the case"), CASES),
    Shortcut("reset-stages", ("Ctrl+Shift+G",), N_("Hide the stages again"), CASES),
    Shortcut("answer-present", ("P", "1"), N_("Answer: present"), PRACTICE),
    Shortcut("answer-absent", ("A", "2"), N_("Answer: absent"), PRACTICE),
    Shortcut("answer-unknown", ("U", "3"), N_("Answer: unknown"), PRACTICE),
    Shortcut("answer-declined", ("D", "4"), N_("Answer: declined (in a guide, D ticks a step)"), PRACTICE),
    Shortcut("indicator-next", ("Down",), N_("Next indicator"), PRACTICE),
    Shortcut("indicator-previous", ("Up",), N_("Previous indicator"), PRACTICE),
    Shortcut("page-next", ("Ctrl+Right",), N_("Next page, then the result"), PRACTICE),
    Shortcut("page-previous", ("Ctrl+Left",), N_("Previous page"), PRACTICE),
    Shortcut("practice-pdf", ("Ctrl+P",), N_("Save the result as PDF"), PRACTICE),
    Shortcut("practice-close", ("Esc",), N_("End the practice"), PRACTICE),
    Shortcut("slide-next", ("PgDown", "Right", "Down"), N_("Next slide (a clicker's key)"), PRESENTER),
    Shortcut("slide-previous", ("PgUp", "Left", "Up"), N_("Previous slide"), PRESENTER),
    Shortcut("black", ("B", "."), N_("Black screen, and back"), PRESENTER),
    Shortcut("present-stop", ("Esc",), N_("Stop presenting"), PRESENTER),
    Shortcut("undo", ("Ctrl+Z",), N_("Undo"), EDITOR, standard="Undo"),
    Shortcut("redo", ("Ctrl+Shift+Z",), N_("Redo"), EDITOR, standard="Redo"),
    Shortcut("save", ("Ctrl+S",), N_("Save now"), EDITOR, standard="Save"),
    Shortcut("close", ("Ctrl+W",), N_("Close"), EDITOR, standard="Close"),
)
BY_ID: dict[str, Shortcut] = {shortcut.id: shortcut for shortcut in SHORTCUTS}


def shown_keys(shortcut: Shortcut) -> str:
    """The keys as a person reads them: "Ctrl+1, Ctrl+2, …", "P or 1"."""
    if shortcut.series:
        first = shortcut.keys[0]
        return f"{first}, {first[:-1]}2, …"
    return " / ".join(shortcut.keys)


def keys_of(shortcut_id: str) -> list[QKeySequence]:
    """The key sequences the window binds for a shortcut (the platform's own for a standard key)."""
    from PySide6.QtGui import QKeySequence

    shortcut = BY_ID[shortcut_id]
    if shortcut.standard:
        platform = QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, shortcut.standard))
        extra = [QKeySequence(key) for key in shortcut.keys[1:]]
        return [*platform, *(key for key in extra if key not in platform)]
    return [QKeySequence(key) for key in shortcut.keys]

"""Crash recovery: an editor killed after its autosave reopens the item as the draft it kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from companion.app.workshop import Workshop

# Opens the editor, makes the glossary term invalid (no term) and types a definition, then
# kills itself (SIGKILL: no close event, no clean exit) as soon as the autosave has returned.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from companion.app.workshop import Workshop
    from companion.gui.editor.window import ItemEditor

    app = QApplication([])
    workshop = Workshop.open(Path(sys.argv[1]))
    editor = ItemEditor(workshop, "glossary-term", "gl-001")
    editor.show()
    editor.sig_saved.connect(lambda _id: os.kill(os.getpid(), signal.SIGKILL))
    for lang in ("en", "zh-Hans"):
        editor.form.widgets[("term", lang)].clear()
        editor.form.widgets[("term", lang)].textEdited.emit("")
    box = editor.form.widgets[("definition", "en")]
    box.setPlainText("Typed just before the crash.")
    app.exec()
    """
)


def test_a_killed_editor_reopens_with_its_draft_and_a_recovery_bar(
    qtbot: Any, workshop: Workshop, tmp_path: Path
) -> None:
    from companion import resources
    from companion.gui.editor.window import ItemEditor
    from companion.i18n import set_language

    workshop.new_workshop("my-workshop", resources.BUNDLED_PACK)
    script = tmp_path / "crash.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(script), str(workshop.data_dir)], env=env, timeout=120, capture_output=True
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode(errors="replace")[-2000:]

    set_language("en")
    editor = ItemEditor(workshop, "glossary-term", "gl-001")
    qtbot.addWidget(editor)
    editor.show()
    assert editor.recovery.isVisible()
    assert editor.recovery_label.text().startswith("Recovered unsaved changes from ")
    box = editor.form.widgets[("definition", "en")]
    assert box.toPlainText() == "Typed just before the crash."  # type: ignore[attr-defined]
    assert editor.form.rows[("term",)].problem.isVisible()

    editor.discard_button.click()
    assert not editor.recovery.isVisible()
    assert not workshop.drafts()
    assert editor.form.widgets[("term", "en")].text() == "Debt bondage"  # type: ignore[attr-defined]

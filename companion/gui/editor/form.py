"""The editor's form: a widget for every field of an item, built from its :class:`~.schema.Spec`.

The form never changes the data itself: every edit goes to :class:`Host`
(``edit`` for a value, ``list_edit`` for a list entry), which makes it an undo
command. It keeps a row per field path, so problems and translation marks are
shown at their field and an undone value is put back into its widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.gui.edit_support import pass_undo_keys
from companion.gui.editor.commands import Path, get_at
from companion.gui.editor.labels import field_label
from companion.gui.editor.schema import EXPRESSIONS, SHORT_TEXTS, Spec, blank
from companion.i18n import _

Setter = Callable[[Any], None]
LANG_HEADS = (("en", "English"), ("zh-Hans", "中文"))
# One style sheet for the whole form, set once it is built: a style sheet on each of a
# tool's hundreds of widgets made opening it take seconds (every one re-polished its subtree).
STYLE = """
QLabel#field-title { font-weight: bold; }
QGroupBox#group { font-weight: bold; }
QLabel#lang-head { color: #666; }
QLabel#problem { color: #b00; }
QLabel#mark { background: #fff3cd; color: #664d03; padding: 1px 6px; border-radius: 3px; }
QLineEdit#item-id { color: #555; background: #f2f2f2; }
QFrame#field[problem="true"] { border: 2px solid #c00; border-radius: 3px; }
"""


class Host(Protocol):
    data: dict[str, Any]
    toggled: set[Path]  # list entries folded or unfolded by the user (kept across rebuilds)

    def edit(self, path: Path, value: Any, structural: bool = False) -> None: ...
    def list_edit(self, path: Path, op: str, index: int, value: Any = None) -> None: ...
    def item_choices(self, kind: str) -> list[tuple[str, str]]: ...
    def tool_indicators(self, tool_id: str) -> list[tuple[str, str]]: ...
    def confirm(self, path: Path, lang: str) -> None: ...
    def rows_added(self) -> None: ...


class FieldRow(QFrame):
    """A field: its name above, its widget, a translation mark and its problems below."""

    def __init__(self, label: str, body: QWidget | None = None) -> None:
        super().__init__()
        self.setObjectName("field")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        if label:
            title = QLabel(label)
            title.setObjectName("field-title")
            layout.addWidget(title)
        self.body_layout = layout
        if body is not None:
            layout.addWidget(body)
        self.mark = QWidget()
        self.mark_layout = QHBoxLayout(self.mark)
        self.mark_layout.setContentsMargins(0, 0, 0, 0)
        self.mark.hide()
        layout.addWidget(self.mark)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

    def set_problems(self, messages: list[str]) -> None:
        self.problem.setText("\n".join(messages))
        self.problem.setVisible(bool(messages))
        if self.property("problem") != bool(messages):
            self.setProperty("problem", bool(messages))
            self.style().unpolish(self)
            self.style().polish(self)

    def set_marks(self, marks: list[tuple[str, str]], confirm: Callable[[str], None]) -> None:
        """``marks``: (language, "missing" | "stale") of this Text field."""
        while self.mark_layout.count():
            taken = self.mark_layout.takeAt(0)
            gone = taken.widget() if taken is not None else None
            if gone is not None:
                gone.deleteLater()
        for lang, state in marks:
            name = dict(LANG_HEADS).get(lang, lang)
            text = _("{lang}: missing") if state == "missing" else _("{lang}: possibly stale")
            label = QLabel(text.format(lang=name))
            label.setObjectName("mark")
            self.mark_layout.addWidget(label)
            if state == "stale":
                button = QPushButton(_("Confirm translation"))
                button.setObjectName("confirm")
                button.clicked.connect(lambda _c=False, lang=lang: confirm(lang))
                self.mark_layout.addWidget(button)
        self.mark_layout.addStretch(1)
        self.mark.setVisible(bool(marks))


class Form(QWidget):
    """Every field of one item's data, laid out from its spec."""

    def __init__(self, host: Host, spec: Spec) -> None:
        super().__init__()
        self.host = host
        self.rows: dict[Path, FieldRow] = {}
        self.setters: dict[Path, Setter] = {}
        self.widgets: dict[Path, QWidget] = {}  # the widget editing the value at a path
        self.buttons: dict[tuple[Path, str], QAbstractButton] = {}  # (list or entry path, "add" | "up" | ...)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.top_row = FieldRow("")  # problems of the whole item (e.g. "end is not after start")
        layout.addWidget(self.top_row)
        self.rows[()] = self.top_row
        self._fields(layout, spec, ())
        layout.addStretch(1)
        self.setStyleSheet(STYLE)

    # --- building ----------------------------------------------------------------------

    def _fields(self, layout: QVBoxLayout, spec: Spec, path: Path) -> None:
        for key, sub in spec.fields:
            layout.addWidget(self._row(sub, (*path, key), field_label(sub.name or key)))

    def _row(self, spec: Spec, path: Path, label: str) -> QWidget:
        value = get_at(self.host.data, path)
        if spec.kind in ("model", "list"):
            return self._group(spec, path, label, value)
        row = FieldRow(label)
        self.rows[path] = row
        widget = self._widget(spec, path, value, row)
        self.widgets.setdefault(path, widget)
        row.body_layout.insertWidget(row.body_layout.count() - 2, widget)
        return row

    def _widget(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        build = getattr(self, f"_w_{spec.kind}")
        widget: QWidget = build(spec, path, value, row)
        return widget

    def _w_text(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        pair = QHBoxLayout()
        texts = [str((value or {}).get(lang) or "") for lang, _head in LANG_HEADS]
        # Both boxes as high as the longer text needs, so English and Chinese stay side by side.
        lines = max(3, min(10, max(t.count("\n") + len(t) // 70 + 1 for t in texts)))
        for lang, head in LANG_HEADS:
            cell = QVBoxLayout()
            small = QLabel(head)
            small.setObjectName("lang-head")
            cell.addWidget(small)
            text = str((value or {}).get(lang) or "")
            cell.addWidget(self._text_box(spec.name in SHORT_TEXTS, (*path, lang), text, lines))
            cell.addStretch(1)
            pair.addLayout(cell, 1)
        column.addLayout(pair)
        for key, sub in spec.fields:  # e.g. a model answer's question number
            column.addWidget(self._row(sub, (*path, key), field_label(sub.name or key)))
        return box

    def _text_box(self, short: bool, path: Path, text: str, lines: int) -> QWidget:
        if short:
            line = QLineEdit(text)
            line.textEdited.connect(lambda new, p=path: self.host.edit(p, new))
            self.setters[path] = _line_setter(line)
            pass_undo_keys(line)
            self.widgets[path] = line
            return line
        box = QPlainTextEdit(text)
        self.widgets[path] = box
        box.setUndoRedoEnabled(False)
        box.setTabChangesFocus(True)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)

        def changed(w: QPlainTextEdit = box, p: Path = path) -> None:
            self.host.edit(p, w.toPlainText())

        box.textChanged.connect(changed)

        def put(v: Any, w: QPlainTextEdit = box) -> None:
            if w.toPlainText() != (v or ""):
                w.blockSignals(True)
                w.setPlainText(str(v or ""))
                w.blockSignals(False)

        self.setters[path] = put
        pass_undo_keys(box)
        return box

    def _w_str(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        line = QLineEdit(str(value or ""))
        if spec.name == "id":
            line.setReadOnly(True)  # a stable ID: notes, bookmarks and records point to it
            line.setObjectName("item-id")
        if spec.name in EXPRESSIONS:
            line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        line.textEdited.connect(lambda new, p=path: self.host.edit(p, new))
        self.setters[path] = _line_setter(line)
        pass_undo_keys(line)
        return line

    def _w_int(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        spin = QSpinBox()
        low = spec.minimum if spec.minimum is not None else 0
        spin.setRange(low - 1 if spec.optional else low, spec.maximum if spec.maximum is not None else 9999)
        if spec.optional:
            spin.setSpecialValueText("—")
        spin.setValue(int(value) if isinstance(value, int) else spin.minimum())
        spin.setMaximumWidth(120)

        def changed(n: int, p: Path = path, w: QSpinBox = spin) -> None:
            self.host.edit(p, None if spec.optional and n == w.minimum() else n)

        spin.valueChanged.connect(changed)

        def put(v: Any, w: QSpinBox = spin) -> None:
            _quietly(w, lambda: w.setValue(w.minimum() if v is None else int(v)))

        self.setters[path] = put
        return spin

    def _w_bool(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        if spec.optional:
            return self._combo(path, [("—", None), (_("Yes"), True), (_("No"), False)], value)
        check = QCheckBox()
        check.setChecked(bool(value))
        check.toggled.connect(lambda on, p=path: self.host.edit(p, on))
        self.setters[path] = lambda v: _quietly(check, lambda: check.setChecked(bool(v)))
        return check

    def _w_choice(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        names = _choice_names(spec.name)
        options: list[tuple[str, Any]] = [("—", None)] if spec.optional else []
        options += [(_(names[c]) if c in names else c, c) for c in spec.choices]
        return self._combo(path, options, value)

    def _combo(self, path: Path, options: list[tuple[str, Any]], value: Any) -> QComboBox:
        combo = QComboBox()
        for text, data in options:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(lambda n, p=path, w=combo: self.host.edit(p, w.itemData(n)))
        self.setters[path] = lambda v: _quietly(combo, lambda: combo.setCurrentIndex(combo.findData(v)))
        return combo

    def _picker(self, path: Path, options: list[tuple[str, str]], value: Any, structural: bool) -> QComboBox:
        """An editable choice of IDs: a value not (yet) among them stays as typed."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for item_id, title in options:
            combo.addItem(f"{item_id} — {title}" if title else item_id, item_id)
        found = combo.findData(value)
        if found >= 0:
            combo.setCurrentIndex(found)
        else:
            combo.setEditText(str(value or ""))

        def chosen(text: str, p: Path = path, w: QComboBox = combo) -> None:
            n = w.findText(text)
            self.host.edit(p, w.itemData(n) if n >= 0 else text.split(" — ")[0].strip(), structural)

        combo.currentTextChanged.connect(chosen)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(30)

        def put(v: Any, w: QComboBox = combo) -> None:
            n = w.findData(v)
            _quietly(w, lambda: w.setCurrentIndex(n) if n >= 0 else w.setEditText(str(v or "")))

        self.setters[path] = put
        return combo

    def _w_tool(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        # Structural: the indicator pickers of this answer key follow the tool.
        return self._picker(path, self.host.item_choices("screening-tool"), value, True)

    def _w_indicator(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        tool = next(
            (get_at(self.host.data, (*path[:n], "tool")) for n in range(len(path) - 1, -1, -1)
             if get_at(self.host.data, (*path[:n], "tool"))),
            None,
        )
        return self._picker(path, self.host.tool_indicators(str(tool or "")), value, False)

    def _w_dict(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        box = QPlainTextEdit("\n".join(f"{k} = {v}" for k, v in (value or {}).items()))
        box.setUndoRedoEnabled(False)
        box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 14)

        def changed(w: QPlainTextEdit = box, p: Path = path) -> None:
            pairs = [line.partition("=") for line in w.toPlainText().splitlines() if line.strip()]
            self.host.edit(p, {k.strip(): v.strip() for k, _eq, v in pairs})

        box.textChanged.connect(changed)

        def put(v: Any, w: QPlainTextEdit = box) -> None:
            _quietly(w, lambda: w.setPlainText("\n".join(f"{k} = {x}" for k, x in (v or {}).items())))

        self.setters[path] = put
        pass_undo_keys(box)
        return box

    def _w_ids(self, spec: Spec, path: Path, value: Any, row: FieldRow) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        choices = self.host.item_choices(spec.choices[0] if spec.choices else "")
        titles = dict(choices)
        chosen = QListWidget()
        chosen.setObjectName("ids")
        ids = [str(i) for i in (value or [])]
        for item_id in ids:
            entry = QListWidgetItem(f"{item_id} — {titles.get(item_id, _('(not in this workshop)'))}")
            entry.setData(Qt.ItemDataRole.UserRole, item_id)
            chosen.addItem(entry)
        chosen.setFixedHeight(chosen.sizeHintForRow(0) * max(2, len(ids)) + 8 if ids else 40)
        column.addWidget(chosen)
        line = QHBoxLayout()
        picker = QComboBox()
        picker.setObjectName("id-picker")
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(30)
        for item_id, title in choices:
            if item_id not in ids:
                picker.addItem(f"{item_id} — {title}", item_id)
        add = QPushButton(_("Add"))
        add.setEnabled(picker.count() > 0)

        def add_id(_checked: bool = False, p: Path = path, w: QComboBox = picker) -> None:
            if w.currentData():
                self.host.list_edit(p, "add", len(ids), w.currentData())

        def remove_id(_checked: bool = False, p: Path = path, w: QListWidget = chosen) -> None:
            if w.currentRow() >= 0:
                self.host.list_edit(p, "remove", w.currentRow())

        add.clicked.connect(add_id)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(remove_id)
        line.addWidget(picker, 1)
        line.addWidget(add)
        line.addWidget(remove)
        column.addLayout(line)
        return box

    def _group(self, spec: Spec, path: Path, label: str, value: Any) -> QWidget:
        group = QGroupBox(label)
        group.setObjectName("group")
        layout = QVBoxLayout(group)
        self.rows[path] = row = FieldRow("")
        layout.addWidget(row)
        if spec.kind == "model" and spec.optional:
            group.setCheckable(True)
            group.setChecked(value is not None)
            present = blank(spec._replace(optional=False))
            group.toggled.connect(lambda on, p=path: self.host.edit(p, present if on else None, True))
            if value is None:
                return group
        if spec.kind == "model":
            self._fields(layout, spec, path)
            return group
        assert spec.entry is not None
        entries = value if isinstance(value, list) else []
        for n, entry in enumerate(entries):
            layout.addWidget(self._entry(spec.entry, path, n, len(entries), entry))
        add = QPushButton(_("Add"))
        add.setObjectName("add")
        self.buttons[(path, "add")] = add
        count, new = len(entries), blank(spec.entry)
        add.clicked.connect(lambda _c=False, p=path: self.host.list_edit(p, "add", count, new))
        line = QHBoxLayout()
        line.addWidget(add)
        line.addStretch(1)
        layout.addLayout(line)
        return group

    def _entry(self, spec: Spec, path: Path, n: int, count: int, value: Any) -> QWidget:
        """One entry of a list: a header (fold, title, Move up, Move down, Remove) and its fields."""
        here = (*path, n)
        frame = QFrame()
        frame.setObjectName("entry")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(frame)
        column.setContentsMargins(6, 4, 6, 4)
        header = QHBoxLayout()
        fold = QToolButton()
        fold.setObjectName("fold")
        fold.setCheckable(True)
        self.buttons[(here, "fold")] = fold
        fold.setAutoRaise(True)
        # Entries of a list inside a list entry (a tool's indicators) start folded: a tool has
        # dozens, and their widgets are built only when unfolded.
        folded = len(here) >= 4
        shown = folded if here in self.host.toggled else not folded
        fold.setChecked(shown)
        fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        header.addWidget(fold)
        title = QLabel(f"{n + 1}. {_preview(value)}")
        # A long first line must not widen the form beyond the window: it is cut, not wrapped.
        title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        header.addWidget(title, 1)
        for name, text, op, at, enabled in (
            ("up", _("Move up"), "down", n - 1, n > 0),
            ("down", _("Move down"), "down", n, n < count - 1),
            ("remove", _("Remove"), "remove", n, True),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setEnabled(enabled)
            self.buttons[(here, name)] = button
            button.clicked.connect(lambda _c=False, o=op, i=at: self.host.list_edit(path, o, i))
            header.addWidget(button)
        column.addLayout(header)
        if spec.kind == "model":  # outside the body: a folded entry still shows its problems
            self.rows[here] = FieldRow("")
            column.addWidget(self.rows[here])
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(18, 0, 0, 0)
        column.addWidget(body)

        def build() -> None:
            if inner.count():
                return
            if spec.kind == "model":
                self._fields(inner, spec, here)
            else:
                inner.addWidget(self._row(spec, here, ""))

        if shown:
            build()
        else:
            body.hide()

        def toggle(on: bool) -> None:
            if on and not inner.count():
                build()
                self.host.rows_added()
            body.setVisible(on)
            fold.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
            (self.host.toggled.discard if here in self.host.toggled else self.host.toggled.add)(here)

        fold.toggled.connect(toggle)
        return frame

    # --- showing ------------------------------------------------------------------------

    def put(self, path: Path) -> bool:
        """Show the data's value at ``path`` in its widget; False when no widget shows exactly it."""
        setter = self.setters.get(path)
        if setter is None:
            return False
        setter(get_at(self.host.data, path))
        return True

    def row_for(self, path: Path) -> FieldRow:
        """The row that shows a problem at ``path``: the field itself or the nearest one holding it."""
        for n in range(len(path), -1, -1):
            row = self.rows.get(path[:n])
            if row is not None:
                return row
        return self.top_row


def _line_setter(line: QLineEdit) -> Setter:
    def put(value: Any) -> None:
        if line.text() != (value or ""):
            line.setText(str(value or ""))

    return put


def _quietly(widget: QWidget, change: Callable[[], object]) -> None:
    widget.blockSignals(True)
    change()
    widget.blockSignals(False)


def _preview(value: Any) -> str:
    """A short title for a list entry: its first text, in the interface language where there is one."""
    from companion.i18n import current_language

    found: Any = value
    while isinstance(found, dict) and not ("en" in found or "zh-Hans" in found):
        found = next((v for v in found.values() if isinstance(v, (dict, str)) and v), None)
    if isinstance(found, dict):
        found = found.get(current_language()) or found.get("en") or found.get("zh-Hans")
    text = " ".join(str(found or "").split())
    return text if len(text) <= 70 else text[:69] + "…"


def _choice_names(field: str) -> dict[str, str]:
    from companion.app import domain

    tables: dict[str, dict[str, str]] = {
        "format": domain.FORMAT_NAMES,
        "grade": domain.GRADE_NAMES,
        "outcome": domain.OUTCOME_NAMES,
        "category": domain.CATEGORY_NAMES,
    }
    return tables.get(field, {})

"""The item editor: one window per content item, a form built from the item's model.

:mod:`.schema` reads the model's fields, :mod:`.form` builds widgets for them,
:mod:`.commands` holds the undo commands, :mod:`.window` the editor window
(autosave, recovery, problems) and :mod:`.entry` the main window's Edit / New item actions.
"""

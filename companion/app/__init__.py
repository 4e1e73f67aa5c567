"""The application layer: the one way the window and the command line reach the core.

:class:`~companion.app.workshop.Workshop` is a data folder opened for use; its
methods are the workflows (read and search the workshop, export handouts,
verify and import packs, back up, check, field records), written once for both
surfaces. :mod:`companion.app.kinds` holds the tables the surfaces build their
choices from, and :mod:`companion.app.domain` the core's vocabulary (models,
errors, display names) they speak. Nothing here imports Qt; the import
contracts in pyproject.toml keep ``companion.cli`` and ``companion.gui`` from
importing ``companion.core`` directly (docs/architecture.md).

Importing this package is cheap: each module loads what it needs when called.
"""

"""Screening tools as XLSForms, the form format of ODK Collect and KoboToolbox, both ways.

``layout`` owns the shape of the workbook both directions agree on (sheets, columns, names of
the computed fields), ``xpath`` turns the tool's own rule expressions into the XPath the form
computes with, ``export`` writes a tool as a workbook and ``import_`` reads one back into a
validated :class:`~companion.core.model.ScreeningTool`. openpyxl is imported only here, when a
form is written or read, never at start-up.
"""

from __future__ import annotations

from companion.core.xlsform.export import write_xlsform
from companion.core.xlsform.import_ import XlsformError, read_xlsform

__all__ = ["XlsformError", "read_xlsform", "write_xlsform"]

"""The workshop report: its numbers (:mod:`.figures`), the PDF (:mod:`.pdf`), the spreadsheet (:mod:`.xlsx`).

:mod:`.figures` is pure (data in, numbers out) and cheap to import; reportlab and
openpyxl load only when :mod:`.pdf` or :mod:`.xlsx` write a file.
"""

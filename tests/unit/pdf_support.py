"""Reading a PDF back as a reader would: its pages and its text (poppler's pdfinfo and pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_texts(path: Path) -> list[str]:
    """The text of each page, whitespace squeezed (pdftotext ends every page with a form feed)."""
    return [squeeze(page) for page in text(path).split("\f")[:-1]]


def squeeze(value: str) -> str:
    """Text without whitespace: line breaks fall in different places on paper."""
    return re.sub(r"\s+", "", value)

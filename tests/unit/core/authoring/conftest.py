"""A working copy of the bundled workshop, opened through the application layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import resources
from companion.app.workshop import Workshop

COPY = "my-workshop"


@pytest.fixture
def workshop(data_dir: Path) -> Iterator[Workshop]:
    opened = Workshop.open(data_dir)
    opened.new_workshop(COPY, resources.BUNDLED_PACK)
    yield opened
    opened.close()

"""Shared test set-up: offscreen Qt, no network, temporary data folders.

QT_QPA_PLATFORM is set before anything can import Qt: without a display a Qt
process aborts otherwise. Every test runs with network sockets forbidden; the
application must work offline, and a test that tries to connect fails.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent
NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkForbiddenError(RuntimeError):
    pass


class _GuardedSocket(socket.socket):
    def __init__(self, family: int = -1, *args, **kwargs):  # type: ignore[no-untyped-def]
        if family in NETWORK_FAMILIES or family == -1:
            raise NetworkForbiddenError("a test tried to open a network socket; the app must work offline")
        super().__init__(family, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _GuardedSocket)


@pytest.fixture(scope="session")
def bundled_pack():  # type: ignore[no-untyped-def]
    from companion import resources
    from companion.core.content import load_folder

    return load_folder(resources.bundled_pack_dir())


@pytest.fixture
def store(tmp_path: Path, bundled_pack):  # type: ignore[no-untyped-def]
    """A fresh store in a temporary data folder, holding the bundled workshop."""
    from companion.core.store import Store

    opened = Store.open(tmp_path / "data")
    opened.install_pack(bundled_pack)
    yield opened
    opened.close()

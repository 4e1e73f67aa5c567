"""Shared test set-up: offscreen Qt, no network, temporary data folders.

QT_QPA_PLATFORM is set before anything can import Qt: without a display a Qt
process aborts otherwise. Every test runs with network sockets forbidden; the
application must work offline, and a test that tries to connect fails.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import replace
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


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A test that switches to Chinese leaves English behind it: the next test, in the same
    worker, starts in the default language whatever order the files run in."""
    yield
    from companion.i18n import DEFAULT_LANGUAGE, set_language

    set_language(DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def cheap_passphrase_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """New vaults and hand-overs derive keys at a low scrypt cost, so the suite stays quick.

    The cost is stored beside each salt, so everything else runs as shipped;
    test_records.py checks the shipped default separately.
    """
    from companion.core import sealing

    shipped = sealing.KdfParams.fresh
    monkeypatch.setattr(sealing.KdfParams, "fresh", classmethod(lambda cls: replace(shipped(), n=2**10)))


@pytest.fixture(scope="session")
def bundled_pack():  # type: ignore[no-untyped-def]
    from companion import resources
    from companion.core.content import load_folder

    return load_folder(resources.bundled_pack_dir())


@pytest.fixture(scope="session")
def prepared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder after a first start, made once; tests get copies of it."""
    from companion.core.datafolder import open_data_folder

    folder = tmp_path_factory.mktemp("prepared") / "data"
    open_data_folder(folder).close()
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, prepared_data_dir: Path) -> Path:
    """A data folder of this test's own, already holding the bundled workshop."""
    target = tmp_path / "data"
    shutil.copytree(prepared_data_dir, target)
    return target


@pytest.fixture
def store(data_dir: Path):  # type: ignore[no-untyped-def]
    """The store of a data folder holding the bundled workshop."""
    from companion.core.store import Store

    opened = Store.open(data_dir)
    yield opened
    opened.close()

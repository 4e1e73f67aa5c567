"""The guard that keeps the suite offline really stops a connection."""

import socket

import pytest

from tests.conftest import NetworkForbiddenError


def test_opening_an_internet_socket_fails_the_test() -> None:
    with pytest.raises(NetworkForbiddenError):
        socket.create_connection(("127.0.0.1", 9))


def test_plain_socket_constructor_is_refused() -> None:
    with pytest.raises(NetworkForbiddenError):
        socket.socket()


def test_local_unix_sockets_stay_available() -> None:
    a, b = socket.socketpair(socket.AF_UNIX)
    a.close()
    b.close()

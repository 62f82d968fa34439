"""The fetcher's HTTP transport: a hard deadline on every request, and connections pinned to
the addresses that passed the safety check.

httpx's timeouts bound each socket operation, not a request: a server that sends its status
line a byte at a time, or `HTTP/1.1 102` forever, keeps a request alive indefinitely. Here
every socket operation (connect, TLS handshake, each read and write) gets at most the time left
before the request's deadline, so the whole exchange — connect, TLS, status line, headers,
interim responses, body — ends by it.

For untrusted sources the fetcher also sets `addresses_for(host)`: the connection goes to the
addresses that check returned, from the same lookup, never to a second resolution a DNS server
could answer differently (DNS rebinding). SNI and the Host header keep the name. The client
ignores HTTP(S)_PROXY and friends: a proxy would resolve the name again, out of our sight.

Both are per request (context variables), so a pooled connection obeys whichever request uses
it. Built on httpx's transport with httpcore's public network-backend interface.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

_DEADLINE: ContextVar[float | None] = ContextVar("fetch_deadline", default=None)
_ADDRESSES: ContextVar[Callable[[str], list[str]] | None] = ContextVar(
    "fetch_addresses", default=None
)


class DeadlinePassed(httpcore.ReadTimeout):
    """The request's deadline passed (a timeout, as httpx reports it)."""


@contextmanager
def guarded(
    *, seconds: float, addresses_for: Callable[[str], list[str]] | None = None
) -> Iterator[None]:
    """Requests made inside end within `seconds`; with `addresses_for`, they connect only to
    the addresses it returns for a host (it raises to refuse one)."""
    deadline = _DEADLINE.set(time.monotonic() + seconds)
    pinned = _ADDRESSES.set(addresses_for)
    try:
        yield
    finally:
        _ADDRESSES.reset(pinned)
        _DEADLINE.reset(deadline)


def deadline_passed() -> bool:
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline


def guarded_client() -> httpx.Client:
    """An httpx client on the guarded transport, deaf to proxy environment variables."""
    return httpx.Client(transport=_GuardedTransport(), trust_env=False)


def _left(timeout: float | None) -> float | None:
    """`timeout`, shortened to the time left before the deadline (raises once it passed)."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlinePassed("the request's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _GuardedStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> _GuardedStream:
        return _GuardedStream(self._stream.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        addresses_for = _ADDRESSES.get()
        targets = addresses_for(host) if addresses_for is not None else [host]
        failure: httpcore.ConnectError | None = None
        for target in targets:
            try:
                stream = self._backend.connect_tcp(
                    target, port, _left(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as error:  # the next checked address, if any
                failure = error
                continue
            return _GuardedStream(stream)
        raise failure or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("the fetcher does not use Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (request mapping, errors), on a pool with the guarded backend."""

    def __init__(self) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(),
        )

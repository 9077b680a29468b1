"""The one HTTP client every fetch goes through: it never reaches an internal address.

Admins and feeds name URLs, but a public page can redirect to ``http://127.0.0.1:…`` and a
public-looking name can resolve to a private address. So the check is made where the
socket is opened: the host is resolved, every address it resolves to must be public
(not loopback, private, link-local such as cloud metadata, multicast, reserved or
unspecified, IPv4 and IPv6 alike), and the connection goes to the address that was
checked, so a name cannot resolve one way for the check and another for the connect.
Each redirect hop opens its own connection and is checked the same way.
``ALLOW_PRIVATE_ADDRESSES`` turns the check off for intranet deployments (and tests).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import anyio
import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream

MAX_REDIRECTS = 5
# Names the bot and what it does, so a site's webmaster can see who polls them. (No
# address: the project has no public home yet, and an invented one would mislead.)
USER_AGENT = "bulletin-bot/0.1 (polls government bulletins; respects robots.txt)"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """A URL whose host is, or resolves to, an address the bot must not fetch."""


def is_public(address: Address) -> bool:
    """True only for globally routed unicast; IPv4 inside IPv6 (mapped, 6to4) is judged
    as the IPv4 address it carries."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


async def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise httpcore.ConnectError(f"cannot resolve {host}") from error
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def allowed_addresses(host: str, port: int, allow_private: bool) -> list[Address]:
    """The addresses to connect to; refuses the host if any of them is not public."""
    addresses = await resolve(host, port)
    if allow_private:
        return addresses
    refused = [address for address in addresses if not is_public(address)]
    if refused:
        raise BlockedAddress(f"{host} is an internal address; not fetched")
    return addresses


class GuardedBackend(AsyncNetworkBackend):
    """httpcore's own backend, connecting only to addresses that passed the check."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()  # the bot runs on asyncio; anyio drives it

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> AsyncNetworkStream:
        addresses = await allowed_addresses(host, port, self.allow_private)
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options)
            except httpcore.ConnectError as failed:
                error = failed
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None
                                  ) -> AsyncNetworkStream:
        raise BlockedAddress("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool that uses ``GuardedBackend``."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=GuardedBackend(allow_private))


class GuardedClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` that only reaches public addresses (unless allowed).

    Proxies from the environment are ignored: through a proxy the check would see the
    proxy's address, not the page's.
    """

    def __init__(self, *, allow_private: bool = False, timeout: float = 20.0) -> None:
        super().__init__(transport=GuardedTransport(allow_private), trust_env=False,
                         timeout=httpx.Timeout(timeout), follow_redirects=True,
                         max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT})
        self.allow_private = allow_private

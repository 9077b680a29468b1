"""No fetch reaches an internal address: not by URL, by a name resolving there, or by a
redirect; ALLOW_PRIVATE_ADDRESSES lets an intranet deployment (and these tests) do so.

The "public" site is served on 127.0.0.2 and the test declares that one address public;
everything else on loopback keeps its real classification, so the redirect from the
"public" site to 127.0.0.1 goes through the real check at connect time.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from bot import uploads
from ingest import http
from ingest.http import GuardedClient
from ingest.sources import FetchError, fetch
from service.engine import Engine
from service.polling import Poller
from store import notifications as store

SECRET = "内部机密:服务器口令是 hunter2"
PUBLIC = ipaddress.ip_address("127.0.0.2")


def serve(host: str, routes: dict[str, tuple[int, dict[str, str], bytes]]
          ) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = routes.get(self.path, (404, {}, b""))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def internal() -> Iterator[str]:
    """host:port of an internal service holding a secret page."""
    yield from serve("127.0.0.1", {"/secret": (200, {"Content-Type": "text/plain"},
                                               SECRET.encode())})


@pytest.fixture
def public(internal: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """host:port of a site the guard treats as public, with redirects to the inside."""
    real = http.is_public
    monkeypatch.setattr(http, "is_public", lambda address: address == PUBLIC or real(address))
    port = internal.rsplit(":", 1)[1]
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Public</title><item><title>机密</title><link>http://localhost:{port}/secret</link>
</item></channel></rss>""".encode()
    yield from serve("127.0.0.2", {
        "/to-ip": (302, {"Location": f"http://{internal}/secret"}, b""),
        "/to-name": (301, {"Location": f"http://localhost:{port}/secret"}, b""),
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, feed),
        "/hello": (200, {"Content-Type": "text/plain"}, "你好".encode()),
    })


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.8", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
    "fc00::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
    "2002:7f00:1::1", "64:ff9b::7f00:1",
])
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not http.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "203.119.25.1", "2001:4860:4860::8888"])
def test_internet_addresses_are_public(address: str) -> None:
    assert http.is_public(ipaddress.ip_address(address))


async def test_a_public_page_is_fetched(public: str) -> None:
    async with GuardedClient() as client:
        assert (await fetch(client, f"http://{public}/hello", limit=1_000_000)).content == "你好".encode()


@pytest.mark.parametrize("url", [
    "http://{internal}/secret",
    "http://localhost:{port}/secret",
    "http://[::ffff:127.0.0.1]:{port}/secret",
    "http://169.254.169.254/latest/meta-data/",
    "http://{public}/to-ip",
    "http://{public}/to-name",
])
async def test_internal_urls_names_and_redirects_are_refused(
    url: str, internal: str, public: str
) -> None:
    target = url.format(internal=internal, public=public, port=internal.rsplit(":", 1)[1])
    async with GuardedClient() as client:
        with pytest.raises(FetchError, match="internal address"):
            await fetch(client, target, limit=1_000_000)


async def test_a_plain_client_is_held_to_public_addresses_too(public: str) -> None:
    async with httpx.AsyncClient(follow_redirects=True) as client:
        with pytest.raises(FetchError, match="internal address"):
            await fetch(client, f"http://{public}/to-name", limit=1_000_000)


async def test_the_guard_also_holds_at_connect_time(internal: str) -> None:
    """A request sent through the client directly, bypassing ``fetch``'s own checks."""
    async with GuardedClient() as client:
        with pytest.raises(http.BlockedAddress):
            await client.get(f"http://{internal}/secret")


async def test_the_setting_allows_private_addresses(public: str) -> None:
    async with GuardedClient(allow_private=True) as client:
        fetched = await fetch(client, f"http://{public}/to-name", limit=1_000_000)
    assert fetched.content.decode() == SECRET


async def test_a_feed_item_pointing_inside_is_not_stored(engine: Engine, public: str) -> None:
    with Session(engine.db) as session, session.begin():
        store.add_source(session, f"http://{public}/feed.xml")
    [report] = await Poller(engine).poll_due(everything=True)
    assert report.ok and report.added == []
    assert SECRET not in str(engine.search("服务器 口令"))


async def test_ingest_url_refuses_a_redirect_inside(public: str) -> None:
    with pytest.raises(uploads.UploadError, match="internal address"):
        await uploads.fetch_url(f"http://{public}/to-ip", 10_000)


async def test_sources_show_no_connection_details(engine: Engine, internal: str) -> None:
    """Refused, or (where allowed) "could not connect" without the errno: the text must
    not tell a closed internal port from a filtered one."""
    with Session(engine.db) as session, session.begin():
        store.add_source(session, f"http://{internal}/secret")
    [refused] = await Poller(engine).poll_due(everything=True)
    assert refused.error == "127.0.0.1 is an internal address; not fetched"

    with Session(engine.db) as session, session.begin():
        store.add_source(session, "http://127.0.0.1:9/nothing-listens-here")
    poller = Poller(engine)
    poller.settings = engine.settings.model_copy(update={"allow_private_addresses": True})
    reports = {report.url: report for report in await poller.poll_due(everything=True)}
    assert reports["http://127.0.0.1:9/nothing-listens-here"].error == "could not connect"

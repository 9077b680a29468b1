"""A fake Telegram Bot API server for end-to-end tests, run as its own process.

    python -m tests.botapi.server --port 0 --port-file /tmp/port

prints "READY http://127.0.0.1:<port>" on stdout once it listens. Routes:
/bot<token>/<method> (the Bot API, GET or POST with JSON, form or multipart bodies),
/file/bot<token>/<file_path> (downloads), /_test/<action> (the control API, JSON).
Tornado serves it because python-telegram-bot's webhook extra already brings it and its
coroutine handlers make long polling a plain `await`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
from pathlib import Path
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPServerRequest
from tornado.ioloop import PeriodicCallback
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets

from .control import run_action
from .methods import dispatch
from .params import Call, Upload, normalize
from .world import DEFAULT_TOKEN, JSON, World


def _last_values(arguments: dict[str, list[bytes]]) -> dict[str, str]:
    return {name: values[-1].decode() for name, values in arguments.items() if values}


def read_arguments(request: HTTPServerRequest) -> dict[str, Any]:
    """Query string, then the body (JSON object, urlencoded or multipart fields) over it."""
    arguments: dict[str, Any] = _last_values(request.query_arguments)
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and request.body:
        body = json.loads(request.body)
        if not isinstance(body, dict):
            raise ValueError("a JSON body must be an object")
        arguments.update(body)
    else:
        arguments.update(_last_values(request.body_arguments))
    return arguments


def read_uploads(request: HTTPServerRequest) -> dict[str, Upload]:
    return {
        name: Upload(parts[-1].filename, parts[-1].content_type, parts[-1].body)
        for name, parts in request.files.items()
        if parts
    }


class JsonHandler(tornado.web.RequestHandler):
    """Shared: JSON answers, and no complaint when the client has already hung up."""

    def initialize(self, world: World) -> None:
        self.world = world

    def reply(self, status: int, body: JSON) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        with contextlib.suppress(StreamClosedError):
            self.finish(json.dumps(body, ensure_ascii=False))

    def check_xsrf_cookie(self) -> None:
        """Bot API clients post without cookies."""


class BotApiHandler(JsonHandler):
    """/bot<token>/<method>: the Bot API proper."""

    call: Call | None = None

    async def get(self, token: str, method: str) -> None:
        if token != self.world.token:
            self.reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            arguments = read_arguments(self.request)
        except ValueError as error:
            description = f"Bad Request: {error}"
            self.reply(400, {"ok": False, "error_code": 400, "description": description})
            return
        self.call = Call(method, normalize(arguments), read_uploads(self.request))
        status, body = await dispatch(self.world, self.call)
        self.reply(status, body)

    post = get

    def on_connection_close(self) -> None:
        """A client that gave up (PTB cancelling its poll) must not keep the poll alive."""
        if self.call is not None:
            self.call.disconnected.set()


class FileHandler(JsonHandler):
    """/file/bot<token>/<file_path>: what File.download_* fetches."""

    def get(self, token: str, path: str) -> None:
        stored = self.world.file_by_path(path) if token == self.world.token else None
        if stored is None:
            self.reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(stored.data)


class ControlHandler(JsonHandler):
    """/_test/<action>: the control API tests drive."""

    async def get(self, name: str) -> None:
        try:
            arguments = read_arguments(self.request)
        except ValueError as error:
            self.reply(400, {"ok": False, "description": str(error)})
            return
        status, body = await run_action(self.world, name, arguments)
        self.reply(status, body)

    post = get


class NotFoundHandler(JsonHandler):
    """Any other path answers like Telegram does, not with an HTML page."""

    def prepare(self) -> None:
        self.reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})


def make_app(world: World) -> tornado.web.Application:
    context = {"world": world}
    return tornado.web.Application(
        [
            (r"/bot([^/]+)/([A-Za-z0-9_]+)", BotApiHandler, context),
            (r"/file/bot([^/]+)/(.+)", FileHandler, context),
            (r"/_test/([a-z_]+)", ControlHandler, context),
        ],
        default_handler_class=NotFoundHandler,
        default_handler_args=context,
        log_function=lambda handler: None,
    )


def _exit_with_parent(stop: asyncio.Event) -> PeriodicCallback:
    """Stop when the process that started us is gone, so no server outlives its tests."""
    parent = os.getppid()

    def check() -> None:
        if os.getppid() != parent:
            stop.set()

    watcher = PeriodicCallback(check, 1000)
    watcher.start()
    return watcher


async def serve(args: argparse.Namespace) -> None:
    sockets = bind_sockets(args.port, args.host)
    port = sockets[0].getsockname()[1]
    server = HTTPServer(make_app(World(args.token, args.bot_username, args.bot_name)))
    server.add_sockets(sockets)
    if args.port_file:
        Path(args.port_file).write_text(str(port))
    print(f"READY http://{args.host}:{port}", flush=True)
    stop = asyncio.Event()
    watcher = _exit_with_parent(stop)
    await stop.wait()
    watcher.stop()
    server.stop()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="also write the chosen port here")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default="bulletin_test_bot")
    parser.add_argument("--bot-name", default="Bulletin Test Bot")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()

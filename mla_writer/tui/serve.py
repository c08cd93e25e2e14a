"""`mla-writer serve`: the wizard in a browser on this machine only.

textual-serve has no authentication, and a case file holds personal data, so the server listens
on 127.0.0.1 only, on a free port, and every path sits under a random token: without the URL
printed at start-up (which only the user who started it sees) nothing can be reached, not even
the page that opens the terminal's websocket.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import shlex
import socket
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from .i18n import _, set_ui_language

HOST = "127.0.0.1"


def bind_socket(port: int = 0) -> socket.socket:
    """A listening socket on the loopback address; port 0 asks the system for a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock


def wizard_command(case_path: Path | None, ui_language: str) -> str:
    """The command each browser session runs: the same wizard, in a fresh process."""
    args = [sys.executable, "-m", "mla_writer", "wizard"]
    if case_path is not None:
        args.append(str(Path(case_path).expanduser().resolve()))
    return shlex.join([*args, "--ui-language", ui_language])


class TokenServer(Server):
    """textual-serve's server with every route under /<token>/ and everything else refused."""

    def __init__(self, command: str, token: str, port: int) -> None:
        super().__init__(command, host=HOST, port=port, title="mla-writer")
        self.token = token
        self.public_url = f"http://{HOST}:{port}"

    def url(self) -> str:
        return f"{self.public_url}/{self.token}/"

    @web.middleware
    async def _require_token(self, request: web.Request, handler):
        first = request.path.lstrip("/").split("/", 1)[0]
        if not hmac.compare_digest(first.encode(), self.token.encode()):
            raise web.HTTPNotFound(text="Not found")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[self._require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = f"/{self.token}"
        app.add_routes([
            web.get(prefix + "/", self.handle_index, name="index"),
            web.get(prefix + "/ws", self.handle_websocket, name="websocket"),
            web.get(prefix + "/download/{key}", self.handle_download, name="download"),
            web.static(prefix + "/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        print(_("The wizard is at {url}").format(url=self.url()))
        print(_("Open it in a browser on this computer; only this address (with its secret part) works. "
                "Press Ctrl+C to stop."))

    def serve_on(self, sock: socket.socket) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        web.run_app(self._make_app(), sock=sock, loop=loop, print=lambda *args: None)


def serve(case_path: Path | None = None, port: int = 0, ui_language: str = "en") -> int:
    set_ui_language(ui_language)
    try:
        sock = bind_socket(port)
    except OSError as e:
        print(_("error: cannot listen on {host}:{port} ({problem})").format(host=HOST, port=port,
                                                                            problem=e.strerror),
              file=sys.stderr)
        return 2
    server = TokenServer(wizard_command(case_path, ui_language), secrets.token_urlsafe(24), sock.getsockname()[1])
    try:
        server.serve_on(sock)
    except KeyboardInterrupt:
        pass
    return 0

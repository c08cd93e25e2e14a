"""`mla-writer serve`: the wizard in a browser on this machine only.

A case file holds personal data, so the server listens on 127.0.0.1 only, on a free port, and
every path sits under a random token: without the URL printed at start-up (which only the user
who started it sees) nothing can be reached. Every request must also name this server as its
`Host` (no DNS rebinding) and a websocket must come from this server's own page (`Origin`). The
page, its script, its style sheet and its font are all served from here: nothing is fetched from
elsewhere, and the token is never written to a log.

The page and the routes are this module's own (aiohttp); textual-serve provides the terminal
script and styles, and `AppService`, which runs one wizard process per browser tab.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import html
import secrets
import shlex
import socket
import sys
from pathlib import Path

from aiohttp import WSMsgType, web

from ..errors import EXIT_INPUT
from .i18n import _, set_ui_language

HOST = "127.0.0.1"
STATIC_FILES = {  # what the page loads, and where textual-serve keeps it
    "textual.js": "js/textual.js", "xterm.css": "css/xterm.css", "font.ttf": "fonts/RobotoMono-VariableFont_wght.ttf",
}
PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="static/xterm.css">
<style>
@font-face {{ font-family: "Roboto Mono"; src: url("static/font.ttf") format("truetype"); }}
html, body {{ margin: 0; height: 100%; background: #0c181f; }}
#terminal {{ width: 100vw; height: 100vh; }}
#start, .dialog-container {{ display: none; }}
body.-closed .closed {{ display: flex; }}
.closed {{ display: none; position: absolute; inset: 0; align-items: center; justify-content: center;
  color: #eee; font: 16px "Roboto Mono", monospace; background: #0c181f; }}
</style>
<script src="static/textual.js"></script>
</head>
<body>
<div class="closed">{closed}</div>
<div id="start"></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{websocket}" data-font-size="16"></div>
</body>
</html>
"""
INVALID = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>{title}</title></head>
<body style="font-family: sans-serif; margin: 3em;"><h1>{title}</h1><p>{text}</p></body></html>
"""


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


def wizard_command(case_path: Path | None, ui_language: str, today: dt.date | None = None) -> str:
    """The command each browser session runs: the same wizard, in a fresh process."""
    args = [sys.executable, "-m", "mla_writer", "wizard"]
    if case_path is not None:
        args.append(str(Path(case_path).expanduser().resolve()))
    if today is not None:
        args += ["--today", today.isoformat()]
    return shlex.join([*args, "--ui-language", ui_language])


def textual_serve_static() -> Path:
    """textual-serve's folder of static files (its terminal script, styles and fonts)."""
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent / "static"


class WizardServer:
    """The routes under /<token>/: the page, its static files and the terminal's websocket."""

    def __init__(self, command: str, token: str, port: int, ui_language: str = "en") -> None:
        self.command, self.token, self.port, self.ui_language = command, token, port, ui_language
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.static = textual_serve_static()
        self.sessions: set[asyncio.Task[None]] = set()

    def url(self) -> str:
        return f"http://{HOST}:{self.port}/{self.token}/"

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get(f"/{self.token}/", self.page),
            web.get(f"/{self.token}/ws", self.websocket),
            web.get(f"/{self.token}/static/{{name}}", self.static_file),
        ])
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler):
        """Only this server's own address as Host, the token as the first part of the path, and
        for the websocket an Origin that is this server."""
        first = request.path.lstrip("/").split("/", 1)[0]
        if request.host not in self.hosts:
            return self.invalid(421, _("This address is not the wizard's."))
        if not hmac.compare_digest(first.encode(), self.token.encode()):
            return self.invalid(404, _("This link to the wizard is not valid: use the address printed when "
                                       "'mla-writer serve' started, in full."))
        origin = request.headers.get("Origin")
        if request.path.endswith("/ws") and origin not in {f"http://{host}" for host in self.hosts}:
            return self.invalid(403, _("The wizard only accepts its own page."))
        response = await handler(request)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def invalid(self, status: int, text: str) -> web.Response:
        title = _("Link not valid")
        body = INVALID.format(lang=self.ui_language, title=html.escape(title), text=html.escape(text))
        return web.Response(status=status, text=body, content_type="text/html")

    async def page(self, request: web.Request) -> web.Response:
        body = PAGE.format(lang=self.ui_language, title="mla-writer",
                           closed=html.escape(_("The wizard has closed. Reload the page to open it again.")),
                           websocket=f"ws://{request.host}/{self.token}/ws")
        return web.Response(text=body, content_type="text/html",
                            headers={"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                                                "connect-src 'self'; font-src 'self'"})

    async def static_file(self, request: web.Request) -> web.StreamResponse:
        name = STATIC_FILES.get(request.match_info["name"])
        if name is None:
            return self.invalid(404, _("No such file."))
        return web.FileResponse(self.static / name)

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        from textual_serve.app_service import AppService
        from textual_serve.download_manager import DownloadManager

        socket_ = web.WebSocketResponse(heartbeat=15)
        await socket_.prepare(request)
        async def close() -> None:
            await socket_.close()

        service = AppService(self.command, write_bytes=socket_.send_bytes, write_str=socket_.send_str,
                             close=close, download_manager=DownloadManager())
        await service.start(_number(request.query.get("width"), 80), _number(request.query.get("height"), 24))
        try:
            async for message in socket_:
                if message.type == WSMsgType.TEXT:
                    await _relay(message.json(), service, socket_)
        finally:
            await service.stop()
        return socket_


async def _relay(envelope: object, service, socket_: web.WebSocketResponse) -> None:
    """One message from the browser's terminal to the wizard's process."""
    if not isinstance(envelope, list) or not envelope:
        return
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(data, str):
        await service.send_bytes(data.encode("utf-8"))
    elif kind == "resize" and isinstance(data, dict):
        await service.set_terminal_size(_number(data.get("width"), 80), _number(data.get("height"), 24))
    elif kind == "ping":
        await socket_.send_json(["pong", data])
    elif kind == "blur":
        await service.blur()
    elif kind == "focus":
        await service.focus()


def _number(value: object, default: int) -> int:
    try:
        return max(1, min(1000, int(str(value))))
    except ValueError:
        return default


def serve(case_path: Path | None = None, port: int = 0, ui_language: str = "en", today: dt.date | None = None) -> int:
    """`today`: --today, passed on to every session's wizard."""
    set_ui_language(ui_language)
    try:
        sock = bind_socket(port)
    except OSError as e:
        print(_("error: cannot listen on {host}:{port} ({problem})").format(host=HOST, port=port,
                                                                            problem=e.strerror),
              file=sys.stderr)
        return EXIT_INPUT
    server = WizardServer(wizard_command(case_path, ui_language, today), secrets.token_urlsafe(24), sock.getsockname()[1],
                          ui_language)
    print(_("The wizard is at {url}").format(url=server.url()))
    print(_("Open it in a browser on this computer; only this address (with its secret part) works. "
            "Press Ctrl+C to stop."), flush=True)
    try:
        asyncio.run(_serve_forever(server, sock))
    except KeyboardInterrupt:
        pass
    return 0


async def start(server: WizardServer, sock: socket.socket) -> web.AppRunner:
    """Serve on the listening socket; the runner, to clean up when done."""
    runner = web.AppRunner(server.app(), access_log=None)  # every line of an access log would carry the token
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner


async def _serve_forever(server: WizardServer, sock: socket.socket) -> None:
    runner = await start(server, sock)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()

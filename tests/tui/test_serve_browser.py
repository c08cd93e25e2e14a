"""`mla-writer serve` in a real browser: headless Chromium opens the printed address, the wizard
shows, and nothing outside 127.0.0.1 is requested (by the page, or by the browser at all).

The browser has no way out: host names resolve to nothing but loopback. What the page asked for
is read through the DevTools protocol, and every connection the browser made from its network log.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from mla_writer.tui.app import copy_example

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LOOPBACK = {"127.0.0.1", "localhost"}
WIZARD_TEXT = "Internal reference"  # the first field of the first step

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/install.sh --test)")


def _start_serve(case: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen([sys.executable, "-m", "mla_writer", "serve", str(case)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=case.parent)
    assert server.stdout is not None
    first = server.stdout.readline()
    url = first.strip().split()[-1]
    assert url.startswith("http://127.0.0.1:"), first
    return server, url


def _start_chromium(profile: Path, net_log: Path) -> tuple[subprocess.Popen[bytes], int]:
    browser = subprocess.Popen([
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--log-net-log={net_log}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1", "--window-size=1200,800", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    for _ in range(600):  # bounded: 60 s at most
        if port_file.exists() and port_file.read_text().strip():
            return browser, int(port_file.read_text().split()[0])
        if browser.poll() is not None:
            break
        time.sleep(0.1)
    browser.kill()
    pytest.fail("Chromium did not start its DevTools endpoint")


async def _visit(devtools_port: int, url: str, screenshot: Path) -> tuple[list[str], str]:
    """Open `url`; every URL the page requested, and the terminal output it received."""
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            target = next(t for t in await response.json() if t["type"] == "page")
        async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
            calls = 0

            async def send(method: str, **params: object) -> None:
                nonlocal calls
                calls += 1
                await cdp.send_json({"id": calls, "method": method, "params": params})

            await send("Network.enable")
            await send("Page.enable")
            await send("Page.navigate", url=url)
            requested: list[str] = []
            received = ""
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and WIZARD_TEXT not in received:
                try:
                    message = await cdp.receive_json(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                method, params = message.get("method"), message.get("params", {})
                if method == "Network.requestWillBeSent":
                    requested.append(params["request"]["url"])
                elif method == "Network.webSocketCreated":
                    requested.append(params["url"])
                elif method == "Network.webSocketFrameReceived":
                    received += _payload(params["response"])
            await send("Page.captureScreenshot", format="png")
            while True:
                message = await cdp.receive_json(timeout=30)
                if message.get("id") == calls:
                    screenshot.write_bytes(base64.b64decode(message["result"]["data"]))
                    break
            await send("Browser.close")
    return requested, received


def _payload(frame: dict) -> str:
    data = frame.get("payloadData", "")
    if frame.get("opcode") == 2:  # binary: base64, with textual-serve's packet headers among the bytes
        return base64.b64decode(data).decode("utf-8", "replace")
    return data


def _connections_in_net_log(net_log: Path) -> set[str]:
    """The address of every TCP connection the browser attempted, from its network log.

    (Chromium's own background calls, to its update and sign-in services, show in the log as
    requests that never resolve: the resolver rules leave them nowhere to go, so they never
    connect. Its UDP "connects" that choose a source address send no packet and are not counted.)
    """
    text = net_log.read_text(encoding="utf-8", errors="replace")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a log cut short by the browser's exit: close it
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    types = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    return {event["params"]["address"] for event in log.get("events", [])
            if types.get(event["type"]) == "TCP_CONNECT_ATTEMPT" and "address" in event.get("params", {})}


def test_the_served_wizard_shows_in_chromium_with_nothing_requested_outside_loopback(tmp_path):
    case = copy_example("bec-preservation", tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "MLA_WRITER_DEBUG"}
    server, url = _start_serve(case, env)
    profile = tmp_path / "profile"
    profile.mkdir()
    net_log = tmp_path / "net-log.json"
    browser, devtools_port = _start_chromium(profile, net_log)
    try:
        requested, received = asyncio.run(_visit(devtools_port, url, tmp_path / "served.png"))
        browser.wait(timeout=60)
    finally:
        for process in (browser, server):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    assert WIZARD_TEXT in received, "the wizard never showed in the browser"
    assert requested and all(urlsplit(u).hostname in LOOPBACK for u in requested if "://" in u), requested
    connected = _connections_in_net_log(net_log)
    assert connected and all(address.startswith("127.0.0.1:") for address in connected), connected
    output = (server.stdout.read() if server.stdout else "") + (server.stderr.read() if server.stderr else "")
    token = urlsplit(url).path.strip("/")
    assert token not in output, "the token was written after start-up"

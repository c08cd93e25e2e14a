"""The browser face: loopback only, nothing without the secret token, this server's own Host and
Origin, every asset served from here, and no token in any log."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

import aiohttp

from mla_writer.tui.serve import WizardServer, bind_socket, start, wizard_command
from mla_writer.tui.text_file import MAX_BYTES, check_text_file

TOKEN = "s3cret-token"


def test_binds_to_loopback_on_a_free_port():
    sock = bind_socket(0)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
    finally:
        sock.close()


@contextlib.asynccontextmanager
async def _serving():
    """The server as `mla-writer serve` runs it, and a client for it."""
    sock = bind_socket(0)
    port = sock.getsockname()[1]
    runner = await start(WizardServer(wizard_command(None, "fr"), TOKEN, port, "fr"), sock)
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as client:
            yield client, port
    finally:
        await runner.cleanup()


def test_every_path_needs_the_token_and_a_wrong_one_says_the_link_is_invalid(caplog):
    async def run():
        async with _serving() as (client, port):
            for path in ("/", "/ws", "/static/textual.js", "/wrong/", f"/{TOKEN}X/", f"/{TOKEN.upper()}/"):
                response = await client.get(path)
                assert response.status == 404, path
                assert "pas valide" in await response.text() or "not valid" in await response.text()
            page = await client.get(f"/{TOKEN}/")
            assert page.status == 200
            body = await page.text()
            assert f"ws://127.0.0.1:{port}/{TOKEN}/ws" in body
            # nothing from elsewhere: every URL on the page is relative to it, or this server's
            assert not re.findall(r"https?://(?!127\.0\.0\.1)", body)
            for name in ("textual.js", "xterm.css", "font.ttf"):
                asset = await client.get(f"/{TOKEN}/static/{name}")
                assert asset.status == 200, name
            assert (await client.get(f"/{TOKEN}/static/..%2fjs%2ftextual.js")).status == 404

    with caplog.at_level(logging.DEBUG):
        asyncio.run(run())
    assert TOKEN not in caplog.text


def test_a_foreign_host_or_websocket_origin_is_refused():
    async def run():
        async with _serving() as (client, port):
            rebinding = await client.get(f"/{TOKEN}/", headers={"Host": f"evil.example:{port}"})
            assert rebinding.status == 421
            for origin in ("http://evil.example", "null", None):
                headers = {"Origin": origin} if origin else {}
                ws = await client.get(f"/{TOKEN}/ws", headers=headers | {
                    "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
                assert ws.status == 403, origin
            same = await client.get(f"/{TOKEN}/", headers={"Host": f"localhost:{port}"})
            assert same.status == 200

    asyncio.run(run())


def test_command_runs_the_wizard_in_the_chosen_language(tmp_path):
    command = wizard_command(tmp_path / "case.json", "zh")
    assert "-m mla_writer wizard" in command and command.endswith("--ui-language zh")
    assert str(tmp_path / "case.json") in command


def test_load_text_in_the_browser_stays_in_the_case_folder_and_under_the_size_cap(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    inside = folder / "facts.txt"
    inside.write_text("Les faits.", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("private", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    big = folder / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    assert check_text_file(inside, confine_to=folder) is None
    assert "only files in the case's folder" in check_text_file(outside, confine_to=folder)
    assert "only files in the case's folder" in check_text_file(folder / "link.txt", confine_to=folder)
    assert check_text_file(outside) is None  # in a terminal the user's own files are theirs to load
    assert "too long" in check_text_file(big)

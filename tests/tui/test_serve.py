"""The browser face: loopback only, and nothing without the secret token in the path."""

from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestClient, TestServer

from mla_writer.tui.serve import HOST, TokenServer, bind_socket, wizard_command


def test_binds_to_loopback_on_a_free_port():
    sock = bind_socket(0)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
    finally:
        sock.close()


def test_every_path_needs_the_token():
    server = TokenServer(wizard_command(None, "fr"), "s3cret-token", 8123)

    async def run():
        app = await server._make_app()
        app.on_startup.clear()  # no banner in test output
        async with TestClient(TestServer(app, host=HOST)) as client:
            for path in ("/", "/ws", "/static/js/textual.js", "/wrong/", "/s3cret-tokenX/", "/S3CRET-TOKEN/"):
                response = await client.get(path)
                assert response.status == 404, path
            page = await client.get("/s3cret-token/")
            assert page.status == 200
            body = await page.text()
            # the page's websocket and static files are under the token too
            assert "ws://127.0.0.1:8123/s3cret-token/ws" in body
            assert "/s3cret-token/static/" in body
            script = await client.get("/s3cret-token/static/js/textual.js")
            assert script.status == 200

    asyncio.run(run())


def test_command_runs_the_wizard_in_the_chosen_language(tmp_path):
    command = wizard_command(tmp_path / "case.json", "zh")
    assert "-m mla_writer wizard" in command and command.endswith("--ui-language zh")
    assert str(tmp_path / "case.json") in command

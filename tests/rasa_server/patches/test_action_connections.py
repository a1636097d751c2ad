"""Action calls on kept-alive connections, with sessions otherwise Rasa's own."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from rasa_server.patches import action_connections

Seen = list[tuple[asyncio.BaseTransport, web.Request]]


@contextlib.asynccontextmanager
async def action_server_stand_in(
    keepalive_timeout: float = 75.0,
) -> AsyncIterator[tuple[str, Seen]]:
    """A local HTTP server that notes, for each request, the connection and what came with it."""
    seen: Seen = []

    async def webhook(request: web.Request) -> web.Response:
        assert request.transport is not None
        seen.append((request.transport, request))  # kept, so no two connections share an id
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app, keepalive_timeout=keepalive_timeout)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/webhook", seen
    finally:
        pool = action_connections._connection_pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()
        await runner.cleanup()


def connections(seen: Seen) -> int:
    """How many connections the requests came on."""
    return len({id(transport) for transport, _ in seen})


def test_action_calls_reuse_a_kept_alive_connection_where_rasa_opens_one_each() -> None:
    async def three_calls() -> int:
        async with action_server_stand_in() as (url, seen):
            endpoint = EndpointConfig(url)
            for _ in range(3):
                assert await endpoint.request(json={"next_action": "x"}) == {
                    "events": [],
                    "responses": [],
                }
            return connections(seen)

    assert asyncio.run(three_calls()) == 3  # Rasa's own sessions
    action_connections.apply()
    assert asyncio.run(three_calls()) == 1


def test_a_session_is_otherwise_rasas_own() -> None:
    action_connections.apply()

    async def call() -> web.Request:
        async with action_server_stand_in() as (url, seen):
            endpoint = EndpointConfig(
                url,
                headers={"X-Clinic": "joint-pain"},
                basic_auth={"username": "rasa", "password": "secret"},
                token="t0ken",
            )
            session = endpoint.session()
            assert session.timeout.total == action_connections.DEFAULT_REQUEST_TIMEOUT
            await session.close()
            await endpoint.request(json={"next_action": "x"})
            return seen[0][1]

    request = asyncio.run(call())
    assert request.headers["X-Clinic"] == "joint-pain"
    assert request.headers["Authorization"] == aiohttp.BasicAuth("rasa", "secret").encode()
    assert request.query["token"] == "t0ken"


def test_a_connection_the_server_closed_is_not_used_again() -> None:
    action_connections.apply()

    async def calls_with_a_pause() -> int:
        async with action_server_stand_in(keepalive_timeout=0.1) as (url, seen):
            endpoint = EndpointConfig(url)
            await endpoint.request(json={"next_action": "x"})
            [(transport, _)] = seen
            deadline = time.monotonic() + 10
            while not transport.is_closing():  # the server closes the idle connection
                assert time.monotonic() < deadline, "the stand-in kept the connection open"
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.1)  # and the client has seen it close
            await endpoint.request(json={"next_action": "x"})
            return connections(seen)

    assert asyncio.run(calls_with_a_pause()) == 2


def test_each_event_loop_keeps_its_own_pool_and_without_one_rasas_session_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    action_connections.apply()
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook")

    async def pool() -> object:
        session = endpoint.session()
        connector = session.connector
        assert session.connector is endpoint.session().connector  # the same pool
        await session.close()
        assert connector is not None and not connector.closed  # closing a session keeps it
        return connector

    assert asyncio.run(pool()) is not asyncio.run(pool())
    made: list[EndpointConfig] = []
    monkeypatch.setattr(action_connections, "_new_session", made.append)
    endpoint.session()
    assert made == [endpoint]

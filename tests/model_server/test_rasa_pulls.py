"""Rasa 3.6's own pull, against our model server: a late server, then a new model."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from rasa.core.agent import Agent, _update_model_from_server, load_agent
from rasa.utils.endpoints import EndpointConfig

from model_server import publish, served_name
from model_server.server import ROUTE, make_app
from tests.model_files import trained_model
from tools.stack import free_ports

pytestmark = pytest.mark.model


async def test_a_worker_started_before_the_model_server_gets_the_model_at_its_next_pull(
    tmp_path: Path,
) -> None:
    [port] = free_ports(1)
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}{ROUTE}", wait_time_between_pulls=0)
    agent: Agent = await load_agent(model_server=endpoint)
    assert not agent.is_ready(), "no model server yet: Rasa starts without a model"

    model_hash = publish(trained_model(), tmp_path / "live")
    server = TestServer(make_app(tmp_path / "live"), port=port)
    await server.start_server()
    try:
        await _update_model_from_server(endpoint, agent)  # what Rasa's scheduled pull runs
        assert agent.is_ready()
        assert agent.fingerprint == model_hash
        assert agent.processor is not None
        assert agent.processor.model_filename == served_name(model_hash)
        loaded = agent.processor
        await _update_model_from_server(endpoint, agent)  # 304: nothing is loaded again
        assert agent.processor is loaded
    finally:
        await server.close()

"""The model server answers Rasa's pulls: the model with its hash, 304 while unchanged, 404."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from model_server import MODEL_NAME, LiveModel, file_hash, publish, served_name
from model_server.server import ROUTE, make_app


@pytest.fixture
async def client(tmp_path: Path):
    async with TestClient(TestServer(make_app(tmp_path / "live"))) as test_client:
        yield test_client


def model(tmp_path: Path, content: bytes, name: str = "new.tar.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


async def test_no_published_model_is_404(client: TestClient) -> None:
    response = await client.get(ROUTE)
    assert response.status == 404


async def test_the_model_comes_with_its_hash_as_etag_and_file_name(
    client: TestClient, tmp_path: Path
) -> None:
    model_hash = publish(model(tmp_path, b"model one"), tmp_path / "live")
    response = await client.get(ROUTE)
    assert response.status == 200
    assert await response.read() == b"model one"
    assert response.headers["ETag"] == model_hash
    assert model_hash == hashlib.sha256(b"model one").hexdigest()[:16]
    assert response.headers["filename"] == served_name(model_hash)
    assert "Content-Encoding" not in response.headers, "Rasa must get the archive as is"


async def test_a_worker_with_the_live_model_gets_304_and_a_new_one_gets_200(
    client: TestClient, tmp_path: Path
) -> None:
    first = publish(model(tmp_path, b"model one"), tmp_path / "live")
    unchanged = await client.get(ROUTE, headers={"If-None-Match": first})
    assert unchanged.status == 304 and await unchanged.read() == b""
    second = publish(model(tmp_path, b"model two"), tmp_path / "live")
    changed = await client.get(ROUTE, headers={"If-None-Match": first})
    assert changed.status == 200 and changed.headers["ETag"] == second != first
    assert await changed.read() == b"model two"


async def test_health_names_the_live_model(client: TestClient, tmp_path: Path) -> None:
    assert (await (await client.get("/health")).json()) == {"model": None}
    model_hash = publish(model(tmp_path, b"model one"), tmp_path / "live")
    assert (await (await client.get("/health")).json()) == {"model": model_hash}


def test_publish_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    live = tmp_path / "live"
    publish(model(tmp_path, b"old"), live)
    inode = (live / MODEL_NAME).stat().st_ino
    publish(model(tmp_path, b"new"), live)
    assert (live / MODEL_NAME).read_bytes() == b"new"
    assert (live / MODEL_NAME).stat().st_ino != inode, "renamed over, not written in place"
    assert [path.name for path in live.iterdir()] == [MODEL_NAME]


def test_a_failed_publish_keeps_the_live_model(tmp_path: Path) -> None:
    live = tmp_path / "live"
    publish(model(tmp_path, b"old"), live)
    with pytest.raises(FileNotFoundError):
        publish(tmp_path / "missing.tar.gz", live)
    assert (live / MODEL_NAME).read_bytes() == b"old"
    assert [path.name for path in live.iterdir()] == [MODEL_NAME]


def test_the_hash_follows_the_file_not_a_stale_cache(tmp_path: Path) -> None:
    live = LiveModel(tmp_path / "live")
    assert live.current_hash() is None
    publish(model(tmp_path, b"one"), live.folder)
    assert live.current_hash() == file_hash(live.path)
    publish(model(tmp_path, b"two"), live.folder)
    assert live.current_hash() == hashlib.sha256(b"two").hexdigest()[:16]
    assert live.answer('"' + hashlib.sha256(b"two").hexdigest()[:16] + '"').status == 304

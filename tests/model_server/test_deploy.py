"""Deploying a model: wait until every worker's /status names it, smoke-test, roll back."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from model_server import MODEL_NAME, file_hash, publish, served_name
from model_server.deploy import CONFIRMATIONS_PER_WORKER, DeployError, Deployment

Answer = Callable[[], tuple[int, bytes]]


class FakeRasa:
    """A stand-in for Rasa's /status: each request gets the next answer of a script."""

    def __init__(self) -> None:
        self.answer: Answer = lambda: (409, b"{}")
        self.requests = 0
        self.authorizations: set[str] = set()


@pytest.fixture
def rasa() -> Iterator[tuple[FakeRasa, str]]:
    fake = FakeRasa()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.requests += 1
            fake.authorizations.add(self.headers.get("Authorization", ""))
            status, body = fake.answer()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Clock:
    """Time that passes only when the deployment sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def status(model_file: str) -> tuple[int, bytes]:
    return 200, json.dumps({"model_file": model_file, "model_id": "x"}).encode()


def deployment(folder: Path, url: str, said: list[str], workers: int = 2) -> Deployment:
    clock = Clock()
    return Deployment(
        folder=folder,
        rasa_url=url,
        headers=lambda: {"Authorization": "Bearer staff"},
        workers=workers,
        timeout_s=30,
        say=said.append,
        sleep=clock.sleep,
        clock=clock,
    )


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.fixture
def live(tmp_path: Path) -> tuple[Path, str]:
    """A live folder with the old model published; returns it and the old model's hash."""
    folder = tmp_path / "live"
    return folder, publish(write(tmp_path / "old.tar.gz", b"old model"), folder)


def serving_whatever_is_published(folder: Path) -> Answer:
    return lambda: status(served_name(file_hash(folder / MODEL_NAME)))


def test_done_once_every_worker_names_the_new_model_and_the_smoke_test_passes(
    rasa: tuple[FakeRasa, str], live: tuple[Path, str], tmp_path: Path
) -> None:
    fake, url = rasa
    folder, _ = live
    fake.answer = serving_whatever_is_published(folder)
    said: list[str] = []
    new_hash = deployment(folder, url, said).deploy(
        write(tmp_path / "new.tar.gz", b"new model"), lambda: None
    )
    assert (folder / MODEL_NAME).read_bytes() == b"new model"
    assert new_hash == file_hash(folder / MODEL_NAME)
    assert fake.requests >= 2 * CONFIRMATIONS_PER_WORKER
    assert fake.authorizations == {"Bearer staff"}
    assert "Every worker serves model" in said[-1]


def test_one_worker_on_the_old_model_starts_the_count_again(
    rasa: tuple[FakeRasa, str], live: tuple[Path, str]
) -> None:
    fake, url = rasa
    folder, old = live
    new = "0123456789abcdef"
    new_status, old_status = status(served_name(new)), status(served_name(old))
    answers = iter([new_status] * 5 + [old_status] + [new_status] * 50)
    fake.answer = lambda: next(answers)
    deployment(folder, url, []).wait_until_served(new)
    assert fake.requests == 6 + 2 * CONFIRMATIONS_PER_WORKER


@pytest.mark.parametrize(
    "answer",
    [
        lambda: (409, b'{"message": "no model"}'),
        lambda: (200, b"not json"),
        lambda: (200, b'{"model_file": null}'),
        lambda: (500, b""),
    ],
    ids=["loading", "not-json", "no-model", "error"],
)
def test_a_worker_without_the_model_is_not_counted(
    rasa: tuple[FakeRasa, str], tmp_path: Path, answer: Answer
) -> None:
    fake, url = rasa
    fake.answer = answer
    with pytest.raises(DeployError, match="did not switch to the new model within 30 s"):
        deployment(tmp_path, url, []).wait_until_served("0123456789abcdef")


def test_an_unreachable_assistant_times_out_with_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(DeployError, match="a worker still serves no model"):
        deployment(tmp_path, "http://127.0.0.1:9", []).wait_until_served("0123456789abcdef")


def test_a_model_the_workers_never_load_is_rolled_back(
    rasa: tuple[FakeRasa, str], live: tuple[Path, str], tmp_path: Path
) -> None:
    fake, url = rasa
    folder, old = live
    fake.answer = lambda: status(served_name(old))  # the new model fails to load
    said: list[str] = []
    with pytest.raises(DeployError) as raised:
        deployment(folder, url, said).deploy(
            write(tmp_path / "new.tar.gz", b"broken"), lambda: None
        )
    assert "did not switch to the new model" in str(raised.value)
    assert "The previous model is live again." in str(raised.value)
    assert (folder / MODEL_NAME).read_bytes() == b"old model"
    assert any("Putting the previous model" in line for line in said)


def test_a_failed_smoke_conversation_is_rolled_back(
    rasa: tuple[FakeRasa, str], live: tuple[Path, str], tmp_path: Path
) -> None:
    fake, url = rasa
    folder, _ = live
    fake.answer = serving_whatever_is_published(folder)
    with pytest.raises(DeployError, match=r"failed the test conversation: no answer.*live again"):
        deployment(folder, url, []).deploy(
            write(tmp_path / "new.tar.gz", b"new model"), lambda: "no answer"
        )
    assert (folder / MODEL_NAME).read_bytes() == b"old model"


def test_a_rollback_the_workers_do_not_take_says_to_restart(
    rasa: tuple[FakeRasa, str], live: tuple[Path, str], tmp_path: Path
) -> None:
    fake, url = rasa
    folder, _ = live
    fake.answer = lambda: (409, b"{}")
    with pytest.raises(DeployError, match=r"has not reloaded it yet.*Restart the assistant"):
        deployment(folder, url, []).deploy(write(tmp_path / "new.tar.gz", b"new"), lambda: None)
    assert (folder / MODEL_NAME).read_bytes() == b"old model"


def test_without_a_previous_model_a_failure_is_reported_as_is(
    rasa: tuple[FakeRasa, str], tmp_path: Path
) -> None:
    fake, url = rasa
    folder = tmp_path / "live"
    fake.answer = serving_whatever_is_published(folder)
    with pytest.raises(DeployError) as raised:
        deployment(folder, url, []).deploy(write(tmp_path / "new.tar.gz", b"new"), lambda: "bad")
    assert "live again" not in str(raised.value)

"""The retrain's last step: an accepted model is put live, or the live one is kept."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from startup.settings import load_settings
from tests.clinic.faq.faq_factory import TODAY
from tests.tools.test_retrain import NOW, FakeScorer, layout, scores
from tools.retrain import Layout, RetrainError, live_deployer, retrain, smoke

__all__ = ["layout"]  # the fixture, shared with the retrain's own tests


def test_an_accepted_model_is_deployed_and_the_report_says_so(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    deployed: list[str] = []

    def deploy(model: Path, _layout: Layout) -> str:
        deployed.append(model.read_text())
        return "model abc live in every Rasa worker"

    scorer = FakeScorer(scores([True] * 10), scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer, deploy) == 0
    assert deployed == ["new model"]
    report = (layout.reports / "retrain-20261203-140000.md").read_text(encoding="utf-8")
    assert "model abc live in every Rasa worker" in report
    assert "Putting the new model live" in capsys.readouterr().out


def test_a_failed_deployment_keeps_the_live_model_and_exits_1(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    def deploy(_model: Path, _layout: Layout) -> str:
        raise RetrainError("a worker did not switch. The previous model is live again.")

    scorer = FakeScorer(scores([True] * 10), scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer, deploy) == 1
    assert layout.model.read_text() == "live model", "a restart serves the old model too"
    assert (layout.models / "refused" / "clinic.tar.gz").read_text() == "new model"
    out = capsys.readouterr().out
    assert "Not put live: a worker did not switch. The previous model is live again." in out
    assert "Traceback" not in out


def test_a_refused_model_is_not_deployed(layout: Layout) -> None:
    def deploy(_model: Path, _layout: Layout) -> str:
        raise AssertionError("a refused model must not be deployed")

    scorer = FakeScorer(scores([True] * 10), scores([False] * 10))
    assert retrain(layout, TODAY, NOW, scorer, deploy) == 1
    assert layout.model.read_text() == "live model"


@pytest.fixture
def fake_rasa() -> Iterator[tuple[dict[str, object], int]]:
    """A stand-in for Rasa and the model server on one port, answering as `script` says."""
    script: dict[str, object] = {"status": 401, "tracker": {}, "reply": [{"text": "hi"}]}

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/status":
                self._answer(int(str(script["status"])), {})
            elif self.path.endswith("/tracker"):
                self._answer(200, script["tracker"])
            else:
                self._answer(404, {})

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self._answer(200, script["reply"])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield script, server.server_address[1]
    server.shutdown()
    server.server_close()


def settings_for(port: int, tmp_path: Path):
    return load_settings(
        {
            "RASA_PORT": str(port),
            "MODEL_SERVER_PORT": str(port),
            "RASA_JWT_SECRET": "s" * 32,
            "LIVE_MODEL_DIR": str(tmp_path / "live"),
        }
    )


def test_no_running_assistant_means_the_model_is_served_at_the_next_start(
    layout: Layout, tmp_path: Path
) -> None:
    settings = load_settings({"RASA_PORT": "9", "MODEL_SERVER_PORT": "9"})
    said = live_deployer(settings)(layout.model, layout)
    assert "not running and serves it when started" in said


def test_a_refused_sign_in_publishes_nothing_and_says_to_restart(
    layout: Layout, tmp_path: Path, fake_rasa: tuple[dict[str, object], int]
) -> None:
    _, port = fake_rasa
    said = live_deployer(settings_for(port, tmp_path))(layout.model, layout)
    assert "same RASA_JWT_SECRET" in said and "restart the assistant (make run)" in said
    assert not (tmp_path / "live").exists()


def answered_as(key: str) -> dict[str, object]:
    return {
        "latest_message": {"response_selector": {"faq": {"response": {"intent_response_key": key}}}}
    }


def test_the_smoke_conversation_needs_the_faq_to_answer_its_own_example(
    layout: Layout, tmp_path: Path, fake_rasa: tuple[dict[str, object], int]
) -> None:
    from tools.faq_files import read_sources

    script, port = fake_rasa
    faqs, _ = read_sources(layout.faqs)
    settings = settings_for(port, tmp_path)
    script["tracker"] = answered_as(f"faq/{faqs[0].key}")
    assert smoke(settings, faqs) is None
    script["tracker"] = answered_as("faq/something_else")
    assert f"answered as faq/something_else, not faq/{faqs[0].key}" in str(smoke(settings, faqs))
    script["tracker"] = {"latest_message": {}}
    assert "got no usable answer (KeyError)" in str(smoke(settings, faqs))
    script["tracker"], script["reply"] = answered_as(f"faq/{faqs[0].key}"), []
    assert "got no reply" in str(smoke(settings, faqs))
    assert smoke(settings, []) is None, "no FAQ, nothing to ask"

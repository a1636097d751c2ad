"""A new model goes live in every Rasa worker of a running stack, without a restart.

The second model is the trained one re-compressed: the same model in a file of another
hash, which is how the model server and the workers tell models apart.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from model_server import served_name
from model_server.deploy import DeployError, Deployment
from startup.rasa_api import api_headers
from startup.settings import load_settings
from tests.e2e.test_checkin_and_booking import Patient
from tools.faq_files import FAQ_SOURCE_DIR, read_sources
from tools.retrain import smoke
from tools.stack import AssistantStack, StackError, running_assistant

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def started() -> Iterator[AssistantStack | StackError]:
    """A stack of its own (its model changes), whose workers ask for a new model each second."""
    try:
        with running_assistant(extra_env={"MODEL_PULL_INTERVAL_S": "1"}) as stack:
            yield stack
    except StackError as error:
        yield error


def running(started: AssistantStack | StackError) -> AssistantStack:
    if isinstance(started, StackError):
        pytest.fail(f"Could not start the assistant: {started}", pytrace=False)
    return started


def recompressed(model: Path, target: Path) -> Path:
    """The same model in a file of another hash (another gzip time stamp)."""
    with gzip.open(model, "rb") as source:
        content = source.read()
    target.write_bytes(gzip.compress(content, compresslevel=1, mtime=12345))
    return target


def deployment(stack: AssistantStack, timeout_s: float) -> Deployment:
    assert stack.live_model_dir is not None
    return Deployment(
        folder=stack.live_model_dir,
        rasa_url=stack.rasa_url,
        headers=lambda: api_headers(stack.jwt_secret),
        workers=stack.workers,
        timeout_s=timeout_s,
    )


def faq_answered(stack: AssistantStack) -> str | None:
    """The retrain's own smoke conversation: an FAQ example answered by that FAQ."""
    port = stack.rasa_url.rsplit(":", 1)[1]
    settings = load_settings({"RASA_PORT": port, "RASA_JWT_SECRET": stack.jwt_secret})
    return smoke(settings, read_sources(FAQ_SOURCE_DIR)[0])


def test_a_new_model_reaches_every_worker_and_a_checkin_carries_on(
    started: AssistantStack | StackError, tmp_path: Path
) -> None:
    stack = running(started)
    patient = Patient(stack)
    said = patient.says("my lower back has hurt for 2 weeks")
    assert said[-1] == "utter_ask_pain_severity", said

    new_model = recompressed(stack.model_path, tmp_path / "new.tar.gz")
    new_hash = deployment(stack, timeout_s=60).deploy(new_model, lambda: faq_answered(stack))

    seen = {stack.status()["model_file"] for _ in range(20)}
    assert seen == {served_name(new_hash)}, "every worker answers with the new model"
    assert patient.says("8")[-1] == "utter_ask_nerve_symptoms", "the check-in carries on"
    assert patient.slot("pain_duration_days") == 14, "what the patient said is kept"


def test_a_model_that_does_not_load_is_rolled_back(
    started: AssistantStack | StackError, tmp_path: Path
) -> None:
    stack = running(started)
    before = stack.status()["model_file"]
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not a model")

    with pytest.raises(DeployError, match="The previous model is live again"):
        deployment(stack, timeout_s=8).deploy(broken, lambda: faq_answered(stack))

    assert {stack.status()["model_file"] for _ in range(20)} == {before}
    assert faq_answered(stack) is None, "the old model still answers"

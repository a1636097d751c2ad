"""Put a model live in every Rasa worker, check it answers, and roll back if it does not.

Workers of one Rasa server share a port, so which worker answers a request is the
kernel's choice. The deployment asks `/status` over a new connection each time and counts
it done only after `confirmations` answers in a row, `CONFIRMATIONS_PER_WORKER` per
worker, all name the new model: a worker still on the old one would have to be passed
over every time (for two workers, 1 chance in a million). Any answer naming another model
starts the count again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from model_server import LiveModel, publish, served_name

CONFIRMATIONS_PER_WORKER = 10
PROBE_TIMEOUT_S = 5.0
POLL_INTERVAL_S = 0.5

Smoke = Callable[[], "str | None"]
"""A smoke conversation against the running assistant: None when it passed, else why not."""


class DeployError(RuntimeError):
    """The new model did not go live; the message says why, in plain words."""


@dataclass
class Deployment:
    """Where the live model is published and how to see what the Rasa workers serve."""

    folder: Path
    rasa_url: str
    headers: Callable[[], dict[str, str]]
    workers: int
    timeout_s: float = 120.0
    say: Callable[[str], None] = print
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    @property
    def confirmations(self) -> int:
        """Answers in a row naming the new model that count as every worker serving it."""
        return CONFIRMATIONS_PER_WORKER * max(1, self.workers)

    def served_model(self) -> str | None:
        """The model file one worker's `/status` names, or None when it has none or is down."""
        try:
            response = requests.get(
                f"{self.rasa_url}/status",
                headers={**self.headers(), "Connection": "close"},
                timeout=PROBE_TIMEOUT_S,
            )
        except requests.RequestException:
            return None
        if response.status_code != 200:
            return None
        try:
            name = response.json().get("model_file")
        except ValueError:
            return None
        return name if isinstance(name, str) else None

    def wait_until_served(self, model_hash: str) -> None:
        """Return once every worker serves the model of this hash; DeployError at the timeout."""
        wanted = served_name(model_hash)
        deadline = self.clock() + self.timeout_s
        in_a_row = 0
        last: str | None = None
        while in_a_row < self.confirmations:
            if self.clock() > deadline:
                raise DeployError(
                    f"The assistant did not switch to the new model within "
                    f"{self.timeout_s:.0f} s (a worker still serves {last or 'no model'})."
                )
            last = self.served_model()
            if last == wanted:
                in_a_row += 1
            else:
                in_a_row = 0
                self.sleep(POLL_INTERVAL_S)

    def deploy(self, model: Path, smoke: Smoke) -> str:
        """Make `model` live and check it; on failure put the previous model back.

        Returns the new model's hash. Raises DeployError, after the rollback, when the
        model did not go live or failed the smoke conversation.
        """
        live = LiveModel(self.folder)
        previous = self.folder / "previous" / "clinic.tar.gz"
        had_previous = live.current_hash() is not None
        if had_previous:
            previous.parent.mkdir(parents=True, exist_ok=True)
            publish(live.path, previous.parent)
        new_hash = publish(model, self.folder)
        self.say(f"  Publishing model {new_hash}; waiting for every Rasa worker to load it ...")
        try:
            self.wait_until_served(new_hash)
            problem = smoke()
            if problem is not None:
                raise DeployError(f"The new model failed the test conversation: {problem}")
        except DeployError as error:
            if not had_previous:
                raise
            self._roll_back(previous, error)
        self.say(f"  Every worker serves model {new_hash} and the test conversation passed.")
        return new_hash

    def _roll_back(self, previous: Path, cause: DeployError) -> None:
        old_hash = publish(previous, self.folder)
        self.say(f"  {cause}\n  Putting the previous model ({old_hash}) back ...")
        try:
            self.wait_until_served(old_hash)
        except DeployError as error:
            raise DeployError(
                f"{cause} The previous model was put back but the assistant has not "
                f"reloaded it yet: {error} Restart the assistant (make run)."
            ) from error
        raise DeployError(f"{cause} The previous model is live again.") from cause

"""The staff page started as staff start it (`python -m staff_app`), on copies of faqs/."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.conftest import PROJECT_ROOT
from tools.stack import free_ports

TOKEN = "staff-token-for-tests-0123456789"
FAKE_RETRAIN = Path(__file__).with_name("fake_retrain.py")
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class StaffPage:
    """A running staff page and the folders it writes."""

    url: str
    folder: Path

    @property
    def faqs(self) -> Path:
        return self.folder / "faqs"

    @property
    def reports(self) -> Path:
        return self.folder / "reports"

    @property
    def faq_config(self) -> Path:
        return self.folder / "faq.yml"

    def retrain_exits_with(self, status: int) -> None:
        (self.folder / "retrain_status").write_text(str(status), encoding="utf-8")

    @contextlib.contextmanager
    def retrain_held(self) -> Iterator[None]:
        """Keep a retrain started inside the block running until the block ends."""
        hold = self.folder / "retrain_hold"
        hold.touch()
        try:
            yield
        finally:
            hold.unlink(missing_ok=True)

    def logged_in(self) -> requests.Session:
        """An HTTP session logged in with the right token."""
        session = requests.Session()
        response = session.post(f"{self.url}/login", data={"token": TOKEN})
        assert response.status_code == 200 and "Log out" in response.text
        return session


@contextlib.contextmanager
def running_staff_page(
    folder: Path,
    redis_url: str,
    retrain_command: Sequence[str] | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[StaffPage]:
    """Start the page on a copy of faqs/ and clinic_config/faq.yml under `folder`."""
    shutil.copytree(PROJECT_ROOT / "faqs", folder / "faqs")
    shutil.copy(PROJECT_ROOT / "clinic_config" / "faq.yml", folder / "faq.yml")
    (folder / "data").mkdir()
    (folder / "reports").mkdir()
    [port] = free_ports(1)
    command = retrain_command or (
        sys.executable,
        str(FAKE_RETRAIN),
        str(folder / "reports"),
        str(folder / "retrain_status"),
        str(folder / "retrain_hold"),
    )
    argv = [
        sys.executable,
        "-m",
        "staff_app",
        *("--port", str(port), "--redis-url", redis_url),
        *("--faqs", str(folder / "faqs"), "--data", str(folder / "data")),
        *("--faq-config", str(folder / "faq.yml"), "--reports", str(folder / "reports")),
        *("--retrain-command", shlex.join(command)),
        *extra_args,
    ]
    log = (folder / "staff.log").open("wb")
    process = subprocess.Popen(
        argv,
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "STAFF_TOKEN": TOKEN},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{url}/login", timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                output = (folder / "staff.log").read_text(encoding="utf-8", errors="replace")
                raise AssertionError(f"The staff page did not start:\n{output}")
            time.sleep(0.2)
        yield StaffPage(url, folder)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()

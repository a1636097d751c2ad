"""The real servers and Chromium for the widget's browser tests, started once for all of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.widget.browser import CHROMIUM, CHROMIUM_ARGS, PAGE_PORT, RELAYED_PAGE_PORT
from tools.demo_site import WIDGET_BUNDLE, running_demo_site
from tools.stack import AssistantStack, StackError, running_assistant


def _require_prerequisites() -> None:
    """Fail (not skip) when something the tests need is missing."""
    if not WIDGET_BUNDLE.is_file():
        pytest.fail(
            f"The widget build output {WIDGET_BUNDLE} is missing: "
            "run `cd widget && npm ci && npm run build`.",
            pytrace=False,
        )
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package `chromium`.", pytrace=False)


@pytest.fixture(scope="session")
def stack() -> Iterator[AssistantStack]:
    _require_prerequisites()
    origins = " ".join(f"http://127.0.0.1:{port}" for port in (PAGE_PORT, RELAYED_PAGE_PORT))
    try:
        with running_assistant(extra_env={"ALLOWED_ORIGINS": origins}) as assistant:
            yield assistant
    except StackError as error:
        pytest.fail(f"Could not start the assistant: {error}", pytrace=False)


@pytest.fixture(scope="session")
def site(stack: AssistantStack) -> Iterator[str]:
    with running_demo_site(stack.rasa_url, port=PAGE_PORT) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_prerequisites()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The `playwright` Python package is missing.", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, site: str, stack: AssistantStack) -> Iterator[Any]:
    """A fresh browser context (new storage, so a new conversation) on the demo page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site)
    page.get_by_role("button", name="Ask our clinic").click()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"

"""Staff use the page in Chromium: log in, add an FAQ, act on the inbox, retrain."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest

from clinic.faq.source import parse_source
from tests.rasa_server.stores.stored_conversations import save_conversation
from tests.staff_app.server_process import TOKEN, StaffPage
from tests.widget.browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package `chromium`.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def log_in(tab: Any, staff_page: StaffPage, token: str = TOKEN) -> None:
    tab.goto(f"{staff_page.url}/")
    tab.get_by_label("Staff token").fill(token)
    tab.get_by_role("button", name="Log in").click()


def test_a_wrong_token_is_refused(tab: Any, staff_page: StaffPage) -> None:
    from playwright.sync_api import expect

    log_in(tab, staff_page, token="not-the-staff-token")
    expect(tab.get_by_role("alert")).to_contain_text("That token is not right")
    expect(tab.get_by_role("link", name="Inbox")).to_have_count(0)
    tab.goto(f"{staff_page.url}/inbox")
    expect(tab.get_by_role("heading", name="Log in")).to_be_visible()


def test_staff_add_an_faq_through_the_page(tab: Any, staff_page: StaffPage) -> None:
    from playwright.sync_api import expect

    log_in(tab, staff_page)
    tab.get_by_role("link", name="Add an FAQ").click()
    tab.get_by_label("Key").fill("opening_hours")
    tab.get_by_label("Question", exact=True).fill("When is the clinic open?")
    tab.get_by_label("Answer").fill(
        "The clinic is open from Monday to Friday, from eight in the morning to six in the "
        "evening. Call us to book a visit."
    )
    tab.get_by_label("Article section").select_option("Schedule a Joint Pain Consultation")
    tab.get_by_label("Topic").select_option("general")
    tab.get_by_label('"Tell me more" leads to').select_option("specialist_consultation")
    tab.get_by_label("Reviewed by").fill("Dr Ana Ruiz")
    tab.get_by_label("Review date").fill(dt.date.today().isoformat())
    tab.get_by_label("Example questions").fill(
        "\n".join(
            [
                "when are you open",
                "what are your opening hours",
                "opening times",
                "are you open on saturday",
                "what time do you close",
                "what time do you open in the morning",
                "is the clinic open at weekends",
                "can i come in the evening",
                "clinic hours",
                "how late are you open",
            ]
        )
    )
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_role("status")).to_contain_text("row 2 opening_hours: added")
    row = tab.locator("#faq-opening_hours")
    expect(row).to_contain_text("When is the clinic open?")
    expect(row).to_contain_text("10 examples")
    faq, problems = parse_source(
        (staff_page.faqs / "opening_hours.yml").read_text(encoding="utf-8"), "opening_hours"
    )
    assert problems == [] and faq.reviewed_by == "Dr Ana Ruiz" and len(faq.examples) == 10


def test_staff_act_on_inbox_entries(tab: Any, staff_page: StaffPage, store: str) -> None:
    from playwright.sync_api import expect

    start = time.time() - 7200
    save_conversation(
        store, "b1", [("my leg tingles right down to my foot", "utter_default")], start
    )
    save_conversation(store, "b2", [("do you take dogs", "utter_out_of_scope")], start + 60)
    log_in(tab, staff_page)
    tab.get_by_role("link", name="Inbox").click()
    expect(tab.get_by_role("heading", name="Inbox")).to_be_visible()

    message = "my leg tingles right down to my foot"
    tab.get_by_label(f"FAQ for: {message}").select_option("sciatica")
    tab.locator("form", has=tab.get_by_label(f"FAQ for: {message}")).get_by_role(
        "button", name="Add as example"
    ).click()
    expect(tab.get_by_role("status")).to_contain_text(f"Added to sciatica.yml: {message}")
    faq, _ = parse_source((staff_page.faqs / "sciatica.yml").read_text("utf-8"), "sciatica")
    assert faq.examples[-1].text == message

    tab.get_by_label("New FAQ key for: do you take dogs").fill("pets")
    tab.locator("form", has=tab.get_by_label("New FAQ key for: do you take dogs")).get_by_role(
        "button", name="Start a new FAQ"
    ).click()
    expect(tab.get_by_role("heading", name="Change the FAQ pets")).to_be_visible()
    expect(tab.get_by_label("Question", exact=True)).to_have_value("Do you take dogs?")
    expect(tab.get_by_label("Example questions")).to_have_value("do you take dogs")
    expect(tab.get_by_role("alert")).to_contain_text("'answer' is missing or empty")
    assert (staff_page.faqs / "pets.yml").exists()


def test_staff_see_whether_answers_helped(tab: Any, staff_page: StaffPage, store: str) -> None:
    from playwright.sync_api import expect

    start = time.time() - 7200
    save_conversation(
        store,
        "h1",
        [
            ("what is spinal stenosis", "utter_faq/spinal_stenosis"),
            ("/faq_helpful", "utter_faq_helped"),
        ],
        start,
    )
    save_conversation(
        store,
        "h2",
        [
            ("is spinal stenosis curable", "utter_faq/spinal_stenosis"),
            ("no that did not help", "utter_faq_not_helpful"),
        ],
        start + 60,
    )
    log_in(tab, staff_page)
    tab.get_by_role("link", name="Inbox").click()
    table = tab.get_by_role("table", name="Answers given, by FAQ")
    row = table.get_by_role("row").filter(has_text="spinal_stenosis")
    expect(row.get_by_role("cell")).to_have_text(["spinal_stenosis", "2", "1", "1"])
    expect(tab.get_by_text("is spinal stenosis curable")).to_be_visible()
    expect(tab.locator("section.group", has_text="is spinal stenosis curable")).to_contain_text(
        "not helpful 1"
    )


def test_a_retrain_through_the_page_shows_progress_and_the_report(
    tab: Any, staff_page: StaffPage
) -> None:
    from playwright.sync_api import expect

    staff_page.retrain_exits_with(0)
    log_in(tab, staff_page)
    tab.get_by_role("link", name="Retrain").click()
    with staff_page.retrain_held():
        tab.get_by_role("button", name="Retrain now").click()
        expect(tab.get_by_text("Retraining…")).to_be_visible()
    expect(tab.locator("#report")).to_contain_text("Verdict: accepted", timeout=30_000)
    expect(tab.locator("#output")).to_contain_text("4/4 Comparing")
    expect(tab.get_by_role("status")).to_contain_text("the new model was accepted")

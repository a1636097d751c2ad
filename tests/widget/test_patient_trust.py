"""The widget as patients rely on it, in headless Chromium against the real assistant.

Urgent advice that stands out, a conversation they can end, messages that are never lost,
one conversation across tabs (the fixtures are in conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from channels.emergency import EmergencyNumber
from clinic.settings import PROJECT_ROOT, load_clinic_settings
from tests.widget.browser import (
    RELAYED_PAGE_PORT,
    REPLY_TIMEOUT_MS,
    SCREENSHOTS,
    TcpRelay,
    browser_storage,
    expect_all_sent,
    expect_bot,
    launch,
    open_chat,
    say,
)
from tools.demo_site import running_demo_site
from tools.stack import AssistantStack

pytestmark = pytest.mark.e2e

RED_FLAG = "my back hurts and since last night I can't control my bladder"


def user_events(stack: AssistantStack, session_id: str) -> list[str]:
    """What the assistant received from the patient in that conversation, in order."""
    events = stack.tracker(session_id)["events"]
    return [str(event.get("text")) for event in events if event.get("event") == "user"]


def test_emergency_reply_is_an_alert_with_a_call_link(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    say(page, "what is sciatica")
    ordinary = expect_bot(page, stack, "sciatic nerve")
    assert ordinary.get_attribute("role") is None
    say(page, RED_FLAG)
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(alert).to_contain_text("emergency department")
    # The number comes from the clinic's configuration, not from the widget or the text.
    number = EmergencyNumber.load(load_clinic_settings().contact_file)
    call = alert.get_by_role("link", name=f"Call {number.shown}")
    expect(call).to_have_attribute("href", number.tel_uri)
    colours = alert.evaluate(
        "n => [getComputedStyle(n).backgroundColor, getComputedStyle(n).borderLeftWidth]"
    )
    assert colours[0] != ordinary.evaluate("n => getComputedStyle(n).backgroundColor")
    assert float(colours[1].removesuffix("px")) >= 4
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-emergency.png"))
    # Restored on a later page a minute on, it keeps its look and call link, but is not
    # announced again as an alert.
    page.evaluate(
        """() => { const key = 'clinic-chat:transcript';
        const stored = JSON.parse(localStorage.getItem(key));
        for (const m of stored.messages) m.time -= 60 * 1000;
        localStorage.setItem(key, JSON.stringify(stored)); }"""
    )
    page.reload()
    restored = page.locator(".cc-alert")
    expect(restored.get_by_role("link", name=f"Call {number.shown}")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_end_chat_leaves_nothing_of_the_conversation_in_the_browser(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    say(page, "I'm Anna Smith and my knee hurts, what is osteoarthritis")
    expect_bot(page, stack, re.compile("osteoarthritis", re.IGNORECASE))
    storage = browser_storage(page)
    session_id = storage["local:clinic-chat:session-id"]
    secret = storage["local:clinic-chat:session-secret"]
    page.get_by_role("button", name="End chat").click()
    page.get_by_role("button", name="Yes, end chat").click()
    expect(page.locator(".cc-item")).to_have_count(0)
    expect(page.get_by_role("group", name="Suggested questions")).to_be_visible()
    # A new session starts; nothing of the old one is left anywhere in the storage.
    page.wait_for_function(
        "old => { const id = localStorage.getItem('clinic-chat:session-id');"
        " return id && id !== old; }",
        arg=session_id,
    )
    for key, value in browser_storage(page).items():
        for private in (session_id, secret, "Anna", "osteoarthritis", "knee"):
            assert private not in value, f"{private!r} is still in {key}"
    page.reload()
    expect(page.locator(".cc-item")).to_have_count(0)
    say(page, "what is sciatica")
    expect_bot(page, stack, "sciatic nerve")
    new_id = page.evaluate("localStorage.getItem('clinic-chat:session-id')")
    assert user_events(stack, new_id) == ["what is sciatica"]


def test_a_stored_conversation_expires_a_day_after_its_last_message(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    say(page, "what is sciatica")
    expect_bot(page, stack, "sciatic nerve")
    session_id = page.evaluate("localStorage.getItem('clinic-chat:session-id')")

    def age_by(hours: float) -> None:
        page.evaluate(
            """hours => { const key = 'clinic-chat:transcript';
            const stored = JSON.parse(localStorage.getItem(key));
            stored.updatedAt = Date.now() - hours * 3600 * 1000;
            localStorage.setItem(key, JSON.stringify(stored)); }""",
            hours,
        )

    age_by(23)
    page.reload()
    expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_be_visible()
    age_by(25)
    page.reload()
    expect(page.locator(".cc-item")).to_have_count(0)
    page.wait_for_function(
        "old => localStorage.getItem('clinic-chat:session-id') !== old", arg=session_id
    )
    assert all("sciatic" not in value for value in browser_storage(page).values())


def test_the_site_can_keep_the_conversation_to_the_tab(
    browser: Any, site: str, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page = open_chat(context, site, {"storage": "session", "retentionHours": 2})
        launch(page)
        say(page, "what is sciatica")
        expect_bot(page, stack, "sciatic nerve")
        storage = browser_storage(page)
        assert not [key for key in storage if key.startswith("local:clinic-chat")], storage
        assert "sciatica" in storage["session:clinic-chat:transcript"]
        page.reload()
        expect(page.locator(".cc-msg-user")).to_contain_text("what is sciatica")
        other = open_chat(context, site)  # a new tab: the conversation stayed in the first
        launch(other)
        expect(other.get_by_role("group", name="Suggested questions")).to_be_visible()
        assert other.locator(".cc-item").count() == 0
        assert not page.errors and not other.errors
    finally:
        context.close()


def test_a_message_typed_offline_survives_closing_the_tab_and_is_answered(
    browser: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    relay = TcpRelay(int(stack.rasa_url.rsplit(":", 1)[1]))
    relay.start()
    context = browser.new_context()
    try:
        with running_demo_site(relay.url, port=RELAYED_PAGE_PORT) as url:
            page = open_chat(context, url)
            launch(page)
            say(page, "what is sciatica")
            expect_bot(page, stack, "sciatic nerve")
            session_id = page.evaluate("localStorage.getItem('clinic-chat:session-id')")
            expect_all_sent(page)
            relay.cut()
            expect(page.locator(".cc-status")).to_have_text("Reconnecting\u2026", timeout=15_000)
            say(page, "what is spinal stenosis")
            expect(page.locator(".cc-status")).to_contain_text("will be sent when the connection")
            mine = page.locator(".cc-item-user").last
            expect(mine).to_have_attribute("data-state", "pending")
            expect(mine).to_contain_text("Sending")
            say(page, "what is osteoarthritis")
            # No typing dots while the server cannot be reached.
            page.wait_for_timeout(1_000)
            expect(page.locator(".cc-typing")).to_be_hidden()
            page.close()

            page = open_chat(context, url)
            launch(page)
            waiting = page.locator(".cc-item-user").filter(has_text="what is")
            expect(waiting).to_have_count(3)
            for index in (1, 2):
                expect(waiting.nth(index)).to_have_attribute("data-state", "pending")
            relay.start()  # the connection comes back
            expect_bot(page, stack, re.compile("stenosis", re.IGNORECASE))
            expect_bot(page, stack, re.compile("osteoarthritis", re.IGNORECASE))
            for index in (1, 2):
                expect(waiting.nth(index)).to_have_attribute(
                    "data-state", "sent", timeout=REPLY_TIMEOUT_MS
                )
            # Sent in the order they were typed, each once.
            assert user_events(stack, session_id) == [
                "what is sciatica",
                "what is spinal stenosis",
                "what is osteoarthritis",
            ]
            assert not page.errors
    finally:
        context.close()
        relay.cut()


def test_a_message_that_failed_is_marked_and_can_be_retried(
    browser: Any, site: str, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page = open_chat(context, site, {"sendTimeoutMs": 3000})
        dropped: list[str] = []

        def lose_the_first_message(ws: Any) -> None:
            server = ws.connect_to_server()

            def to_server(message: str | bytes) -> None:
                if isinstance(message, str) and "user_uttered" in message and not dropped:
                    dropped.append(message)  # lost on the way: no answer, no acknowledgement
                    return
                server.send(message)

            ws.on_message(to_server)
            server.on_message(ws.send)

        page.route_web_socket(re.compile(r".*/socket\.io/.*"), lose_the_first_message)
        page.reload()
        launch(page)
        say(page, "what is sciatica")
        mine = page.locator(".cc-item-user").last
        expect(mine).to_have_attribute("data-state", "failed", timeout=15_000)
        expect(mine).to_contain_text("Not sent")
        assert dropped
        page.get_by_role("button", name="Retry").click()
        expect_bot(page, stack, "sciatic nerve")
        expect(mine).to_have_attribute("data-state", "sent")
        expect(page.get_by_role("button", name="Retry")).to_have_count(0)
        assert not page.errors
    finally:
        context.close()


def test_a_message_sent_again_after_a_lost_acknowledgement_is_answered_once(
    browser: Any, site: str, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page = open_chat(context, site, {"sendTimeoutMs": 3000})
        lost: list[str] = []

        def lose_the_first_acknowledgement(ws: Any) -> None:
            server = ws.connect_to_server()

            def to_page(message: str | bytes) -> None:
                # A socket.io acknowledgement: "43<id>[...]" (engine.io message, ack).
                if isinstance(message, str) and re.match(r"43\d+\[", message) and not lost:
                    lost.append(message)
                    return
                ws.send(message)

            server.on_message(to_page)

        page.route_web_socket(re.compile(r".*/socket\.io/.*"), lose_the_first_acknowledgement)
        page.reload()
        launch(page)
        say(page, "what is sciatica")
        expect_bot(page, stack, "sciatic nerve")  # answered, but the browser never heard so
        mine = page.locator(".cc-item-user").last
        expect(mine).to_have_attribute("data-state", "failed", timeout=15_000)
        assert lost
        page.get_by_role("button", name="Retry").click()
        expect(mine).to_have_attribute("data-state", "sent")
        page.wait_for_timeout(1_500)
        expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_have_count(1)
        session_id = page.evaluate("localStorage.getItem('clinic-chat:session-id')")
        assert user_events(stack, session_id) == ["what is sciatica"]
        assert not page.errors
    finally:
        context.close()


def transcript_of(page: Any) -> list[str]:
    """The conversation as shown: who said what, in order."""
    texts: list[str] = page.locator(".cc-msg").evaluate_all(
        "nodes => nodes.map((n) => n.innerText.trim())"
    )
    return texts


def test_two_tabs_show_one_conversation_after_messages_in_both_and_a_reload(
    browser: Any, site: str, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        first = open_chat(context, site)
        launch(first)
        say(first, "what is sciatica")
        expect_bot(first, stack, "sciatic nerve")
        second = open_chat(context, site)
        launch(second)
        expect(second.locator(".cc-msg-user").first).to_contain_text("what is sciatica")
        say(second, "what is spinal stenosis")
        expect_bot(second, stack, re.compile("stenosis", re.IGNORECASE))
        expect_bot(first, stack, re.compile("stenosis", re.IGNORECASE))
        say(first, "what is osteoarthritis")
        expect_bot(first, stack, re.compile("osteoarthritis", re.IGNORECASE))
        expect_bot(second, stack, re.compile("osteoarthritis", re.IGNORECASE))
        first.reload()
        second.reload()
        for tab in (first, second):
            expect(tab.locator(".cc-msg-user")).to_have_count(3)
            expect(tab.locator(".cc-msg-bot").filter(has_text="osteoarthritis")).not_to_have_count(
                0
            )
        assert transcript_of(first) == transcript_of(second)
        questions = [text for text in transcript_of(first) if text.startswith("You")]
        assert [q.removeprefix("You:").strip() for q in questions] == [
            "what is sciatica",
            "what is spinal stenosis",
            "what is osteoarthritis",
        ]
        session_id = first.evaluate("localStorage.getItem('clinic-chat:session-id')")
        # Each message reached the assistant once, whichever tab it was typed in.
        assert user_events(stack, session_id) == [
            "what is sciatica",
            "what is spinal stenosis",
            "what is osteoarthritis",
        ]
        # Ending the chat in one tab ends it in both; both carry on in the same new one.
        first.get_by_role("button", name="End chat").click()
        first.get_by_role("button", name="Yes, end chat").click()
        for tab in (first, second):
            expect(tab.locator(".cc-item")).to_have_count(0)
        say(second, "what is sciatica")
        expect_bot(first, stack, "sciatic nerve")
        new_id = second.evaluate("localStorage.getItem('clinic-chat:session-id')")
        assert new_id != session_id
        assert user_events(stack, new_id) == ["what is sciatica"]
        assert not first.errors and not second.errors
    finally:
        context.close()


def faq_questions(root: Path = PROJECT_ROOT) -> set[str]:
    """The questions the FAQ answers, as the FAQ files name them."""
    questions: set[str] = set()
    for path in sorted((root / "data" / "faq").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variants in (data.get("responses") or {}).values():
            for variant in variants:
                question = (variant.get("metadata") or {}).get("question")
                if question:
                    questions.add(str(question))
    return questions


def test_the_panel_opens_with_a_welcome_and_three_faq_questions(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    suggestions = page.get_by_role("group", name="Suggested questions").get_by_role("button")
    expect(suggestions).to_have_count(3)
    offered = suggestions.all_inner_texts()
    assert set(offered) <= faq_questions(), offered
    header = page.locator(".cc-header")
    expect(header.get_by_role("heading")).to_have_text("Riverside Joint Pain Clinic")
    expect(header.locator(".cc-avatar")).to_be_visible()
    suggestions.nth(1).click()
    expect(page.locator(".cc-msg-user").last).to_contain_text(offered[1])
    expect_bot(page, stack, re.compile("sciatic|nerve|back", re.IGNORECASE))
    expect(page.get_by_role("group", name="Suggested questions")).to_be_hidden()
    stamp = page.locator(".cc-item-bot time").first
    expect(stamp).to_have_text(re.compile(r"\d{1,2}[:.]\d{2}"))
    assert stamp.get_attribute("datetime")


def test_the_clinics_phone_number_in_a_reply_can_be_tapped(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    from actions.contact import contact_details

    phone = str((contact_details() or {})["phone"])
    say(page, "what's your phone number?")
    reply = expect_bot(page, stack, phone)
    link = reply.get_by_role("link", name=phone)
    expect(link).to_have_attribute("href", "tel:" + re.sub(r"[^0-9+]", "", phone))

"""The website chat widget, in headless Chromium, against the real assistant.

The stack (tools/stack.py) is the real Rasa server, action server, scheduling service and
outbox worker; the demo clinic page (tools/demo_site.py) embeds the built widget, which
talks to Rasa's socket.io channel. Needs the widget build (`cd widget && npm ci && npm run
build`), Chromium at /usr/bin/chromium and the `playwright` Python package.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.widget.browser import (
    RELAYED_PAGE_PORT,
    REPLY_TIMEOUT_MS,
    SCREENSHOTS,
    TcpRelay,
    buttons_after,
    expect_all_sent,
    expect_bot,
    say,
)
from tools.demo_site import running_demo_site
from tools.stack import AssistantStack

pytestmark = pytest.mark.e2e


def test_faq_answer_is_shown(page: Any, stack: AssistantStack) -> None:
    say(page, "what is sciatica")
    expect_bot(page, stack, "sciatic nerve")
    user = page.locator(".cc-msg-user")
    assert user.last.inner_text().endswith("what is sciatica")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "demo-conversation.png"))


def test_button_click_sends_payload_and_disables_buttons(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    say(page, "what is sciatica")
    answer = expect_bot(page, stack, "sciatic nerve")
    group = buttons_after(answer)
    button = group.get_by_role("button", name="How can exercise help?")
    button.focus()
    page.keyboard.press("Enter")  # keyboard alone
    expect(page.locator(".cc-msg-user").last).to_contain_text("How can exercise help?")
    for each in group.get_by_role("button").all():
        expect(each).to_be_disabled()
    expect_bot(page, stack, re.compile("exercise", re.IGNORECASE))
    assert page.locator(".cc-msg-bot").count() >= 3


def test_history_survives_reload(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    say(page, "what is sciatica")
    expect_bot(page, stack, "sciatic nerve")
    session_id = page.evaluate("localStorage.getItem('clinic-chat:session-id')")
    assert re.fullmatch(r"[0-9a-f-]{32,36}", session_id)
    page.reload()
    expect(page.locator(".cc-msg-user").first).to_contain_text("what is sciatica")
    expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_be_visible()
    assert page.evaluate("localStorage.getItem('clinic-chat:session-id')") == session_id
    # The conversation carries on in the same Rasa session after the reload.
    say(page, "what is sciatica")
    expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_have_count(
        2, timeout=REPLY_TIMEOUT_MS
    )
    events = stack.tracker(session_id)["events"]
    assert sum(1 for event in events if event.get("event") == "user") == 2


def test_check_in_and_booking(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    def click(name: str) -> None:
        button = page.locator(".cc-buttons").last.get_by_role("button", name=name, exact=True)
        expect(button).to_be_enabled(timeout=REPLY_TIMEOUT_MS)
        button.click()
        expect(page.locator(".cc-msg-user").last).to_contain_text(name)

    def user_then_wait(text: str) -> None:
        count = page.locator(".cc-msg-bot").count()
        say(page, text)
        expect(page.locator(".cc-msg-bot")).not_to_have_count(count, timeout=REPLY_TIMEOUT_MS)

    user_then_wait("my lower back has hurt for 2 weeks")
    expect_bot(page, stack, "How bad is the pain")
    user_then_wait("8")
    expect_bot(page, stack, "numbness")
    # The symptom question lists the warning signs too: one "no" answers both.
    user_then_wait("no")
    expect_bot(page, stack, "Would you like to book")
    click("Yes, book a consultation")
    user_then_wait("any weekday morning")
    expect(page.locator(".cc-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
    first_time = page.locator(".cc-buttons").last.get_by_role("button").first
    expect(first_time).to_be_enabled(timeout=REPLY_TIMEOUT_MS)
    first_time.click()
    for text in ("Anna Smith", "07700 900123"):
        page.wait_for_timeout(200)
        expect(page.locator(".cc-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
        user_then_wait(text)
    expect_bot(page, stack, "Shall I book")
    click("Yes, book it")
    confirmation = expect_bot(page, stack, "You're booked in")
    assert re.search(r"JPC-\w+", page.locator(".cc-log").inner_text()), confirmation.inner_text()
    # Kept on one line on a narrow screen, not broken after "JPC-".
    reference = confirmation.locator(".cc-nowrap")
    expect(reference).to_have_text(re.compile(r"^JPC-[A-Z0-9]{6}$"))
    assert reference.evaluate("n => getComputedStyle(n).whiteSpace") == "nowrap"


def test_message_content_is_never_html(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    hostile = "<script>window.__pwned = 1</script><b>bold</b>"
    say(page, hostile)
    mine = page.locator(".cc-msg-user").last
    expect(mine).to_contain_text(hostile)
    assert mine.locator("script, b").count() == 0
    # Wait for the bot's answer, whatever it is, so any echo would be rendered too.
    expect(page.locator(".cc-msg-bot")).not_to_have_count(0, timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('#cc-root b, #cc-root script').length") == 0


def test_links_are_safe_anchors(page: Any, stack: AssistantStack) -> None:
    say(page, "see https://example.org/back-pain. and javascript:alert(1)")
    link = page.locator(".cc-msg-user").last.locator("a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/back-pain"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"


def test_keyboard_escape_and_accessibility(page: Any) -> None:
    from playwright.sync_api import expect

    dialog = page.get_by_role("dialog", name="Ask our clinic")
    expect(dialog).to_be_visible()
    log = dialog.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    expect(page.get_by_role("textbox", name="Your message")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    launcher = page.get_by_role("button", name="Ask our clinic")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()


def test_a_story_longer_than_one_message_says_so_rather_than_losing_its_end(page: Any) -> None:
    from playwright.sync_api import expect

    from channels.safety_net import MAX_MESSAGE_CHARS

    box = page.get_by_role("textbox", name="Your message")
    box.focus()
    page.keyboard.insert_text("My back has hurt for weeks. " * 100)
    assert len(box.input_value()) == MAX_MESSAGE_CHARS, "the server reads this much whole"
    status = page.locator(".cc-status")
    expect(status).to_contain_text("as long as one message can be")
    box.fill("")
    box.type("ok")
    expect(status).not_to_contain_text("as long as one message can be")


def test_narrow_screen_panel_fits(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "demo.png"))
        page.get_by_role("button", name="Ask our clinic").click()
        box = page.get_by_role("dialog", name="Ask our clinic").bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["y"] >= 0
        assert box["x"] + box["width"] <= 360
        assert box["width"] >= 340, box  # full width on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        send = page.get_by_role("button", name="Send").bounding_box()
        assert send is not None
        assert send["x"] + send["width"] <= 360
        # iOS Safari zooms into an input whose text is under 16px when it gets focus.
        box_font = page.get_by_role("textbox", name="Your message").evaluate(
            "node => parseFloat(getComputedStyle(node).fontSize)"
        )
        assert box_font >= 16
        page.screenshot(path=str(SCREENSHOTS / "demo-mobile-open.png"))
    finally:
        context.close()


CONTRAST_SCRIPT = """
() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const background = (node) => {
    for (; node; node = node.parentElement) {
      const [r, g, b, a] = rgb(getComputedStyle(node).backgroundColor);
      if (a === undefined || a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const selectors = [".cc-launcher", ".cc-header h2", ".cc-header p", ".cc-msg-user",
    ".cc-msg-bot", ".cc-button", ".cc-button:disabled", ".cc-input", ".cc-send", ".cc-close"];
  const out = {};
  for (const selector of selectors) {
    const node = document.querySelector(selector);
    if (!node) continue;
    const fg = luminance(rgb(getComputedStyle(node).color));
    const bg = luminance(background(node));
    out[selector] = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  }
  return out;
}
"""


def test_text_contrast_meets_wcag_aa(page: Any, stack: AssistantStack) -> None:
    say(page, "what is sciatica")
    answer = expect_bot(page, stack, "sciatic nerve")
    buttons_after(answer).get_by_role("button").first.click()
    ratios = page.evaluate(CONTRAST_SCRIPT)
    assert {".cc-msg-user", ".cc-msg-bot", ".cc-button:disabled", ".cc-header h2"} <= set(ratios)
    low = {selector: round(ratio, 2) for selector, ratio in ratios.items() if ratio < 4.5}
    assert not low, f"Contrast below 4.5:1: {low}"


def test_reconnects_after_the_server_goes_away(browser: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    relay = TcpRelay(int(stack.rasa_url.rsplit(":", 1)[1]))
    relay.start()
    context = browser.new_context()
    try:
        with running_demo_site(relay.url, port=RELAYED_PAGE_PORT) as url:
            page = context.new_page()
            page.goto(url)
            page.get_by_role("button", name="Ask our clinic").click()
            say(page, "what is sciatica")
            expect_bot(page, stack, "sciatic nerve")
            expect_all_sent(page)
            status = page.locator(".cc-status")
            relay.cut()
            expect(status).to_have_text("Reconnecting\u2026", timeout=15_000)
            # Screen readers announce a live region each time its text is set: while the
            # reconnection attempts go on, it must be set once, not again every few seconds.
            page.evaluate(
                """() => { window.ccStatusChanges = 0;
                new MutationObserver((list) => { window.ccStatusChanges += list.length; })
                  .observe(document.querySelector('.cc-status'),
                           { childList: true, characterData: true, subtree: true }); }"""
            )
            page.wait_for_timeout(7_000)
            assert page.evaluate("window.ccStatusChanges") == 0
            relay.start()  # the same port again, as a restarted server
            expect(status).to_have_text("", timeout=30_000)
            say(page, "what is sciatica")
            expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_have_count(
                2, timeout=REPLY_TIMEOUT_MS
            )
    finally:
        context.close()
        relay.cut()


def test_old_reply_buttons_are_disabled_once_the_patient_types(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    say(page, "what is sciatica")
    answer = expect_bot(page, stack, "sciatic nerve")
    stale = buttons_after(answer).get_by_role("button", name="How can exercise help?")
    expect(stale).to_be_enabled()
    say(page, "what is osteoarthritis")
    expect_bot(page, stack, re.compile("osteoarthritis", re.IGNORECASE))
    expect(stale).to_be_disabled()
    stale.click(force=True)  # a click on a disabled group does nothing
    page.wait_for_timeout(500)
    assert "How can exercise help?" not in page.locator(".cc-msg-user").last.inner_text()
    page.reload()
    expect(page.locator(".cc-msg-bot").filter(has_text="sciatic nerve")).to_be_visible()
    for each in page.locator(".cc-item .cc-buttons").first.get_by_role("button").all():
        expect(each).to_be_disabled()  # and they stay disabled after a reload


def test_buttons_stay_usable_when_the_next_message_of_the_reply_has_none(
    page: Any, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    say(page, "I'd like to book an appointment")
    expect_bot(page, stack, re.compile("Which days and times suit you"))
    say(page, "sunday at 9pm")
    offer = expect_bot(page, stack, re.compile("call you back"))
    # "Which days and times suit you?" comes after it in the same reply, with no buttons.
    expect(page.locator(".cc-msg-bot").last).to_contain_text("Which days and times suit you")
    callback = buttons_after(offer).get_by_role("button", name="Please call me back")
    expect(callback).to_be_enabled()


def test_every_button_of_one_reply_stays_usable(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    # Two answers in one reply, each with its own buttons.
    say(page, "what is sciatica and what is spinal stenosis?")
    first = expect_bot(page, stack, "sciatic nerve")
    expect_bot(page, stack, "narrower")
    earlier = buttons_after(first).get_by_role("button").first
    expect(earlier).to_be_enabled()
    earlier.click()
    expect(page.locator(".cc-msg-user").last).to_contain_text(earlier.inner_text())
    for each in page.locator(".cc-buttons").get_by_role("button").all()[:4]:
        expect(each).to_be_disabled()  # the patient has answered: the reply's buttons close


FIRST_NEW_REPLY_IN_VIEW = """
() => {
  const items = [...document.querySelectorAll(".cc-log .cc-item")];
  let last = items.map((node) => node.classList.contains("cc-item-user")).lastIndexOf(true);
  const first = items[last + 1];
  const log = document.querySelector(".cc-log").getBoundingClientRect();
  const box = first.getBoundingClientRect();
  return { top: box.top - log.top, logHeight: log.height, replies: items.length - last - 1,
           overflow: document.querySelector(".cc-log").scrollHeight > log.height };
}
"""


def test_the_first_of_several_replies_stays_in_view_on_a_phone(
    browser: Any, site: str, stack: AssistantStack
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(
        viewport={"width": 360, "height": 520}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(site)
        page.get_by_role("button", name="Ask our clinic").click()
        say(page, "what is sciatica, and what is spinal stenosis?")
        expect_bot(page, stack, "sciatic nerve")
        expect_bot(page, stack, re.compile("narrowing", re.IGNORECASE))
        expect(page.locator(".cc-typing")).to_be_hidden()
        seen = page.evaluate(FIRST_NEW_REPLY_IN_VIEW)
        assert seen["replies"] >= 3 and seen["overflow"], seen
        # The first reply of the turn starts inside the panel, not scrolled out above it.
        assert 0 <= seen["top"] < seen["logHeight"] / 2, seen
        # A touch screen has no hover: a button left under the finger must not look chosen.
        button = page.locator(".cc-log .cc-buttons .cc-button:not(:disabled)").last
        before = button.evaluate("node => getComputedStyle(node).backgroundColor")
        button.hover()
        assert button.evaluate("node => getComputedStyle(node).backgroundColor") == before
    finally:
        context.close()

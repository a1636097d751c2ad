"""How the widget looks and how assistive technology reads it, in headless Chromium.

axe-core (pinned in widget/package.json) runs in the page at a desktop and a phone size,
in the light and the dark theme, with the panel closed, just opened, and in the middle of
a conversation that holds reply buttons and an emergency alert. Screenshots of each size
and theme are kept in reports/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.widget.browser import (
    REPLY_TIMEOUT_MS,
    SCREENSHOTS,
    axe_violations,
    buttons_after,
    expect_bot,
    launch,
    open_chat,
    say,
)
from tools.stack import AssistantStack

pytestmark = pytest.mark.e2e

VIEWPORTS = {"desktop": (1280, 800), "mobile": (360, 740)}
RED_FLAG = "my back hurts and since last night I can't control my bladder"

CONTRAST = """
([first, second]) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number).slice(0, 3);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const a = luminance(rgb(first)), b = luminance(rgb(second));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


def style(locator: Any, name: str) -> str:
    """One computed style property of the element."""
    value: str = locator.evaluate(f"n => getComputedStyle(n).{name}")
    return value


def contrast(page: Any, first: str, second: str) -> float:
    """The WCAG contrast ratio of two CSS rgb() colours."""
    ratio: float = page.evaluate(CONTRAST, [first, second])
    return ratio


def assert_no_violations(page: Any, state: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core, {state}: {violations}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_axe_finds_nothing_closed_open_and_mid_conversation(
    browser: Any, site: str, stack: AssistantStack, size: str, scheme: str
) -> None:
    from playwright.sync_api import expect

    width, height = VIEWPORTS[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=size == "mobile",
        color_scheme=scheme,
        reduced_motion="reduce",
    )
    try:
        page = open_chat(context, site)
        launcher = page.locator(".cc-launcher")
        # The launcher's accessible name is its visible label.
        expect(
            page.get_by_role("button", name=launcher.inner_text().strip(), exact=True)
        ).to_be_visible()
        assert_no_violations(page, f"{size} {scheme}, closed")
        launch(page)
        assert_no_violations(page, f"{size} {scheme}, open")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"widget-{size}-{scheme}-welcome.png"))
        say(page, "what is sciatica")
        answer = expect_bot(page, stack, "sciatic nerve")
        buttons_after(answer).get_by_role("button").first.click()
        expect(page.locator(".cc-item-user")).to_have_count(2)
        expect(page.locator(".cc-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
        say(page, RED_FLAG)
        expect(page.get_by_role("alert")).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        expect(page.locator(".cc-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
        assert_no_violations(page, f"{size} {scheme}, mid-conversation")
        page.screenshot(path=str(SCREENSHOTS / f"widget-{size}-{scheme}.png"))
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_be_hidden()
        assert_no_violations(page, f"{size} {scheme}, closed after a conversation")
        assert not page.errors
    finally:
        context.close()


def test_typing_is_announced_once_per_reply(page: Any, stack: AssistantStack) -> None:
    page.evaluate(
        """() => { window.ccSaid = [];
        const region = document.querySelector('#cc-root .cc-sr[role=status]');
        new MutationObserver(() => window.ccSaid.push(region.textContent))
          .observe(region, { childList: true, characterData: true, subtree: true }); }"""
    )
    say(page, "what is sciatica")
    expect_bot(page, stack, "sciatic nerve")
    page.wait_for_function("!document.querySelector('.cc-typing').checkVisibility()")
    said = [text for text in page.evaluate("window.ccSaid") if text]
    assert said == ["The assistant is typing\u2026"], said


def test_the_finish_bubbles_chips_focus_and_font(page: Any, stack: AssistantStack) -> None:
    from playwright.sync_api import expect

    panel = page.locator(".cc-panel")
    # Chips: as wide as their label, side by side while they fit, then on the next row.
    suggestions = page.get_by_role("group", name="Suggested questions")
    assert style(suggestions, "flexWrap") == "wrap"
    widths = [
        box["width"]
        for box in (s.bounding_box() for s in suggestions.get_by_role("button").all())
        if box
    ]
    assert len(widths) == 3 and len(set(widths)) == 3, widths
    say(page, "what is sciatica")
    answer = expect_bot(page, stack, "sciatic nerve")
    # The bot's bubble stands out from the panel: a border of at least 3:1 around it.
    border = contrast(page, style(answer, "borderTopColor"), style(panel, "backgroundColor"))
    assert border >= 3, border
    assert float(style(answer, "borderTopWidth").removesuffix("px")) >= 1
    # A label that fits the panel stays on one line, not a tall narrow column.
    chips = buttons_after(answer).get_by_role("button")
    assert chips.count() >= 2
    lines = chips.evaluate_all(
        """nodes => nodes.map((n) => { const range = document.createRange();
        range.selectNodeContents(n);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })"""
    )
    assert lines == [1] * chips.count(), lines
    # The chosen one is shown as chosen, the others greyed out.
    chosen, other = chips.nth(0), chips.nth(1)
    chosen.click()
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(other).to_be_disabled()
    primary = style(page.locator(".cc-header"), "backgroundColor")
    assert style(chosen, "backgroundColor") == primary
    assert style(other, "backgroundColor") != primary
    assert contrast(page, style(other, "color"), style(other, "backgroundColor")) >= 4.5
    # The focus ring is in the theme's colour, and the font is the platform's own.
    box = page.get_by_role("textbox", name="Your message")
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert style(box, "outlineColor") == primary
    fonts = style(box, "fontFamily")
    assert re.match(r'-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto', fonts), fonts


def test_colours_come_from_the_config_and_follow_the_dark_theme(browser: Any, site: str) -> None:
    from playwright.sync_api import expect

    options = {
        "colors": {"primary": "#6a1b4d", "background": "#fffaf2"},
        "darkColors": {"background": "#101820", "primary": "#f2c6de"},
    }
    seen: dict[str, tuple[str, str]] = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = open_chat(context, site, options)
            launch(page)
            panel = page.get_by_role("dialog")
            expect(panel).to_be_visible()
            seen[scheme] = (
                style(panel, "backgroundColor"),
                style(page.locator(".cc-header"), "backgroundColor"),
            )
        finally:
            context.close()
    assert seen["light"] == ("rgb(255, 250, 242)", "rgb(106, 27, 77)")
    assert seen["dark"] == ("rgb(16, 24, 32)", "rgb(242, 198, 222)")


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_panel_moves_only_when_motion_is_welcome(browser: Any, site: str, motion: str) -> None:
    context = browser.new_context(reduced_motion=motion)
    try:
        page = open_chat(context, site)
        launch(page)
        animation = style(page.locator(".cc-panel"), "animationName")
        assert (animation == "none") == (motion == "reduce"), animation
    finally:
        context.close()

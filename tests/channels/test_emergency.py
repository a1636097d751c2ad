"""Urgent replies are recognised by their mark, and sent with the number to call."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml

from channels.emergency import (
    DEFAULT_EMERGENCY_NUMBER,
    EmergencyNumber,
    EmergencyNumberError,
    configured_number,
    socket_marks,
    urgency_of,
)
from channels.messenger import MessengerOutput, call_button_message
from channels.safety_net import SafetyReplies
from channels.slack import SlackApiBot
from channels.socket_io import ClinicSocketIOOutput
from channels.telegram import TelegramBotOutput
from channels.twilio_whatsapp import NumberedOptions, TwilioWhatsAppOutput
from clinic.settings import PROJECT_ROOT, load_clinic_settings

URGENT_RESPONSES = {
    "utter_emergency": "emergency",
    "utter_emergency_reminder": "emergency",
    "utter_emergency_their_care_own_back": "emergency",
    "utter_emergency_ambulance": "emergency",
    "utter_emergency_ambulance_reminder": "emergency",
    "utter_emergency_ambulance_passed": "emergency",
    "utter_emergency_maternity": "emergency",
    "utter_emergency_maternity_reminder": "emergency",
    "utter_emergency_maternity_passed": "emergency",
    "utter_emergency_doctor_today": "emergency",
    "utter_emergency_doctor_today_reminder": "emergency",
    "utter_emergency_doctor_today_arranged": "emergency",
    "utter_heart_worry": "emergency",
    "utter_emergency_check": "emergency",
    "utter_emergency_check_again": "emergency",
    # its variant for a check-in that found a red flag
    "utter_urgency_advice": "emergency",
    "utter_if_it_gets_worse": "emergency",
    "utter_emergency_confirm_clear_again": "emergency",
    "utter_emergency_confirm_longstanding": "emergency",
    "utter_emergency_confirm_longstanding_again": "emergency",
    "utter_emergency_help_coming": "emergency",
    "utter_emergency_dont_drive": "emergency",
    "utter_emergency_call_now": "emergency",
    "utter_emergency_cannot_call": "emergency",
    "utter_emergency_help_coming_reminder": "emergency",
    "utter_emergency_book_after": "emergency",
    "utter_emergency_passed_recently": "emergency",
    "utter_emergency_masked": "emergency",
    "utter_emergency_ambulance_masked": "emergency",
    "utter_emergency_why": "emergency",
    "utter_emergency_ambulance_not_by_car": "emergency",
    "utter_crisis": "crisis",
    "utter_crisis_reminder": "crisis",
    "utter_crisis_check": "crisis",
    "utter_crisis_check_again": "crisis",
}


def test_the_domain_marks_every_urgent_response_and_nothing_else() -> None:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    marked = {
        name: variant["metadata"]["urgency"]
        for name, variants in domain["responses"].items()
        for variant in variants
        if isinstance(variant.get("metadata"), dict) and "urgency" in variant["metadata"]
    }
    assert marked == URGENT_RESPONSES


def test_the_mark_is_read_from_the_metadata_only() -> None:
    assert urgency_of({"metadata": {"urgency": "emergency"}}) == "emergency"
    assert urgency_of({"metadata": {"urgency": "crisis", "question": "x"}}) == "crisis"
    assert urgency_of({"metadata": {"urgency": "soon"}}) is None
    assert urgency_of({"metadata": "emergency"}) is None
    assert urgency_of({"text": "call 999 now"}) is None


def test_the_clinic_config_names_the_number(tmp_path: Path) -> None:
    number = EmergencyNumber.load(PROJECT_ROOT / "clinic_config" / "contact.yml")
    assert number.tel_uri == f"tel:{number.dialled}"
    other = tmp_path / "contact.yml"
    other.write_text('phone: "1"\nemergency_number: "+1 (911)"\n', encoding="utf-8")
    assert EmergencyNumber.load(other).tel_uri == "tel:+1911"
    other.write_text('phone: "1"\n', encoding="utf-8")
    assert EmergencyNumber.load(other).shown == DEFAULT_EMERGENCY_NUMBER


@pytest.mark.parametrize("bad", ["", "call 999", "javascript:alert(1)", "999;x", 999])
def test_anything_but_a_phone_number_is_refused(bad: object) -> None:
    with pytest.raises(EmergencyNumberError):
        EmergencyNumber.parse(bad)


class FakeServer:
    """Records what the output channel emits."""

    def __init__(self) -> None:
        self.emitted: list[dict[str, Any]] = []

    async def emit(self, event: str, data: dict[str, Any], room: str) -> None:
        self.emitted.append(data)


def test_socket_parts_carry_an_id_and_the_urgency() -> None:
    server = FakeServer()
    output = ClinicSocketIOOutput(server, "bot_uttered", EmergencyNumber("999"))
    buttons = [{"title": "Yes", "payload": "/affirm"}]
    marked = {"metadata": {"urgency": "emergency"}}

    async def send() -> None:
        await output.send_response("s", {"text": "Get help now.", **marked})
        await output.send_response("s", {"text": "One.\n\nTwo?", "buttons": buttons, **marked})
        await output.send_response("s", {"text": "What is sciatica?", "metadata": {"q": 1}})

    asyncio.run(send())
    urgent, first, second, plain = server.emitted
    assert urgent["text"] == "Get help now."
    assert (urgent["urgency"], urgent["emergency_number"]) == ("emergency", "999")
    assert first["quick_replies"] == [] and second["quick_replies"][0]["payload"] == "/affirm"
    assert first["urgency"] == second["urgency"] == "emergency"
    assert "urgency" not in plain and "emergency_number" not in plain
    assert len({part["id"] for part in server.emitted}) == 4


def test_socket_marks_are_empty_for_ordinary_replies() -> None:
    assert socket_marks({}, EmergencyNumber("112")) == {}
    assert socket_marks({"metadata": {"urgency": "crisis"}}, EmergencyNumber("112")) == {
        "urgency": "crisis",
        "emergency_number": "112",
    }


# The messaging platforms: the number to call goes first, in bold where the platform can.
URGENT = {"metadata": {"urgency": "emergency"}}
ADVICE = "Please get urgent care now."


def expected_line() -> str:
    return f"URGENT - emergency number: {configured_number().shown}"


async def test_telegram_puts_the_number_first_in_bold(stand_in: Any) -> None:
    output = TelegramBotOutput("1:token", stand_in.base_url)
    await output.send_response("42", {"text": ADVICE, **URGENT})
    await output.send_response("42", {"text": "What is sciatica?"})
    urgent, plain = (request.json() for request in await stand_in.wait_for(2))
    assert urgent["text"] == f"{expected_line()}\n{ADVICE}"
    assert urgent["entities"] == [{"type": "bold", "offset": 0, "length": len(expected_line())}]
    assert plain == {"chat_id": "42", "text": "What is sciatica?"}


async def test_whatsapp_puts_the_number_first_in_bold(stand_in: Any) -> None:
    output = TwilioWhatsAppOutput(
        "AC1", "token", "+14155238886", NumberedOptions(), stand_in.base_url
    )
    buttons = [{"title": "Yes", "payload": "/affirm"}]
    await output.send_response("+447700900123", {"text": ADVICE, "buttons": buttons, **URGENT})
    (sent,) = await stand_in.wait_for(1)
    assert sent.form()["Body"] == [f"*{expected_line()}*\n{ADVICE}\n1. Yes"]


async def test_messenger_puts_the_number_first(stand_in: Any) -> None:
    output = MessengerOutput("page-token", stand_in.base_url)
    await output.send_response("7", {"text": ADVICE, **URGENT})
    (sent,) = await stand_in.wait_for(1)
    assert sent.json()["message"]["text"] == f"{expected_line()}\n{ADVICE}"


def test_messenger_call_button_needs_an_international_number() -> None:
    message = call_button_message("Call now", EmergencyNumber("+1 911"))
    (button,) = message["message"]["attachment"]["payload"]["buttons"]
    assert button == {"type": "phone_number", "title": "Call +1 911", "payload": "+1911"}


async def test_slack_puts_the_number_first_in_bold(stand_in: Any) -> None:
    output = SlackApiBot("xoxb-token", api_base=stand_in.base_url)
    await output.send_response("C1", {"text": ADVICE, **URGENT})
    (sent,) = await stand_in.wait_for(1)
    assert sent.json()["text"] == f"*{expected_line()}*\n{ADVICE}"


def test_the_safety_nets_own_urgent_replies_are_marked_too() -> None:
    replies = SafetyReplies.load(load_clinic_settings())
    urgent = replies.reply_when_unanswered("I've lost control of my bladder and my back hurts")
    assert urgent["metadata"] == {"urgency": "emergency"}
    assert urgent["text"] == replies.emergency
    assert "metadata" not in replies.reply_when_flooding("what is sciatica")
    assert "metadata" not in replies.reply_when_unanswered("what is sciatica")

"""Free time and clinicians from the scheduling service's local stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import contact
from actions.contact import ActionContact
from actions.free_slots import clinicians_on_the_schedule
from tests.action_server.io.fake_scheduling import CET, TOKEN, FakeScheduling, day_of_slots
from tests.actions.conftest import make_tracker

NOW = datetime(2030, 1, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def busy_fortnight() -> FakeScheduling:
    """Dr Okafor free all day on the first five working days; Dr Lindqvist only on the 10th."""
    slots = [
        slot
        for day in (2, 3, 4, 7, 8)
        for slot in day_of_slots(datetime(2030, 1, day, tzinfo=CET), range(9, 17))
    ]
    slots += day_of_slots(datetime(2030, 1, 10, tzinfo=CET), range(9, 11), "dr-lindqvist")
    return FakeScheduling(slots={slot.id: slot for slot in slots})


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeScheduling]:
    fake = busy_fortnight()
    contact_file = tmp_path / "contact.yml"
    contact_file.write_text(
        'phone: "020 7946 0999"\nhours: "9am to 5pm"\naddress: "1 Test Lane"\n', encoding="utf-8"
    )
    monkeypatch.setenv("SCHEDULING_HOST", "127.0.0.1")
    monkeypatch.setenv("SCHEDULING_PORT", str(fake.port))
    monkeypatch.setenv("SCHEDULING_API_TOKEN", TOKEN)
    monkeypatch.setenv("SCHEDULING_RETRIES", "0")
    monkeypatch.setenv("SCHEDULING_TIMEOUT_S", "2")
    monkeypatch.setenv("CLINIC_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(contact_file))
    monkeypatch.setattr(contact, "clinic_now", lambda: NOW)
    yield fake
    fake.stop()


async def test_every_clinician_in_the_booking_window_is_found(service: FakeScheduling) -> None:
    service.start()
    found = await clinicians_on_the_schedule(NOW)
    assert sorted(found) == ["Dr. Amara Okafor", "Dr. Erik Lindqvist"]
    assert found["Dr. Erik Lindqvist"].start == datetime(2030, 1, 10, 9, tzinfo=CET)
    assert found["Dr. Amara Okafor"].clinician_role == "consultant rheumatologist"


async def test_no_clinicians_are_known_while_the_service_is_down(service: FakeScheduling) -> None:
    assert await clinicians_on_the_schedule(NOW) == {}


@pytest.mark.parametrize(
    "text", ["who are your doctors?", "can I see a female doctor please", "who will I see"]
)
async def test_asked_who_the_clinicians_are_the_patient_hears_each_name_and_role(
    service: FakeScheduling, domain: dict[str, Any], text: str
) -> None:
    service.start()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_clinicians"
    assert message["clinicians"] == (
        "Dr. Amara Okafor, consultant rheumatologist; "
        "Dr. Erik Lindqvist, sports and exercise medicine doctor"
    )
    assert message["phone"] == "020 7946 0999"
    assert [button["payload"] for button in message["buttons"]] == ["/request_appointment"]


async def test_inside_a_form_the_list_offers_no_second_booking(
    service: FakeScheduling, domain: dict[str, Any]
) -> None:
    service.start()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="who are the physios?", intent="ask_clinic_info", active_loop="booking_form"
    )
    await ActionContact().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert (message["response"], message["buttons"]) == ("utter_clinicians", [])


async def test_without_the_service_the_team_answers_who_the_clinicians_are(
    service: FakeScheduling, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="who are your doctors?", intent="ask_clinic_info")
    await ActionContact().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_clinic_info"]


async def test_other_questions_about_the_clinic_do_not_ask_the_service(
    service: FakeScheduling, domain: dict[str, Any]
) -> None:
    service.start()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="how much does it cost?", intent="ask_clinic_info")
    await ActionContact().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_clinic_info"]
    assert service.received == []

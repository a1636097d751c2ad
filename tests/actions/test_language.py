"""The reply to a message in another language, from clinic_config/languages.yml."""

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ENGLISH_ONLY, ActionOtherLanguage
from clinic.language import load_replies
from clinic.settings import load_clinic_settings
from tests.actions.conftest import make_tracker

CLINIC_PHONE = "020 7946 0999"
REPLIES = (
    'en: "Sorry, English only. Please call {phone}."\n'
    'es: "Lo sentimos, solo inglés. Llame al {phone}."\n'
)


@pytest.fixture(autouse=True)
def config_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Path]:
    contact = tmp_path / "contact.yml"
    contact.write_text(f'phone: "{CLINIC_PHONE}"\nhours: "9 to 5"\naddress: "1 Test Lane"\n')
    languages = tmp_path / "languages.yml"
    languages.write_text(REPLIES, encoding="utf-8")
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(contact))
    monkeypatch.setenv("CLINIC_LANGUAGES_FILE", str(languages))
    return {"contact": contact, "languages": languages}


def written_in(code: str | None) -> Any:
    entities = [{"entity": "language", "value": code}] if code else []
    return make_tracker(text="...", intent="other_language", entities=entities)


AMBULANCE = " \U0001f691 999 / 112"
"""Every reply ends with the emergency numbers, which need no translation."""


async def reply_to(code: str | None, domain: dict[str, Any]) -> str:
    dispatcher = CollectingDispatcher()
    assert await ActionOtherLanguage().run(dispatcher, written_in(code), domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_other_language"
    reply = str(message["reply"])
    assert reply.endswith(AMBULANCE), reply
    return reply.removesuffix(AMBULANCE)


@pytest.mark.parametrize(
    ("code", "reply"),
    [
        ("es", f"Lo sentimos, solo inglés. Llame al {CLINIC_PHONE}."),
        ("en", f"Sorry, English only. Please call {CLINIC_PHONE}."),
        ("de", f"Sorry, English only. Please call {CLINIC_PHONE}."),  # no German reply here
        (None, f"Sorry, English only. Please call {CLINIC_PHONE}."),  # no language detected
    ],
)
async def test_the_reply_is_in_the_patient_s_language_with_the_phone(
    domain: dict[str, Any], code: str | None, reply: str
) -> None:
    assert await reply_to(code, domain) == reply


async def test_every_shipped_reply_carries_the_clinic_s_phone(
    domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLINIC_LANGUAGES_FILE")
    replies = load_replies(load_clinic_settings().languages_file)
    assert {"en", "es", "fr", "ar", "zh"} <= set(replies)
    for code in replies:
        reply = await reply_to(code, domain)
        assert CLINIC_PHONE in reply, code
        assert "{" not in reply, code


BROKEN = {
    "missing": None,
    "not YAML": "en: [unclosed\n",
    "no English": 'es: "Solo inglés: {phone}."\n',
    "no phone": 'en: "Sorry, English only."\n',
    "no read as a boolean": REPLIES + 'no: "Beklager, kun engelsk. Ring {phone}."\n',
    "not a mapping": "- en\n",
}


@pytest.mark.parametrize("problem", sorted(BROKEN))
async def test_a_broken_replies_file_still_gets_an_english_reply(
    domain: dict[str, Any], config_files: dict[str, Path], problem: str
) -> None:
    content = BROKEN[problem]
    if content is None:
        config_files["languages"].unlink()
    else:
        config_files["languages"].write_text(content, encoding="utf-8")
    assert await reply_to("es", domain) == ENGLISH_ONLY


async def test_without_a_contact_file_the_reply_names_no_empty_number(
    domain: dict[str, Any], config_files: dict[str, Path]
) -> None:
    config_files["contact"].unlink()
    reply = await reply_to("es", domain)
    assert reply != "Lo sentimos, solo inglés. Llame al ."


async def test_the_clinic_s_own_emergency_number_is_given(
    domain: dict[str, Any], config_files: dict[str, Path]
) -> None:
    with config_files["contact"].open("a", encoding="utf-8") as contact:
        contact.write('emergency_number: "911"\n')
    dispatcher = CollectingDispatcher()
    await ActionOtherLanguage().run(dispatcher, written_in("es"), domain)
    assert str(dispatcher.messages[0]["reply"]).endswith(" \U0001f691 911 / 112")

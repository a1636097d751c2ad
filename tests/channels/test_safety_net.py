"""Shortening a long message keeps what matters: red flags, the beginning and the end."""

from channels.safety_net import MAX_MESSAGE_CHARS, clean_text, shorten
from clinic.triage.red_flags import emergency_flags

STORY = "I have had back pain for years and tried physio. " * 80


def test_a_red_flag_deep_in_a_long_story_is_kept() -> None:
    text = STORY + "Since last night I have lost control of my bladder. " + STORY
    short = shorten(text)
    assert len(short) <= MAX_MESSAGE_CHARS
    assert "lost control of my bladder" in short
    assert emergency_flags(short, about_back_pain=True)


def test_without_a_red_flag_the_beginning_and_the_end_are_kept() -> None:
    text = "I'm Anna, 52. " + STORY + "So what stretches can I do at home?"
    short = shorten(text)
    assert len(short) <= MAX_MESSAGE_CHARS
    assert short.startswith("I'm Anna, 52.")
    assert short.endswith("what stretches can I do at home?")


def test_broken_and_control_characters_are_cleaned() -> None:
    assert clean_text("back\x00 pain \ud83d") == "back  pain ?"


def test_slowing_down_a_patient_still_names_the_emergency_number() -> None:
    # The clinic's phone is not answered at night: an emergency is 999, whoever floods.
    from channels.safety_net import SafetyReplies
    from clinic.settings import load_clinic_settings

    reply = SafetyReplies.load(load_clinic_settings()).when_flooding("what is sciatica")
    assert "999" in reply

from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checkin_start import start_checkin


def test_a_story_of_back_pain_starts_the_checkin() -> None:
    dispatcher = CollectingDispatcher()
    events = start_checkin(dispatcher, "my back has hurt for 6 weeks, what helps?")
    assert [m["response"] for m in dispatcher.messages] == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


def test_a_childs_back_pain_gets_the_childs_reply_not_the_checkin() -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "hi, random q first - do you know if the 73 bus stops near you? anyway the real "
        "reason, my grandson is 8 and keeps complaining his back hurts after football"
    )
    events = start_checkin(dispatcher, text, [SlotSet("last_faq_key", None)])
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_child"]
    assert events == [SlotSet("last_faq_key", None), SlotSet("scope_reason", "child")]


def test_a_son_of_unknown_age_is_checked_in() -> None:
    dispatcher = CollectingDispatcher()
    events = start_checkin(dispatcher, "my son hurt his back at rugby, what should he do?")
    assert events == [FollowupAction("symptom_checkin_form")]


def test_what_to_look_out_for_after_anothers_past_episode_gets_the_warning_signs() -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "Years ago my late dad had back trouble and ended up in hospital because he couldn't "
        "pee. Mum doesn't have anything like that, but what should we look out for?"
    )
    events = start_checkin(dispatcher, text)
    assert [m["response"] for m in dispatcher.messages] == ["utter_warning_signs"]
    assert events == [FollowupAction("action_listen")]


def test_what_to_look_out_for_with_no_warning_sign_named_still_starts_the_checkin() -> None:
    dispatcher = CollectingDispatcher()
    events = start_checkin(dispatcher, "my back has ached for 2 weeks, what should I look out for?")
    assert events == [FollowupAction("symptom_checkin_form")]

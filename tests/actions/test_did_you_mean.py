from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.did_you_mean import ask_did_you_mean, choice_buttons
from clinic.faq.catalogue import FaqCatalogue


def test_choices_the_data_no_longer_has_get_no_button(domain: dict[str, Any]) -> None:
    buttons = choice_buttons(
        ("retired_topic", "sciatica", "osteoarthritis", "otc_medication"),
        FaqCatalogue.from_domain(domain),
    )
    assert [button["payload"] for button in buttons] == [
        '/choose_faq{"faq_key": "sciatica"}',
        '/choose_faq{"faq_key": "osteoarthritis"}',
        '/choose_faq{"faq_key": "otc_medication"}',
        "/something_else",
    ]


def test_nothing_is_asked_when_the_data_has_none_of_the_choices(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    catalogue = FaqCatalogue.from_domain(domain)
    assert not ask_did_you_mean(dispatcher, ("retired_topic",), catalogue)
    assert dispatcher.messages == []
    assert ask_did_you_mean(dispatcher, ("retired_topic", "sciatica"), catalogue)
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert [b["title"] for b in message["buttons"]][-1] == "Something else"

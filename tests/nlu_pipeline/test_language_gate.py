import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.language_gate import LANGUAGE_ENTITY, OTHER_LANGUAGE, LanguageGate


def classified(text: str, intent: str = "faq", confidence: float = 0.87) -> Message:
    """A message as the classifiers left it: a confident English guess, an entity."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    message.set(
        "entities",
        [{"entity": "body_part", "value": "back", "start": 0, "end": 1, "extractor": "x"}],
    )
    return message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Me duele mucho la espalda", "es"),
        ("Je voudrais prendre rendez-vous", "fr"),
        ("Ich spreche kein Englisch", "de"),
        ("Boli mnie plecy od tygodnia", "pl"),
        ("Болит спина, хочу к врачу", "ru"),
        ("أريد حجز موعد", "ar"),
    ],
)
def test_a_message_in_another_language_becomes_other_language(text: str, code: str) -> None:
    [message] = LanguageGate().process([classified(text)])
    assert message.get("intent") == {"name": OTHER_LANGUAGE, "confidence": 1.0}
    assert message.get("intent_ranking") == [{"name": OTHER_LANGUAGE, "confidence": 1.0}]
    assert message.get("entities")[-1] == {
        "entity": LANGUAGE_ENTITY,
        "value": code,
        "start": 0,
        "end": len(text),
        "extractor": "LanguageGate",
    }
    assert message.get("entities")[0]["entity"] == "body_part"


@pytest.mark.parametrize(
    "text",
    [
        "my back hurts",
        "gracias, my back hurts",
        "Maria de la Cruz",
        "JPC-AB12CD",
        "ok",
        '/choose_faq{"faq_key": "sciatica"}',
        '/inform{"language": "es"}',
    ],
)
def test_english_messages_and_payloads_keep_their_classification(text: str) -> None:
    [message] = LanguageGate().process([classified(text)])
    assert message.get("intent") == {"name": "faq", "confidence": 0.87}
    assert [entity["entity"] for entity in message.get("entities")] == ["body_part"]


def test_a_message_without_an_intent_or_entities_is_still_marked() -> None:
    [message] = LanguageGate().process(
        [Message(data={"text": "Ik heb rugpijn, wat moet ik doen?"})]
    )
    assert message.get("intent") == {"name": OTHER_LANGUAGE, "confidence": 1.0}
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [(LANGUAGE_ENTITY, "nl")]


def test_every_message_of_a_batch_is_gated_on_its_own() -> None:
    english, spanish = LanguageGate().process(
        [classified("can I book an appointment"), classified("quiero una cita, por favor")]
    )
    assert english.get("intent")["name"] == "faq"
    assert spanish.get("intent")["name"] == OTHER_LANGUAGE


def test_the_gate_is_created_as_rasa_creates_it(tmp_path) -> None:
    gate = LanguageGate.create(
        {},
        LocalModelStorage(tmp_path),
        Resource("language_gate"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    [message] = gate.process([classified("Non parlo inglese")])
    assert message.get("entities")[-1]["value"] == "it"


def test_a_confident_english_guess_does_not_make_the_fallback_undo_it() -> None:
    message = classified("Je ne parle pas anglais", "greet", 0.95)
    fallback = FallbackClassifier({"threshold": 0.4, "ambiguity_threshold": 0.1})
    [message] = fallback.process(LanguageGate().process([message]))
    assert message.get("intent") == {"name": OTHER_LANGUAGE, "confidence": 1.0}

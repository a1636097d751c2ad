from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.spelling import (
    Speller,
    SpellingCorrector,
    english_words,
    speller_from,
    vocabulary,
)

ENGLISH = frozenset(
    {"stretching", "stretches", "benefits", "treatment", "specialist", "what", "is", "the", "of"}
    | {"for", "back", "pain", "weekday", "shut", "sciatica", "kidney"}
)
OUR_DATA = [
    "what are the benefits of stretching",
    "stretching for back pain",
    "is stretching good",
    "benefits of stretching",
    "the benefits of treatment",
    "stretching the back",
    "treatment for back pain",
    "when should I see a specialist",
    "physio for sciatica",
    "is physio worth it",
    "physio or pilates",
    "can I book for wednesday",
    "wednesday morning please",
    "wednesday after 5",
    "streching benifits",
]


def is_english(word: str) -> bool:
    return word in ENGLISH


def speller() -> Speller:
    return speller_from(vocabulary(OUR_DATA, is_english), is_english)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("streching", "stretching"),
        ("Benifits", "benefits"),
        ("treatmnet", "treatment"),  # two letters the wrong way round: one slip
        ("specilist", "specialist"),
        ("wensday", "wednesday"),  # familiar from our data, though no English word
        ("shud", "should"),  # text-speak, not "shut"
        ("u", "you"),
        ("bk", "back"),
        ("rly", "really"),
        ("rn", "right now"),
    ],
)
def test_a_slip_or_text_speak_is_put_right(typed: str, meant: str) -> None:
    assert speller().correct(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "kidney",  # English, though our data never says it
        "physio",  # not English, but familiar from our data
        "bak",  # too short to tell a slip from a word
        "jpc4",  # letters and digits: a reference, not a word
        "okafor",  # nothing of ours is near
        "stxxchxxg",  # a long word, but more than two slips from any of ours
    ],
)
def test_words_that_are_fine_or_far_from_ours_are_left_alone(typed: str) -> None:
    assert speller().correct(typed) is None


def test_a_short_word_takes_one_slip_and_a_long_word_two() -> None:
    long_slip = Speller(targets={"specialist": 1}, is_known=lambda word: False)
    assert long_slip.correct("spcialst") == "specialist"
    short = Speller(targets={"pain": 1}, is_known=lambda word: False)
    assert short.correct("pian") == "pain"
    assert short.correct("pn") is None
    assert short.correct("pxyn") is None


def test_among_equally_near_words_the_one_our_data_uses_most_wins() -> None:
    speller = Speller(targets={"weekday": 5, "wednesday": 2}, is_known=lambda word: False)
    assert speller.correct("wensday") == "weekday"


def test_a_typo_written_into_our_examples_is_neither_familiar_nor_a_target() -> None:
    typed_twice = vocabulary([*OUR_DATA, "benifits of streching"] + ["stretching"] * 6, is_english)
    assert "streching" not in typed_twice["familiar"]
    assert "benifits" in typed_twice["familiar"]  # "benefits" is not used 3 times as often
    words = vocabulary(OUR_DATA, is_english)
    assert "benifits" not in words["familiar"]
    assert "benifits" not in words["targets"]
    assert "physio" in words["familiar"]
    assert words["targets"]["physio"] == 3
    # A word of ours used once that is not English is neither.
    assert "pilates" not in words["targets"]


def test_the_english_word_list_ships_with_the_package() -> None:
    english = english_words()
    assert english("stretching")
    assert english("kidney")
    assert not english("streching")


@pytest.mark.parametrize(
    "word",
    [
        "couldnt",  # a contraction without its apostrophe: "could" would lose the "not"
        "thats",
        "statins",  # an inflected form (spaCy's lemma table)
        "realise",  # a British spelling (spaCy's norm table)
        "texting",  # a known stem and a common ending
    ],
)
def test_english_covers_forms_the_word_list_lacks(word: str) -> None:
    assert english_words()(word)


def test_two_words_typed_as_one_are_written_apart() -> None:
    speller = Speller(targets={"back": 9, "pain": 9, "backpack": 1}, is_known=lambda w: False)
    assert speller.correct("backpain") == "back pain"
    # One slip from a word of ours wins over a split.
    assert (
        Speller(targets={"cancel": 3, "can": 9, "cell": 1}, is_known=lambda w: False).correct(
            "cancell"
        )
        == "cancel"
    )


def test_the_corrector_changes_only_the_tokens_the_encoder_reads(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    resource = Resource("spelling")
    config = SpellingCorrector.get_default_config()
    trainer = SpellingCorrector.create(config, storage, resource, context)
    trainer.train(
        TrainingData(
            training_examples=[Message(data={"text": text}) for text in OUR_DATA],
            responses={"utter_faq/stretching": [{"text": "Stretching helps the back."}]},
        )
    )
    loaded = SpellingCorrector.load(config, storage, resource, context)
    message = Message(data={"text": "Streching benifits Baxter"})
    message.set(
        "text_tokens",
        [Token("Streching", 0), Token("benifits", 10), Token("Baxter", 19)],
    )
    [result] = loaded.process([message])
    # A capital inside a sentence is a name, left as typed; at its start, a slip.
    assert [token.text for token in result.get("text_tokens")] == [
        "stretching",
        "benefits",
        "Baxter",
    ]
    assert result.get("text") == "Streching benifits Baxter"


def test_an_untrained_corrector_leaves_every_token_as_typed(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = SpellingCorrector.get_default_config()
    corrector = SpellingCorrector.load(config, storage, Resource("never-trained"), context)
    message = Message(data={"text": "streching"})
    message.set("text_tokens", [Token("streching", 0)])
    corrector.process([message])
    assert message.get("text_tokens")[0].text == "streching"


def test_training_examples_are_corrected_as_patients_messages_are(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = SpellingCorrector.get_default_config()
    examples = [Message(data={"text": text}) for text in OUR_DATA]
    for example in examples:
        words = str(example.get("text")).split()
        starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
        example.set("text_tokens", [Token(w, s) for w, s in zip(words, starts, strict=True)])
    corrector = SpellingCorrector.create(config, storage, Resource("spelling"), context)
    data = TrainingData(training_examples=examples)
    corrector.train(data)
    corrector.process_training_data(data)
    assert [t.text for t in examples[14].get("text_tokens")] == ["stretching", "benefits"]

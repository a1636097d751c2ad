import re
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate_text

from clinic.faq.catalogue import (
    ARTICLE_SECTIONS,
    TOPICS,
    CatalogueError,
    FaqCatalogue,
)
from tests.conftest import FAQ_DIR, PROJECT_ROOT
from tools.faq_files import read_config

# The keys the issue names: conversation logs and evaluations refer to them.
FAQ_KEYS = {
    "joint_pain_definition", "back_pain_causes", "herniated_disc", "sciatica",
    "spinal_stenosis", "osteoarthritis", "degenerative_disc_disease", "exercise_benefits",
    "core_muscles", "strength_training", "treatment_options", "otc_medication",
    "prescription_medication", "physical_therapy", "home_exercise_stretching",
    "joint_lubrication", "daily_function", "when_to_see_specialist", "symptoms_to_report",
    "specialist_consultation",
}  # fmt: skip
# The clinic's own limit, which `make faq-check` and `make retrain` apply too.
MIN_EXAMPLES = read_config()[0].min_examples
ARTICLE = PROJECT_ROOT.parent / "shared" / "article.txt"


@pytest.fixture(scope="module")
def catalogue(domain: dict) -> FaqCatalogue:
    return FaqCatalogue.from_responses(domain["responses"])


def test_the_catalogue_has_exactly_the_named_keys(catalogue: FaqCatalogue) -> None:
    assert set(catalogue.keys()) == FAQ_KEYS


@pytest.mark.parametrize("path", sorted(FAQ_DIR.glob("*.yml")), ids=lambda p: p.stem)
def test_each_faq_file_holds_its_examples_and_answer(path: Path) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    [block] = content["nlu"]
    assert block["intent"] == f"faq/{path.stem}"
    examples = [line[2:].strip() for line in block["examples"].splitlines() if line.strip()]
    assert len(examples) >= MIN_EXAMPLES
    assert len({e.lower() for e in examples}) == len(examples), "duplicate examples"
    assert list(content["responses"]) == [f"utter_faq/{path.stem}"]


def test_every_answer_is_short_and_well_formed(catalogue: FaqCatalogue) -> None:
    questions = set()
    for entry in catalogue.entries():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", entry.text.strip()) if s]
        assert 1 <= len(sentences) <= 4, entry.key
        assert entry.section in ARTICLE_SECTIONS, entry.key
        assert entry.topic in TOPICS, entry.key
        assert entry.tell_me_more in catalogue and entry.tell_me_more != entry.key, entry.key
        assert entry.question.endswith("?") and entry.question not in questions, entry.key
        questions.add(entry.question)


def test_buttons_lead_to_existing_answers_titled_by_their_question(
    domain: dict, catalogue: FaqCatalogue
) -> None:
    # Payloads are rendered like any response text, so JSON braces are doubled in the data;
    # render them as Rasa does, with example choices for the "Did you mean" slots.
    choices = {f"faq_choice_{n}": key for n, key in enumerate(catalogue.keys()[:3], start=1)}
    for name, variations in domain["responses"].items():
        buttons = [button for variation in variations for button in variation.get("buttons", [])]
        for button in buttons:
            payload = interpolate_text(button["payload"], choices)
            match = re.fullmatch(r'/choose_faq\{"faq_key": "(\w+)"\}', payload)
            if match is None:
                # Other payloads are either typed text ("mild") or an intent with entities.
                intent = re.fullmatch(r"/(\w+)(\{.*\})?", payload)
                assert intent is None or intent.group(1) in domain["intents"], name
                continue
            target = catalogue.get(match.group(1))
            assert target is not None, f"{name}: button to unknown {match.group(1)}"
            if name.startswith("utter_faq/") and "{" not in button["title"]:
                assert button["title"] == target.question, name


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is beside the checkout")
def test_sections_are_the_article_headings() -> None:
    lines = {line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()}
    for section in ARTICLE_SECTIONS[1:]:
        assert section in lines


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        ({"utter_faq/x": []}, "utter_faq/x has no answer text"),
        ({"utter_faq/x": [{"text": "Hi."}]}, "utter_faq/x is missing: question, section, topic"),
        (
            {"utter_faq/x": [{"metadata": {"question": "Q?", "section": "S", "topic": "t"}}]},
            "utter_faq/x is missing: text",
        ),
    ],
)
def test_incomplete_answers_are_named(responses: dict, message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)):
        FaqCatalogue.from_responses(responses)


def test_other_responses_are_ignored() -> None:
    assert len(FaqCatalogue.from_responses({"utter_greet": [{"text": "Hi"}]})) == 0

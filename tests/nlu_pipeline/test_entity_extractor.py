"""Tests for the Rasa component that reports canonical entity ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import pytest
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from nlu_pipeline.entity_extractor import NormalisingSpacyEntityExtractor

DIMENSIONS = ["condition", "body_part", "symptom", "duration", "severity"]
COMPONENT_PATH = "nlu_pipeline.entity_extractor.NormalisingSpacyEntityExtractor"


def extract(
    model: SpacyModel, text: str, dimensions: list[str] | None = DIMENSIONS
) -> list[dict[str, Any]]:
    """Run the component on one message as Rasa would and return its entities."""
    component = NormalisingSpacyEntityExtractor(
        {**NormalisingSpacyEntityExtractor.get_default_config(), "dimensions": dimensions}
    )
    message = Message(data={"text": text})
    component.process([message], model)
    entities: list[dict[str, Any]] = message.get("entities")
    return entities


@pytest.fixture(scope="module")
def spacy_model(nlp: Language, pipeline_dir: Path) -> SpacyModel:
    return SpacyModel(model=nlp, model_name=str(pipeline_dir))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Slipped discs and pins and needles in my feet",
            [
                ("condition", "herniated_disc", "Slipped discs"),
                ("symptom", "tingling", "pins and needles"),
                ("body_part", "foot", "feet"),
            ],
        ),
        (
            "my lower back has hurt for 3 weeks, pain is 8/10",
            [
                ("body_part", "lower_back", "lower back"),
                ("duration", "3 weeks", "3 weeks"),
                ("severity", "8/10", "8/10"),
            ],
        ),
        ("Pinched Nerve", [("condition", "sciatica", "Pinched Nerve")]),
        (
            "Mi doctor say I have hernia de disco",
            [("condition", "herniated_disc", "hernia de disco")],
        ),
    ],
)
def test_values_are_canonical_ids_and_offsets_point_at_the_text(
    spacy_model: SpacyModel, text: str, expected: list[tuple[str, str, str]]
) -> None:
    entities = extract(spacy_model, text)
    got = [(e["entity"], e["value"], text[e["start"] : e["end"]]) for e in entities]
    assert got == expected


def test_entities_keep_spacy_entity_extractors_shape_and_name(spacy_model: SpacyModel) -> None:
    [entity] = extract(spacy_model, "sciatica")
    assert entity == {
        "entity": "condition",
        "value": "sciatica",
        "start": 0,
        "end": 8,
        "confidence": None,
        "extractor": "SpacyEntityExtractor",
    }


def test_dimensions_filter_entities(spacy_model: SpacyModel) -> None:
    entities = extract(spacy_model, "sciatica in my leg for 2 days", dimensions=["condition"])
    assert [(e["entity"], e["value"]) for e in entities] == [("condition", "sciatica")]


def test_ignore_matches_never_reach_rasa_even_without_dimensions(
    spacy_model: SpacyModel,
) -> None:
    entities = extract(spacy_model, "call me back, I'm 45 years old", dimensions=None)
    assert entities == []


def test_entities_are_appended_to_existing_ones(spacy_model: SpacyModel) -> None:
    component = NormalisingSpacyEntityExtractor({"dimensions": DIMENSIONS})
    earlier = {"entity": "name", "value": "Ann", "start": 0, "end": 3}
    message = Message(data={"text": "Ann: my knee", "entities": [earlier]})
    component.process([message], spacy_model)
    assert [e["value"] for e in message.get("entities")] == ["Ann", "knee"]


def test_runs_in_rasas_own_spacy_graph_path(pipeline_dir: Path) -> None:
    """SpacyNLP.create loads the built directory and feeds the extractor, as at inference."""
    spacy_nlp = SpacyNLP.create(
        {**SpacyNLP.get_default_config(), "model": str(pipeline_dir)},
        MagicMock(),
        MagicMock(),
        MagicMock(),
    )
    assert isinstance(spacy_nlp, SpacyNLP)
    model = spacy_nlp.provide()
    message = Message(data={"text": "I have a Herniated Disc in my LOWER BACK"})
    spacy_nlp.process([message], model)
    component = NormalisingSpacyEntityExtractor.create(
        {**NormalisingSpacyEntityExtractor.get_default_config(), "dimensions": DIMENSIONS},
        MagicMock(),
        MagicMock(),
        MagicMock(),
    )
    assert isinstance(component, NormalisingSpacyEntityExtractor)
    component.process([message], model)
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("condition", "herniated_disc"),
        ("body_part", "lower_back"),
    ]
    # The tokenizer's doc (lower-cased by SpacyNLP) carries lookup lemmas too.
    doc = message.get("text_spacy_doc")
    assert [token.lemma_ for token in doc][-2:] == ["low", "back"]


def test_component_is_registered_as_config_yml_names_it() -> None:
    # _from_registry is how Rasa resolves a `name:` in config.yml to a class.
    registered = DefaultV1Recipe._from_registry(COMPONENT_PATH)
    assert registered.clazz is NormalisingSpacyEntityExtractor
    assert issubclass(registered.clazz, SpacyEntityExtractor)
    assert registered.types == {DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR}
    assert registered.is_trainable is False
    assert registered.model_from == "SpacyNLP"

"""Rasa entity extractor that reports the entity ruler's canonical ids as values.

Rasa's ``SpacyEntityExtractor`` gives the matched text as the value, so "slipped discs",
"herniated disk" and "bulging disc" would reach the slots as three different strings.
The clinic's entity ruler (see ``build_spacy_pipeline.py``) gives each pattern a
canonical id (``herniated_disc``); this extractor uses it as the value. Durations and
severities have no id and keep their text. Used in ``config.yml`` as::

    - name: nlu_pipeline.entity_extractor.NormalisingSpacyEntityExtractor
      dimensions: [condition, body_part, symptom, duration, severity]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor

from nlu_pipeline.build_spacy_pipeline import IGNORE_LABEL

if TYPE_CHECKING:
    from spacy.tokens import Doc


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
    model_from="SpacyNLP",
)
class NormalisingSpacyEntityExtractor(SpacyEntityExtractor):
    """SpacyEntityExtractor whose entity values are canonical ids where the pattern has one."""

    @property
    def name(self) -> str:
        """Report entities as SpacyEntityExtractor's.

        Rasa recognises pretrained extractors by this name (``PRETRAINED_EXTRACTORS``):
        ``rasa test nlu`` leaves their entities out of the evaluation and ``rasa
        interactive`` does not write them into the training data. Ours must be treated
        the same way, so it keeps the parent's name.
        """
        return SpacyEntityExtractor.__name__

    @staticmethod
    def _extract_entities(doc: Doc) -> list[dict[str, Any]]:
        """The parent's entities, with the canonical id as value and `ignore` matches dropped.

        Reusing the parent's dictionaries keeps every other key (offsets, confidence)
        exactly as Rasa's own extractor produces them.
        """
        entities: list[dict[str, Any]] = SpacyEntityExtractor._extract_entities(doc)
        kept = []
        for entity, span in zip(entities, doc.ents, strict=True):
            if span.label_ == IGNORE_LABEL:
                continue
            if span.ent_id_:
                entity["value"] = span.ent_id_
            kept.append(entity)
        return kept

"""The second red-flag detector: closeness to red-flag examples on the sentence vector.

The rules in clinic/triage/red_flags.py are precise but only catch the wordings they were
written for. This detector is independent of them: it compares the message, and each
sentence of a longer message, with every `report_emergency` and `report_crisis` training
example (data/nlu/red_flags.yml), and with every other training example. A message whose
nearest red-flag example is at least `min_similarity` close, and not clearly nearer to an
ordinary example (`margin`), becomes `suspected_emergency` (or `suspected_crisis`): the
assistant then asks one direct yes/no question that already carries the urgent advice,
rather than sending a patient to urgent care on a guess. Both values are chosen by grouped
cross-validation on the training data (`python -m tools.cross_validate`). It runs after the
rule-based EmergencyGuard, which it never overrides, and leaves alone a message whose
red-flag words the rules read and set aside by their context (denied, over, hypothetical,
asked about). Used in config.yml as::

    - name: nlu_pipeline.red_flag_similarity.RedFlagSimilarity
      min_similarity: 0.575
      margin: 0.05
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from clinic.scope import Scope, only_about_an_animal
from clinic.triage.ordinary_pain import (
    tells_leg_weakness_of_weeks,
    tells_only_a_strain,
    tells_only_ordinary_pain,
)
from clinic.triage.red_flags import names_a_warning_sign
from clinic.triage.yes_no import denies_the_rest
from clinic.wording import asks_what_helps_meanwhile
from nlu_pipeline.emergency_guard import SET_ASIDE_KEY, URGENCY_QUESTION_INTENT
from nlu_pipeline.intents import (
    CRISIS_INTENT,
    EMERGENCY_INTENT,
    SUSPECTED,
    demote_intents,
    override_intent,
)
from nlu_pipeline.scope_gate import OUT_OF_SCOPE, SCOPE_KEY
from nlu_pipeline.sentence_vectors import only_says_where, part_vectors, sentence_vector

OWN_PAIN = "describe_own_pain"
SIMILARITY_KEY = "red_flag_similarity"
VECTORS_FILE = "red_flag_vectors.npz"


def red_flag_scores(
    vectors: np.ndarray, flagged: np.ndarray, ordinary: np.ndarray
) -> tuple[float, float, int]:
    """Nearest red-flag similarity, nearest ordinary similarity, and which flag example.

    `vectors` are the message's unit vectors (whole and parts); the score is the part
    closest to any red-flag example, and the ordinary score is measured for that part.
    """
    to_flagged = vectors @ flagged.T
    row, example = np.unravel_index(int(np.argmax(to_flagged)), to_flagged.shape)
    nearest_ordinary = float(np.max(ordinary @ vectors[row])) if ordinary.size else -1.0
    return float(to_flagged[row, example]), nearest_ordinary, int(example)


_ONE_SIDE = re.compile(
    r"\b(?:left|right|one)\s+(?:leg|foot|thigh|calf|buttock|bum\s+cheek|butt\s+cheek|glute|side)\b"
    # "If my leg went numb": one leg, said as one.
    r"|\bmy\s+(?:leg|foot|thigh|calf)\b(?!\s*(?:s\b|and\b|&))",
    re.IGNORECASE,
)


# Beyond the safety question's own signs (`names_a_warning_sign`): both legs, the body's
# other red flags, and the lay words for the ones below the waist.
def _tells_what_the_check_in_asks(text: str) -> bool:
    """A strain, or a leg's weakness of weeks, and nothing else a red flag could be.

    "Pulled my back moving a sofa, sore but I can walk ok, 3/10", "bent over to pick up
    the laundry": a strain, with the legs said to work or nothing said of them. "Bak pain 4
    weeks now n my right leg feels kinda weak when i walk far": one leg, slowly, which the
    article sends to a specialist, not the sudden weakness of both legs or a foot that
    drops. The red-flag rules still read both.
    """
    return tells_only_a_strain(text) or tells_leg_weakness_of_weeks(text)


_BEYOND_ONE_LEG = re.compile(
    r"\b(?:both|legs|feet|genital\w*|bottom|privates?|pee\w*|poo\w*|wet|control|chest|fall"
    r"|fell|accident|crash"
    # A foot that drops or a leg that will not lift is urgent even on one side.
    r"|weak\w*|lift\w*|drop\w*|flop\w*|drag\w*|heels?|trip\w*|buckl\w*|give\s+way|gave\s+way"
    r"|falls?\s+down|(?:can'?t|cannot|can\s+not)\s+(?:walk|move|stand))\b",
    re.IGNORECASE,
)


def _tells_of_one_side_only(text: str) -> bool:
    """Whether the message speaks of one leg's symptoms and of nothing a red flag names."""
    return bool(_ONE_SIDE.search(text)) and not (
        names_a_warning_sign(text) or _BEYOND_ONE_LEG.search(text)
    )


# Words of the body, of what happened to it, and of thoughts of harm: a sentence without
# any of them ("my granddaughter set this up for me") tells no red flag.
_TELLS_OF_BODY_OR_MIND = re.compile(
    r"\b(?:pain\w*|hurt\w*|ache\w*|aching|agony|sore|numb\w*|tingl\w*|pins|needles|weak\w*"
    r"|legs?|feet|foot|knees?|walk\w*|stand\w*|move|moving|lift\w*|drag\w*|buckl\w*|wobbl\w*"
    r"|bladder|bowels?|pee\w*|wee\w*|poo\w*|toilet|wet|soil\w*|leak\w*|incontinen\w*|control"
    r"|soak\w*|urge|dribbl\w*"
    r"|fever\w*|temp\w*|hot|shiver\w*|chills?|sweat\w*|chest|breath\w*|faint\w*|dizz\w*"
    r"|collaps\w*|passed|tear\w*|ripp\w*|fall|fell|falling|slip\w*|trip\w*|crash\w*|accident"
    r"|groin|bottom|saddle|privates?|genital\w*|paralys\w*|feel\w*|felt|back|spine|hips?"
    r"|die|dying|dead|death|kill\w*|suicid\w*|harm\w*|end\s+(?:it|my|things)|overdose|pills"
    r"|tablets|point|worth|cope|hopeless\w*|burden|alive|live|living|gone|disappear\w*|can'?t|cannot"
    r"|ca\s+n'?t|wo\s+n'?t|won'?t|unable)\b"
)
# "She has no numbness", "I do not have any pins and needles": a sentence that only
# denies a symptom, with nothing after a "but".
_ONLY_DENIES = re.compile(
    r"^\W*(?:(?:and|also|she|he|i|they|we|mum|dad|my\s+\w+|there)\s+)*"
    r"(?:has|have|had|do|does|did|is|am|are|was|got)?\s*"
    r"(?:no|not|n't|never|without|dont|doesnt|didnt|havent|hasnt|isnt|wasnt)\s+"
    r"(?:have\s+|has\s+|got\s+|had\s+|feel\s+)?(?:any\s+)?(?:problems?\s+with\s+|issues?\s+with\s+"
    r"|trouble\s+with\s+)?(?:numb\w*|tingl\w*|pins|weak\w*|fever\w*|temp\w*|bladder|bowels?"
    r"|toilet|pee\w*|wee\w*|poo\w*|leak\w*|problems?|issues?|trouble)\b"
    r"(?!.*\b(?:but|though|however|except|apart|yet)\b)"
)
# "Legs fine", "bladder ok": a part of the body said to be working.
_SAID_TO_BE_FINE = re.compile(
    r"^\W*(?:(?:my|both|the)\s+)?(?:legs?|feet|walking|bladder|bowels?|wee|pee|toilet"
    r"|everything\s+else)\s+(?:are\s+|is\s+|all\s+|feels?\s+|seems?\s+)?(?:fine|ok|okay|normal|good"
    r"|working(?:\s+fine)?)\W*$"
)
_CLAUSES = re.compile(r"[.!?;,]+\s*|\s+(?:and|but)\s+")


def _without_denials(text: str) -> str:
    """The message's clauses that do more than deny a sign or say a part works, lower case."""
    return ". ".join(
        clause
        for clause in _CLAUSES.split(text.lower())
        if clause.strip() and not _ONLY_DENIES.match(clause) and not _SAID_TO_BE_FINE.match(clause)
    )


_SELF_HARM_WORDS = re.compile(
    r"\b(?:be\s+here|any\s*more|go\s+on|myself|wake\s+up|sleep\s+forever|give\s+up)\b"
)


def could_tell_a_red_flag(sentence: str) -> bool:
    """Whether a sentence of a longer message says anything a red flag could be.

    Not one that only says where ("4 my lower back", "for my back"): a place named, with
    nothing happening to it.
    """
    if only_says_where(sentence):
        return False
    tells = _TELLS_OF_BODY_OR_MIND.search(sentence) or _SELF_HARM_WORDS.search(sentence)
    return bool(tells) and not _ONLY_DENIES.match(sentence)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RedFlagSimilarity(GraphComponent, IntentClassifier):
    """Mark messages close to a red-flag example as a suspected emergency."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """How close to a red-flag example, and how much closer than to an ordinary one."""
        return {"min_similarity": 0.575, "margin": 0.05}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        flagged: np.ndarray | None = None,
        flagged_intents: list[str] | None = None,
        ordinary: np.ndarray | None = None,
    ) -> None:
        self._min_similarity = float(config["min_similarity"])
        self._margin = float(config["margin"])
        self._model_storage = model_storage
        self._resource = resource
        self._flagged = flagged if flagged is not None else np.zeros((0, 0), np.float32)
        self._flagged_intents = flagged_intents or []
        self._ordinary = ordinary if ordinary is not None else np.zeros((0, 0), np.float32)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagSimilarity:
        """An untrained detector."""
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RedFlagSimilarity:
        """The detector with the examples' vectors saved at training time."""
        config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as directory:
                saved = np.load(directory / VECTORS_FILE)
                return cls(
                    config,
                    model_storage,
                    resource,
                    saved["flagged"],
                    [str(name) for name in saved["flagged_intents"]],
                    saved["ordinary"],
                )
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Keep the vectors of the red-flag examples and of every other example."""
        flagged, intents, ordinary = [], [], []
        for message in training_data.intent_examples:
            vector = sentence_vector(message)
            if vector is None:
                continue
            intent = message.get(INTENT)
            if intent in SUSPECTED:
                flagged.append(vector)
                intents.append(intent)
            else:
                ordinary.append(vector)
        dimension = (flagged or ordinary or [np.zeros(0, np.float32)])[0].shape[0]
        empty = np.zeros((0, dimension), np.float32)
        self._flagged = np.vstack(flagged) if flagged else empty
        self._flagged_intents = intents
        self._ordinary = np.vstack(ordinary) if ordinary else empty
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(
                directory / VECTORS_FILE,
                flagged=self._flagged,
                flagged_intents=np.asarray(intents),
                ordinary=self._ordinary,
            )
        return self._resource

    def suspicion(self, message: Message) -> tuple[str, float, float] | None:
        """The red-flag intent the message is closest to, with both similarities.

        The whole message is read, and each of its sentences that could tell a red flag:
        "My name is Margaret, I am 79" or "she has no numbness" cannot, however like a
        red-flag example about an elderly mother it reads.
        """
        whole = sentence_vector(message)
        if whole is None or self._flagged.size == 0:
            return None
        parts = [part.vector for part in part_vectors(message) if could_tell_a_red_flag(part.text)]
        vectors = np.vstack([whole, *parts])
        flagged, ordinary, example = red_flag_scores(vectors, self._flagged, self._ordinary)
        return self._flagged_intents[example], flagged, ordinary

    @staticmethod
    def _drops_the_classifiers_guess(message: Message) -> bool:
        """Drop the classifier's red-flag guess about one leg, or in words that tell nothing.

        "Numb feeling in my right leg now and then, shud i mention it" is what the check-in
        asks about, as this detector's own likeness already treats it; "ok same doctor but
        monday 14th morning" names neither the body, nor what happened to it, nor thoughts
        of harm (`could_tell_a_red_flag`); "back pain 2 weeks, leg pain very much" tells only
        where, how long and how bad. The rules still read all three. Any other guess stays
        a suspicion, however ordinary its wording: a missed emergency harms more than one
        question. Returns whether it was dropped.
        """
        text = str(message.get(TEXT) or "")
        if message.get(SCOPE_KEY) == Scope.OTHER_JOINT.value and not names_a_warning_sign(text):
            # "My shoulder is frozen, can't lift my arm above my head": another joint, with
            # none of the signs the safety question names, which its scope reply is for;
            # the rules still read it.
            override_intent(message, OUT_OF_SCOPE, 1.0, drop=tuple(SUSPECTED))
            return True
        if _tells_what_the_check_in_asks(text):
            # The check-in, not the question.
            override_intent(message, OWN_PAIN, 1.0, drop=tuple(SUSPECTED))
            return True
        told = _without_denials(text)
        ordinary = tells_only_ordinary_pain(text) or (
            # "Back sore since sat. 3/10. no numbness or tingling, legs fine": the pain, and
            # the warning signs' words only to say they are absent.
            told != text.lower() and tells_only_ordinary_pain(told)
        )
        if (
            not ordinary
            and not _tells_of_one_side_only(text)
            and could_tell_a_red_flag(text.lower())
        ):
            return False
        if ordinary:
            # The patient's own pain told in few words: the check-in, certain, so the
            # FallbackClassifier does not leave it without an answer.
            override_intent(message, OWN_PAIN, 1.0, drop=tuple(SUSPECTED))
            return True
        demote_intents(message, (SUSPECTED[EMERGENCY_INTENT],))
        return True

    def process(self, messages: list[Message]) -> list[Message]:
        """Mark suspected red flags the rules did not already catch."""
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if intent == SUSPECTED[EMERGENCY_INTENT] and self._drops_the_classifiers_guess(message):
                continue
            if (
                text.startswith("/")
                or intent in SUSPECTED
                or intent == URGENCY_QUESTION_INTENT
                or message.get(SET_ASIDE_KEY)
                # "my dog is limping on his back leg": a vet's question, never a person's
                # emergency.
                or only_about_an_animal(text)
            ):
                # A question about the warning signs is answered with them, and where to go.
                continue
            found = self.suspicion(message)
            if found is None:
                continue
            flag_intent, flagged, ordinary = found
            message.set(SIMILARITY_KEY, round(flagged, 4), add_to_output=True)
            if flag_intent != CRISIS_INTENT and _tells_of_one_side_only(text):
                # "numb. right leg numb": one leg is what the check-in asks about, not the
                # warning sign (both legs); the rules still read anything else it says.
                continue
            if flag_intent != CRISIS_INTENT and _tells_what_the_check_in_asks(text):
                # "My gran slipped but she's walking around fine", "my leg feels a bit weak
                # sometimes, for years": what the classifier's guess is set aside for too.
                continue
            if flag_intent != CRISIS_INTENT and denies_the_rest(text):
                # "His left leg is weak on the stairs and his toes are numb. None of the
                # other things.": the symptoms the check-in asks about, the warning signs
                # denied; the rules still read what it says.
                continue
            if flag_intent != CRISIS_INTENT and tells_only_ordinary_pain(text):
                # "ok english. back pain 2 weeks, leg pain very much": where, how long and
                # how bad, which the check-in asks about; nothing else to suspect.
                continue
            if flag_intent == CRISIS_INTENT and asks_what_helps_meanwhile(text):
                # "k. anything i can do meantime": advice asked for until the appointment,
                # however like "there's nothing I can do" it reads; the rules still read
                # any words of harm it has.
                continue
            if message.get(SCOPE_KEY) == Scope.OTHER_JOINT.value and flag_intent != CRISIS_INTENT:
                # "My shoulder's been stiff for 2 months, can't lift my arm": another joint,
                # which the rules read for red flags like any message; a likeness to "can't
                # lift my legs" alone is no reason to ask about an emergency.
                continue
            if flagged >= self._min_similarity and flagged >= ordinary + self._margin:
                override_intent(message, SUSPECTED[flag_intent], flagged, drop=tuple(SUSPECTED))
        return messages

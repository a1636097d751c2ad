"""Every patient message gets a reply, even when part of the assistant is down.

Rasa answers HTTP 200 with no reply when its tracker store, lock store or action server
fails, and logs the patient's message with the error. Wrapped around a channel's
`on_new_message`, the safety net:

- cleans the text first (broken characters, control characters) and shortens a message
  over `MAX_MESSAGE_CHARS` to its red-flag sentences, beginning and end, saying so;
- runs the assistant, and if it raised or sent nothing, sends one reply itself: the
  emergency advice when the deterministic red-flag rules see a red flag (decided from the
  text alone, with nothing that can fail), the crisis message for thoughts of self-harm,
  otherwise a short "we're having trouble" with the clinic's phone number;
- logs only the conversation id and what went wrong, never the message.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from rasa.core.channels.channel import OutputChannel, UserMessage

from clinic.contact import load_contact
from clinic.settings import PROJECT_ROOT, ClinicSettings
from clinic.triage.red_flags import RedFlag, emergency_flags

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class SafetyReplies:
    """What to say when the assistant itself cannot answer."""

    emergency: str
    crisis: str
    trouble: str
    too_long: str
    empty: str
    flooding: str

    @classmethod
    def load(cls, settings: ClinicSettings, domain_file: Path = DOMAIN_FILE) -> SafetyReplies:
        """The emergency and crisis texts the assistant itself uses, and the clinic's phone."""
        responses = yaml.safe_load(domain_file.read_text(encoding="utf-8"))["responses"]
        contact = load_contact(settings.contact_file)
        return cls(
            emergency=str(responses["utter_emergency"][0]["text"]),
            crisis=str(responses["utter_crisis"][0]["text"]).format(
                helpline=settings.crisis_helpline
            ),
            trouble=(
                "Sorry, I'm having trouble answering right now. Please try again in a few "
                f"minutes, or call the clinic on {contact.phone} ({contact.hours})."
            ),
            too_long=(
                "Your message was very long, so I read only the beginning. "
                "Short messages work best."
            ),
            empty="I didn't get a message. What would you like to ask?",
            flooding=(
                "You're sending messages faster than I can answer. Please wait a minute, "
                "then try again. In an emergency, call 999 (911 in the US, 112 in Europe); "
                f"the clinic is on {contact.phone} ({contact.hours})."
            ),
        )

    def when_unanswered(self, text: str) -> str:
        """The reply for `text` when the assistant failed to give one."""
        return self._safety(text) or self.trouble

    def when_flooding(self, text: str) -> str:
        """The reply for `text` from a client over its rate limit."""
        return self._safety(text) or self.flooding

    def reply_when_unanswered(self, text: str) -> dict[str, Any]:
        """`when_unanswered` as a message, marked urgent as the domain's own advice is."""
        return self._message(text, self.when_unanswered(text))

    def reply_when_flooding(self, text: str) -> dict[str, Any]:
        """`when_flooding` as a message, marked urgent as the domain's own advice is."""
        return self._message(text, self.when_flooding(text))

    def _message(self, text: str, reply: str) -> dict[str, Any]:
        urgency = self._urgency(text)
        return {"text": reply, **({"metadata": {"urgency": urgency}} if urgency else {})}

    def _urgency(self, text: str) -> str | None:
        """'crisis' or 'emergency' if the rules see a red flag in `text`."""
        flags = emergency_flags(clean_text(text), about_back_pain=True)
        if flags and set(flags) == {RedFlag.SELF_HARM}:
            return "crisis"
        return "emergency" if flags else None

    def _safety(self, text: str) -> str | None:
        """The emergency or crisis advice, if the rules see a red flag in `text`."""
        urgency = self._urgency(text)
        return {"crisis": self.crisis, "emergency": self.emergency}.get(urgency or "")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """The text with broken characters replaced and control characters removed.

    JSON can carry half of a surrogate pair, which no later step can encode.
    """
    text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFC", _CONTROL.sub(" ", text))


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """At most `limit` characters of a long message, keeping what matters most.

    Every sentence in which the red-flag rules see a red flag comes first (a story often
    ends with what is happening now), then the message's beginning and its end, where
    patients put who they are and what they ask.
    """
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    urgent = " ".join(part for part in sentences if emergency_flags(part, about_back_pain=True))[
        :limit
    ]
    room = limit - len(urgent) - 1
    if room < 20:
        return urgent
    half = (room - 5) // 2
    return f"{text[:half]} ... {text[-half:]} {urgent}".strip()[:limit]


class _Watched:
    """An output channel's stand-in that notes whether anything was sent through it.

    A proxy rather than a subclass, so that every `send_*` method of the real channel
    (its own buttons, images, custom JSON) is the one that runs.
    """

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = False

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if not name.startswith("send_") or not callable(found):
            return found

        async def sending(*args: Any, **kwargs: Any) -> Any:
            self.sent = True
            return await found(*args, **kwargs)

        return sending


def with_safety_net(on_new_message: OnNewMessage, replies: SafetyReplies) -> OnNewMessage:
    """`on_new_message` that always replies (see the module's docstring)."""

    async def answered(message: UserMessage) -> None:
        output = message.output_channel
        text = clean_text(message.text or "")
        if not text.strip():
            await output.send_response(message.sender_id, {"text": replies.empty})
            return
        if len(text) > MAX_MESSAGE_CHARS:
            text = shorten(text)
            await output.send_response(message.sender_id, {"text": replies.too_long})
        watched = _Watched(output)
        message.text = text
        message.output_channel = cast(OutputChannel, watched)
        try:
            await on_new_message(message)
        except Exception as error:  # whatever failed, the patient must get a reply
            logger.error(
                "No reply for conversation %s: %s", message.sender_id, type(error).__name__
            )
        else:
            if watched.sent:
                return
            logger.error("No reply for conversation %s: nothing was sent", message.sender_id)
        await output.send_response(message.sender_id, replies.reply_when_unanswered(text))

    return answered

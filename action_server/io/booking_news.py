"""Tell a patient what became of a booking that waited in the outbox.

When the outbox worker delivers a queued booking (or the service refuses it), it asks the
Rasa server to run the `EXTERNAL_booking_update` intent in the patient's conversation,
through Rasa's HTTP API (`POST /conversations/<id>/trigger_intent`, with
`output_channel=latest`), so the reply reaches the patient on the channel they last used:
"your appointment is confirmed", or "that time was taken, shall I find another?".
"""

from __future__ import annotations

import logging
from urllib.parse import quote

import httpx

from action_server.io.scheduling_client import BookingRequest
from startup.rasa_api import conversation_token

logger = logging.getLogger(__name__)

BOOKING_UPDATE_INTENT = "EXTERNAL_booking_update"
TIMEOUT_S = 10.0


class RasaBookingNews:
    """Sends the news to the patient's conversation; a failure is logged, never raised."""

    def __init__(self, rasa_url: str, jwt_secret: str, timeout_s: float = TIMEOUT_S) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self._jwt_secret = jwt_secret
        self.timeout_s = timeout_s

    def __repr__(self) -> str:
        return f"RasaBookingNews({self.rasa_url!r})"

    async def __call__(self, request: BookingRequest, status: str) -> None:
        """Trigger the booking update in the conversation the booking was made in."""
        if not request.conversation_id:
            return  # booked outside a chat (or queued before chats were recorded)
        url = (
            f"{self.rasa_url}/conversations/{quote(request.conversation_id, safe='')}"
            "/trigger_intent"
        )
        body = {
            "name": BOOKING_UPDATE_INTENT,
            "entities": {"booking_reference": request.reference, "booking_news": status},
        }
        try:
            async with httpx.AsyncClient(timeout=self.timeout_s) as http:
                token = conversation_token(self._jwt_secret, request.conversation_id)
                response = await http.post(
                    url,
                    params={"output_channel": "latest"},
                    headers={"Authorization": f"Bearer {token}"},
                    json=body,
                )
            response.raise_for_status()
        except httpx.HTTPError as error:
            # The booking itself is settled; the patient still hears it when they ask.
            logger.warning("Could not tell the patient about %s: %s", request.reference, error)

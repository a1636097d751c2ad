"""The one HTTP client the outbound channels share: httpx, with a timeout and a clear error."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)

SEND_TIMEOUT_S = 10.0


class SendError(RuntimeError):
    """A platform's send API refused or could not be reached."""


async def post(url: str, *, log_url: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """POST to a platform's send API and return its JSON answer.

    `log_url` is what error messages show instead of `url` (which may carry a token).
    """
    shown = log_url or url
    try:
        async with httpx.AsyncClient(timeout=SEND_TIMEOUT_S) as client:
            response = await client.post(url, **kwargs)
    except httpx.HTTPError as error:
        raise SendError(f"POST {shown} failed: {error.__class__.__name__}") from error
    if response.status_code >= 400:
        raise SendError(f"POST {shown} answered {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {"result": answer}

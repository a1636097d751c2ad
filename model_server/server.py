"""The model server's HTTP side: GET /model answers as `LiveModel.answer` decides."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from aiohttp import web

from model_server import HASH_LENGTH, LiveModel, served_name

ROUTE = "/model"


def make_app(folder: Path) -> web.Application:
    """An aiohttp application serving the live model in `folder` at GET /model."""
    live = LiveModel(folder)

    async def model(request: web.Request) -> web.StreamResponse:
        answer = live.answer(request.headers.get("If-None-Match"))
        if answer.path is None:
            return web.Response(status=answer.status, headers=answer.headers)
        # Read whole and hashed as read, so a publish in between cannot pair one model's
        # bytes with another's ETag. Sent as plain bytes: aiohttp's FileResponse would mark
        # a .gz file Content-Encoding gzip, and Rasa's client would unpack the archive.
        try:
            body = await asyncio.to_thread(answer.path.read_bytes)
        except FileNotFoundError:
            return web.Response(status=404)
        model_hash = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
        headers = {"ETag": model_hash, "filename": served_name(model_hash)}
        if request.headers.get("If-None-Match", "").strip('"') == model_hash:
            return web.Response(status=304, headers={"ETag": model_hash})
        return web.Response(body=body, headers=headers, content_type="application/octet-stream")

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"model": live.current_hash()})

    app = web.Application()
    app.router.add_get(ROUTE, model)
    app.router.add_get("/health", health)
    return app

"""The live model, served to every Rasa worker the way Rasa 3.6 pulls models.

With `models:` in endpoints.yml, each Rasa worker asks this server for the model every
`wait_time_between_pulls` seconds, sending the hash of the model it runs as
`If-None-Match`. The answer is 304 while the hash is the same, and the model itself (with
its hash as `ETag`) once a new one is published, so every worker and replica loads it,
not only the one that would receive Rasa's `PUT /model`.

The model is identified by the SHA-256 of its file: a worker's `/status` shows it, as the
model file's name is sent in the `filename` header, which Rasa keeps.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

MODEL_NAME = "clinic.tar.gz"
HASH_LENGTH = 16
"""Characters of the SHA-256 kept in the ETag and the file name: enough to tell models apart."""


def file_hash(path: Path) -> str:
    """The first HASH_LENGTH hex digits of the file's SHA-256."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:HASH_LENGTH]


def served_name(model_hash: str) -> str:
    """The file name a worker's `/status` shows for the model of this hash."""
    return f"clinic-{model_hash}.tar.gz"


def publish(model: Path, folder: Path) -> str:
    """Make `model` the live model in `folder`; returns its hash.

    The copy is written beside the live file and renamed over it, so a worker never
    downloads half a model.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".publishing-", suffix=".tar.gz", dir=folder)
    os.close(handle)
    try:
        shutil.copyfile(model, temporary)
        os.replace(temporary, folder / MODEL_NAME)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return file_hash(folder / MODEL_NAME)


@dataclass(frozen=True)
class Answer:
    """What the server answers one pull with: a status, headers and, for 200, the file."""

    status: int
    headers: dict[str, str]
    path: Path | None = None


class LiveModel:
    """The live model file in a folder, its hash computed once per version of the file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cached: tuple[tuple[int, int, int], str] | None = None

    @property
    def path(self) -> Path:
        """Where the live model is published."""
        return self.folder / MODEL_NAME

    def current_hash(self) -> str | None:
        """The live model's hash, or None when none is published."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        # A publish is a rename, so a new model is a new inode even within one mtime tick.
        key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, file_hash(self.path))
        return self._cached[1]

    def answer(self, if_none_match: str | None) -> Answer:
        """The answer to a pull from a worker that runs the model `if_none_match`."""
        model_hash = self.current_hash()
        if model_hash is None:
            return Answer(404, {})
        headers = {"ETag": model_hash, "filename": served_name(model_hash)}
        if if_none_match is not None and if_none_match.strip('"') == model_hash:
            return Answer(304, {"ETag": model_hash})
        return Answer(200, headers, self.path)

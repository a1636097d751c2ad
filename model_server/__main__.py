"""`python -m model_server`: serve the live model folder to the Rasa workers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aiohttp import web

from model_server.server import make_app
from startup.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted; settings (host, port, folder) come from startup/settings.py."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, help="the live model folder (default: settings)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    folder = args.folder or settings.live_model_dir
    print(f"Model server serving {folder} on {settings.model_server_url}", flush=True)
    web.run_app(
        make_app(folder),
        host=settings.model_server_host,
        port=settings.model_server_port,
        print=None,
        access_log=None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

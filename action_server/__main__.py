"""`python -m action_server <rasa_sdk arguments>`: rasa_sdk's command line, lighter."""

from __future__ import annotations

from action_server import keep_out_unused_libraries

keep_out_unused_libraries()

from rasa_sdk.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()

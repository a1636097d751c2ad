"""`python -m rasa_server <rasa arguments>`: Rasa's own command line, with our fixes applied.

Sanic's extra workers are forked from this process, so they inherit the fixes too.
"""

from __future__ import annotations

from rasa.__main__ import main

from rasa_server import fixes

if __name__ == "__main__":
    fixes.apply()
    main()

"""How this project starts Rasa.

`python -m rasa_server run ...` is `rasa run ...` with two measured fixes to Rasa 3.6's
message path applied first (see `fixes.py`).
"""

import sys

# How the project's tools start Rasa: this interpreter, this package.
COMMAND = (sys.executable, "-m", "rasa_server")

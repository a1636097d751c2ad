#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8-3.10; we pin 3.10),
# or explains how to get one and exits 1.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for d in "$root"/versions/3.10*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
fi
for d in "$HOME"/.pyenv/versions/3.10*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for py in "${candidates[@]}"; do
  if "$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
    echo "$py"
    exit 0
  fi
done
cat >&2 <<'MSG'
ERROR: no Python 3.10 interpreter was found.
Rasa Open Source 3.6 runs on Python 3.8-3.10 and this project pins 3.10.
Install one (for example `pyenv install 3.10.13`, or your system's python3.10 package),
or point to it with `make PYTHON=/path/to/python3.10 ...`.
MSG
exit 1

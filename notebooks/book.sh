#!/usr/bin/env bash
# Render the executed course as HTML pages (one command): executes every chapter headless, or reuses
# executed copies given with --executed DIR, and writes notebooks/.out/book/index.html and one page per
# chapter (see notebooks/book.py for the options). Needs the environment of notebooks/install.sh.
set -euo pipefail
NB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="$NB/.venv/bin/python"
if [ ! -x "$PY" ]; then
    echo "book.sh: no $PY; run notebooks/install.sh first" >&2
    exit 1
fi
exec "$PY" "$NB/book.py" "$@"

#!/usr/bin/env bash
# One command to work with the notebooks locally: runs install.sh (idempotent; a second or two
# when nothing changed since the last run, the Maven build included), then
# starts JupyterLab 4 from the pinned environment notebooks/.venv on http://127.0.0.1:8888
# serving the student edition of the chapters, notebooks/student/ (exercises to do; written by
# install.sh, your work there is never overwritten). With --solutions it serves notebooks/, the
# master chapters with the solutions (for self-study and for instructors). The server keeps its
# login token on; open.sh prints one URL, with the token, once the server answers: open it in
# a browser. Stop the server with Ctrl-C.
# Notebook 7's classic UI is served by the same server: replace /lab in the URL by /tree
# (e.g. http://127.0.0.1:8888/tree?token=...).
#
# Usage: notebooks/open.sh [--solutions] [--port N] [--skip-install] [-- EXTRA JUPYTER ARGS...]
#   --solutions      serve the master chapters (notebooks/, solutions included) instead of the
#                    student edition (notebooks/student/)
#   --port N         port to listen on (default 8888; the next free one if it is busy)
#   --skip-install   do not run install.sh first
#
# The default kernel is "Java (FEARec kit)"; "Java (FEARec kit, JJava)" is the second one
# (Kernel > Change Kernel); see notebooks/README.md for why. A master chapter that git tracks is
# saved without its outputs (they stay on screen), so that running it leaves `git status` clean.
set -euo pipefail
NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

port=8888
install=1
root=student
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --skip-install) install=0; shift ;;
    --solutions) root=masters; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "open.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$install" = 1 ]; then
  "$NB_DIR/install.sh"
fi

export PYDEVD_DISABLE_FILE_VALIDATION=1
# This checkout's kernelspecs (written by install.sh) come first, whatever else is installed.
export JUPYTER_PATH="$NB_DIR/.kernel/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
PY="$NB_DIR/.venv/bin/python"
[ -x "$NB_DIR/.venv/bin/jupyter" ] || { echo "open.sh: no $NB_DIR/.venv (run notebooks/install.sh)" >&2; exit 1; }
if [ "$root" = student ]; then
  serve="$NB_DIR/student"
  [ -d "$serve" ] || { echo "open.sh: no $serve (run notebooks/install.sh)" >&2; exit 1; }
  what="the student edition of the chapters ($serve)"
else
  serve="$NB_DIR"
  what="the master chapters, solutions included ($serve)"
fi

# The URL is printed here, once, when the server answers: the port is chosen first (the first
# free one from --port; Jupyter must not move to another one after that) and the token is made
# here and handed to Jupyter in JUPYTER_TOKEN, so Jupyter prints neither (its start-up messages
# are INFO and not shown; warnings and errors are).
port=$("$PY" - "$port" <<'PY'
import socket, sys
first = int(sys.argv[1])
for port in range(first, first + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    sys.exit("open.sh: no free port in %d-%d" % (first, first + 49))
PY
)
token=$("$PY" -c 'import secrets; print(secrets.token_hex(24))')
args=(--no-browser --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0
      --ServerApp.root_dir="$serve" --log-level=WARN --LabApp.log_level=WARN)
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi

server_pid=$$
(
  status="http://127.0.0.1:$port/api/status?token=$token"
  for _ in $(seq 1 600); do
    kill -0 "$server_pid" 2>/dev/null || exit 0
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$status" 2>/dev/null; then
      echo "[open.sh] JupyterLab serves $what. Open this URL in a browser:"
      echo "    http://127.0.0.1:$port/lab?token=$token"
      echo "[open.sh] (Notebook 7's classic UI: the same URL with /tree instead of /lab.) Stop the server with Ctrl-C."
      exit 0
    fi
    sleep 0.5
  done
  echo "[open.sh] the server did not answer within 5 minutes" >&2
) &

cd "$serve"
export JUPYTER_TOKEN="$token"
exec "$NB_DIR/.venv/bin/jupyter" lab "${args[@]}" ${extra[@]+"${extra[@]}"}

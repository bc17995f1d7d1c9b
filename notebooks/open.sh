#!/usr/bin/env bash
# One command to work with the notebooks locally: runs install.sh (idempotent), then
# starts JupyterLab 4 from the pinned environment notebooks/.venv on http://127.0.0.1:8888
# serving the student edition of the chapters, notebooks/student/ (exercises to do; written by
# install.sh, your work there is never overwritten). With --solutions it serves notebooks/, the
# master chapters with the solutions (for self-study and for instructors). The server keeps its
# login token on and prints the URL with the token; open that URL in a browser. Stop the server
# with Ctrl-C.
# Notebook 7's classic UI is served by the same server: replace /lab in the URL by /tree
# (e.g. http://127.0.0.1:8888/tree?token=...).
#
# Usage: notebooks/open.sh [--solutions] [--port N] [--skip-install] [-- EXTRA JUPYTER ARGS...]
#   --solutions      serve the master chapters (notebooks/, solutions included) instead of the
#                    student edition (notebooks/student/)
#   --port N         port to listen on (default 8888; Jupyter tries the next ones if busy)
#   --skip-install   do not run install.sh first
#
# The default kernel is "Java (FEARec kit)"; "Java (FEARec kit, JJava)" is the second one
# (Kernel > Change Kernel). See README.md for why.
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
if [ "$root" = student ]; then
  serve="$NB_DIR/student"
  [ -d "$serve" ] || { echo "open.sh: no $serve (run notebooks/install.sh)" >&2; exit 1; }
else
  serve="$NB_DIR"
fi
args=(--no-browser --ip=127.0.0.1 --port="$port" --ServerApp.root_dir="$serve")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi

cd "$NB_DIR"
[ -x "$NB_DIR/.venv/bin/jupyter" ] || { echo "open.sh: no $NB_DIR/.venv (run notebooks/install.sh)" >&2; exit 1; }
echo "[open.sh] starting JupyterLab in $serve; open the http://127.0.0.1:$port/lab?token=... URL it prints below"
echo "[open.sh] (Notebook 7's classic UI: the same URL with /tree instead of /lab)"
exec "$NB_DIR/.venv/bin/jupyter" lab "${args[@]}" ${extra[@]+"${extra[@]}"}

#!/usr/bin/env bash
# One command to work with the notebooks locally: runs install.sh (idempotent), then
# starts a Jupyter server on http://127.0.0.1:8888 serving notebooks/. The server keeps
# its login token on and prints the URL with the token; open that URL in a browser.
# Stop the server with Ctrl-C.
#
# Usage: notebooks/open.sh [--port N] [--skip-install] [-- EXTRA JUPYTER ARGS...]
#   --port N         port to listen on (default 8888; Jupyter tries the next ones if busy)
#   --skip-install   do not run install.sh first
#
# If a notebook's kernel shows no sign of life right after opening (a cell stays at [*]),
# restart the kernel (Kernel > Restart). The published Java kernel 3.0.1 sometimes misses
# its first request at start-up; install.sh applies a fix for that (notebooks/kernel-fix/),
# so this should be rare (see README.md).
set -euo pipefail
NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

port=8888
install=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --skip-install) install=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "open.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$install" = 1 ]; then
  "$NB_DIR/install.sh"
fi

export PYDEVD_DISABLE_FILE_VALIDATION=1
# This checkout's kernelspec (written by install.sh) comes first, whatever else is installed.
export JUPYTER_PATH="$NB_DIR/.kernel/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
args=(--no-browser --ip=127.0.0.1 --port="$port")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi

cd "$NB_DIR"
# The classic Notebook UI (Debian's jupyter-notebook); JupyterLab where that is what exists.
if jupyter notebook --version >/dev/null 2>&1; then
  app=notebook
else
  app=lab
fi
echo "[open.sh] starting 'jupyter $app' in $NB_DIR; open the http://127.0.0.1:$port/...?token=... URL it prints below"
exec jupyter "$app" "${args[@]}" "${extra[@]}"

#!/usr/bin/env bash
# Sets up the reference test (reference/README.md); safe to run again at any time.
#
#   1. Debian's PyTorch for CPU (python3-torch, with NumPy) and python3-venv, when the system
#      Python cannot import torch or has no venv module (sudo only when not root; apt waits up
#      to 10 minutes for a dpkg lock held by another install: bin/apt-install.sh).
#   2. The virtual environment reference/.venv (git-ignored) on Debian's /usr/bin/python3 with
#      --system-site-packages, so that it sees that torch, and in it the pinned packages of
#      reference/requirements.txt (RecBole 1.2.1, what its FEARec module imports, pytest),
#      installed with --no-deps so that pip never pulls PyPI's torch. Rebuilt only when that file
#      changes.
#   3. The kit's classes and its runtime classpath (lib/target/), built with the Maven wrapper.
#
# Usage: reference/install.sh [--skip-build]
#   --skip-build   do not run Maven (./run-tests has just built lib/target/)
# Environment: FEAREC_SKIP_APT=1 never calls apt-get (just fails when something is missing);
#   FEAREC_APT_LOCK_WAIT=600 how long apt-get waits for another apt or dpkg process's lock.
set -euo pipefail

DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$DIR/.." && pwd -P)
VENV="$DIR/.venv"
REQUIREMENTS="$DIR/requirements.txt"
# Debian's Python: the one python3-torch is built for.
PY=/usr/bin/python3

skip_build=0
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '[reference/install.sh] %s\n' "$*"; }
die() { printf '[reference/install.sh] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. Debian packages
packages=()
if ! { [ -x "$PY" ] && "$PY" -c 'import torch' >/dev/null 2>&1; }; then
  packages+=(python3-torch)
fi
if ! { [ -x "$PY" ] && "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; }; then
  packages+=(python3-venv)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "${FEAREC_SKIP_APT:-0}" = 1 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing Debian packages: ${packages[*]} (the reference test needs Debian's CPU build of PyTorch for $PY; install them and run this again)"
  fi
  . "$ROOT/bin/apt-install.sh"
  apt_install "${packages[@]}"
  "$PY" -c 'import torch' || die "$PY still cannot import torch after installing python3-torch"
fi

# ---------------------------------------------------------------- 2. the Python environment
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "creating $VENV from $(basename "$REQUIREMENTS") (pinned, on Debian's torch)"
  rm -rf "$VENV"
  "$PY" -m venv --system-site-packages "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input --no-deps \
    -r "$REQUIREMENTS"
  echo "$want" > "$stamp"
fi
"$VENV/bin/python" -W ignore -c 'import torch, recbole.model.sequential_recommender.fearec' \
  || die "RecBole's FEARec does not import in $VENV"
say "python: $VENV/bin/python (torch $("$VENV/bin/python" -c 'import torch; print(torch.__version__)'), recbole $("$VENV/bin/python" -c 'import recbole; print(recbole.__version__)'))"

# ---------------------------------------------------------------- 3. the kit
if [ "$skip_build" = 0 ]; then
  say "building the library (./mvnw -B -q -pl lib package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -pl lib package -DskipTests)
fi
[ -f "$ROOT/lib/target/test-classes/io/github/fearec/reference/RecBoleParity.class" ] \
  || die "lib/target/ has no RecBoleParity class (build the library: ./mvnw -B -pl lib package -DskipTests)"
say "done: run the test with $VENV/bin/python -m pytest reference"

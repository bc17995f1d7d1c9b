#!/usr/bin/env bash
# The notebook tests, as the test suite / CI call them:
#   1. install.sh (idempotent: builds the library, fetches the kernel, writes the kernelspec);
#   2. a self-test of run_notebooks.py on tests/fixtures/: runner-pass.ipynb must pass and
#      runner-fail.ipynb must be reported as failed, naming the cell and the exception;
#   3. every chapter notebook notebooks/[0-9]*.ipynb, if there are any, with executed
#      copies and HTML renderings written to notebooks/.out/ (git-ignored).
# The last line is "N passed, M failed" (two self-test checks plus one per chapter); the
# exit status is non-zero when anything failed.
#
# Usage: notebooks/test-notebooks.sh [--no-install] [-- extra run_notebooks.py options]
#   --no-install   skip install.sh (the kernelspec and jars must already be in place)
# Environment: FEAREC_NB_OUT=DIR puts the executed copies elsewhere.
set -uo pipefail
NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
OUT=${FEAREC_NB_OUT:-$NB_DIR/.out}

install=1
runner_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0; shift ;;
    --) shift; runner_args=("$@"); break ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "test-notebooks.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$install" = 1 ]; then
  "$NB_DIR/install.sh" || { echo "install.sh failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# The runner needs nbclient/nbformat/nbconvert: Debian's python3 has them after install.sh;
# elsewhere (e.g. Binder's conda) the python3 on PATH does.
PY=python3
if /usr/bin/python3 -c 'import nbclient, nbformat, nbconvert' >/dev/null 2>&1; then
  PY=/usr/bin/python3
fi
run() { "$PY" "$NB_DIR/run_notebooks.py" ${runner_args[@]+"${runner_args[@]}"} "$@"; }

passed=0
failed=0
check() {  # check NAME CONDITION-RESULT(0 = ok) [why]
  if [ "$2" = 0 ]; then
    passed=$((passed + 1)); echo "ok   - $1"
  else
    failed=$((failed + 1)); echo "FAIL - $1${3:+: $3}"
  fi
}

echo "== self-test: a good notebook must pass"
log=$(mktemp)
run "$NB_DIR/tests/fixtures/runner-pass.ipynb" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
ok=1
[ "$rc" = 0 ] && [ "$(tail -n 1 "$log")" = "1 passed, 0 failed" ] && ok=0
check "runner passes tests/fixtures/runner-pass.ipynb" "$ok" "exit $rc"

echo "== self-test: a notebook that throws must be reported as failed"
run "$NB_DIR/tests/fixtures/runner-fail.ipynb" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
ok=1
if [ "$rc" = 1 ] && [ "$(tail -n 1 "$log")" = "0 passed, 1 failed" ] \
   && grep -q 'runner-fail.ipynb: cell index 2 raised EvalException: deliberate failure in runner fixture' "$log" \
   && grep -q 'java.lang.IllegalStateException' "$log"; then
  ok=0
fi
check "runner reports tests/fixtures/runner-fail.ipynb as failed (cell, ename, evalue, traceback)" "$ok" "exit $rc, see output above"
rm -f "$log"

shopt -s nullglob
chapters=("$NB_DIR"/[0-9]*.ipynb)
shopt -u nullglob
if [ ${#chapters[@]} -gt 0 ]; then
  echo "== chapters (${#chapters[@]}); executed copies in $OUT"
  log=$(mktemp)
  run --output "$OUT" --html "$OUT/html" "${chapters[@]}" 2>&1 | tee "$log"
  summary=$(tail -n 1 "$log")
  rm -f "$log"
  if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    # A runner crash that still printed a summary must not pass silently.
    if [ "${BASH_REMATCH[1]}" -ne ${#chapters[@]} ] && [ "${BASH_REMATCH[2]}" = 0 ]; then
      failed=$((failed + 1))
    fi
  else
    echo "run_notebooks.py ended without a summary line"
    failed=$((failed + ${#chapters[@]}))
  fi
else
  echo "== no chapter notebooks (notebooks/[0-9]*.ipynb) yet"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

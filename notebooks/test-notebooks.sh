#!/usr/bin/env bash
# The notebook tests, as the test suite / CI call them:
#   1. install.sh (idempotent: builds the library, fetches the kernel, writes the kernelspec);
#   2. unit tests of the course tools (tests/test_course.py, no kernel), and a self-test of
#      run_notebooks.py on tests/fixtures/: runner-pass.ipynb must pass and runner-fail.ipynb
#      must be reported as failed, naming the cell and the exception;
#   3. the chapters notebooks/[0-9]*.ipynb, run once through the course grader (grade.py):
#      the master notebooks must score full marks; their executed copies are then checked
#      like any notebook (errors, stderr, a chart, the expected strings) and saved with HTML
#      renderings to notebooks/.out/ (git-ignored), grading reports to notebooks/.out/grading/;
#   4. the student editions (student_edition.py) must score zero, "not attempted" everywhere,
#      and run top to bottom;
#   5. the grader on the planted submissions of tests/fixtures/course/ (right and wrong
#      answers, a throw, an endless loop, an edited check cell, a missing and a broken file):
#      grades.csv must equal tests/fixtures/course/expected-grades.csv.
# The last line is "N passed, M failed" (the checks above, one per chapter for step 3); the
# exit status is non-zero when anything failed.
#
# Usage: notebooks/test-notebooks.sh [--no-install] [-- extra run_notebooks.py options]
#   (the options go to the runner's self-test and to its check of the executed chapters)
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

echo "== course tools: unit tests (no kernel)"
ok=1
"$PY" "$NB_DIR/tests/test_course.py" && ok=0
check "tests/test_course.py: student edition, master checks, tamper detection, result lines" "$ok"

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
grade() { "$PY" "$NB_DIR/grade.py" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
GRADES=$OUT/grading

if [ ${#chapters[@]} -gt 0 ]; then
  # The chapters run once, through the grader: the master notebooks must score full marks.
  # Their executed copies are then checked like any notebook (errors, stderr, chart, expected
  # strings) without running them again, and saved with HTML renderings in $OUT.
  echo "== chapters (${#chapters[@]}), graded as a student's submission: full marks expected"
  # The student "master" is this folder itself, so the chapters run where they always do.
  mkdir -p "$work/masters"
  ln -s "$NB_DIR" "$work/masters/master"
  grade "$work/masters" --output "$GRADES/master" --quiet
  ok=1
  "$PY" "$NB_DIR/tests/assert_grades.py" full "$GRADES/master/grades.csv" ${#chapters[@]} && ok=0
  check "master chapters score full marks (${#chapters[@]} notebooks, >= 3 exercises each)" "$ok"

  echo "== chapters: outputs of the graded run; executed copies in $OUT"
  log=$(mktemp)
  executed=()
  for nb in "${chapters[@]}"; do executed+=("$GRADES/master/executed/master/$(basename "$nb")"); done
  run --executed --output "$OUT" --html "$OUT/html" "${executed[@]}" 2>&1 | tee "$log"
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

  # One epoch instead of the chapters' few: these runs only show that the student editions
  # run top to bottom and score nothing, not what training gives.
  echo "== student editions: every exercise 'not attempted', 0 points, every notebook runs"
  ok=1
  if "$PY" "$NB_DIR/student_edition.py" "$work/editions/student" "${chapters[@]}"; then
    FEAREC_EPOCHS=1 grade "$work/editions" --output "$GRADES/student" --quiet
    "$PY" "$NB_DIR/tests/assert_grades.py" zero "$GRADES/student/grades.csv" ${#chapters[@]} && ok=0
  fi
  check "student editions score zero with 'not attempted' everywhere and run top to bottom" "$ok"
else
  echo "== no chapter notebooks (notebooks/[0-9]*.ipynb) yet"
fi

# A three-exercise master (one of them a course exercise whose reference sits behind its id) and
# planted submissions: right and wrong answers, one that throws,
# one that loops (hence the short time limit), one with an edited check cell, one missing, one
# that is not a notebook. Every row of grades.csv is asserted, and every notebook must be graded.
echo "== grader on planted submissions (tests/fixtures/course)"
FIXTURES=$NB_DIR/tests/fixtures/course
grade "$FIXTURES/submissions" --master "$FIXTURES/master" --time-limit 25 \
  --output "$GRADES/fixtures" --quiet
ok=1
if diff -u "$FIXTURES/expected-grades.csv" "$GRADES/fixtures/grades.csv"; then
  ok=0
fi
check "grader: exact points, statuses and feedback for the planted submissions" "$ok" "see the diff above"
ok=1
grep -q '| throws | mini.ipynb | errors | 6 | 9 | [0-9]* | cell index 1 raised ' "$GRADES/fixtures/summary.md" \
  && grep -q '| loops | mini.ipynb | timed out | 3 | 9 | [0-9]* | time limit of 25 s reached in cell index 4 |' "$GRADES/fixtures/summary.md" \
  && ok=0
check "grader summary names the failing cell and the timeout" "$ok" "see $GRADES/fixtures/summary.md"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# The instructors' path through the course, from a fresh clone: a course folder for nbgrader with
# the kit's chapters as its assignments, the student version to hand out, autograding, feedback,
# and the kit's own grader. Every command runs the tools of the kit's environment
# (notebooks/.venv: nbgrader is not on PATH otherwise) with this checkout's Java kernels.
#
# Usage:
#   notebooks/instructor.sh init COURSE_DIR [NN ...]
#       installs the environment and the kernels (install.sh), then lays out COURSE_DIR:
#         nbgrader_config.py            loads the kit's notebooks/nbgrader_config.py
#         source/chapterNN/NN-*.ipynb   one assignment per chapter (all, or the chapters NN given),
#                                       a copy of the master chapter
#       Files already there are kept (a source notebook that differs from its master is named).
#   notebooks/instructor.sh generate COURSE_DIR ASSIGNMENT [NBGRADER OPTIONS]
#       nbgrader generate_assignment: release/ASSIGNMENT/, the student version to hand out
#   notebooks/instructor.sh autograde COURSE_DIR ASSIGNMENT [NBGRADER OPTIONS]
#       nbgrader autograde --create: runs submitted/<student>/ASSIGNMENT/*.ipynb, points into
#       COURSE_DIR/gradebook.db (students not yet in it are added)
#   notebooks/instructor.sh feedback COURSE_DIR ASSIGNMENT [NBGRADER OPTIONS]
#       nbgrader generate_feedback: feedback/<student>/ASSIGNMENT/*.html
#   notebooks/instructor.sh grade COURSE_DIR ASSIGNMENT [GRADE.PY OPTIONS, e.g. --time-limit 600]
#       the kit's grader (grade.py) on submitted/<student>/ASSIGNMENT/ against source/ASSIGNMENT/:
#       COURSE_DIR/grades/ASSIGNMENT/grades.csv, summary.md and executed/
#   notebooks/instructor.sh nbgrader COURSE_DIR NBGRADER ARGS...
#       any other nbgrader command, run in COURSE_DIR (e.g. `collect`, `db student list`)
#
# Students hand in their copy of the student version under its file name; for nbgrader it goes
# to COURSE_DIR/submitted/<student>/<ASSIGNMENT>/ (`nbgrader collect` with an exchange, or by
# hand). README.md ("For instructors") and notebooks/README.md say which tool does what.
set -euo pipefail
NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
VENV="$NB_DIR/.venv"

usage() { awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; }
die() { printf 'instructor.sh: %s\n' "$*" >&2; exit 2; }
say() { printf '[instructor.sh] %s\n' "$*"; }

[ $# -ge 1 ] || { usage >&2; exit 2; }
command=$1
shift
case "$command" in
  -h|--help) usage; exit 0 ;;
  init|generate|autograde|feedback|grade|nbgrader) ;;
  *) die "unknown command '$command' (see --help)" ;;
esac
[ $# -ge 1 ] || die "$command needs a COURSE_DIR (see --help)"
course=$1
shift

if [ "$command" = init ]; then
  "$NB_DIR/install.sh"
  mkdir -p "$course"
fi
[ -d "$course" ] || die "no course folder $course (notebooks/instructor.sh init $course makes one)"
course=$(cd "$course" && pwd -P)
[ -x "$VENV/bin/nbgrader" ] || die "no $VENV (notebooks/instructor.sh init COURSE_DIR installs it)"
# The environment's own scripts first (nbgrader runs `alembic` from PATH), and this checkout's
# kernelspecs first (install.sh writes them), whatever else is installed.
export PATH="$VENV/bin:$PATH"
export JUPYTER_PATH="$NB_DIR/.kernel/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1

run_nbgrader() { (cd "$course" && "$VENV/bin/nbgrader" "$@"); }

needs_assignment() {
  [ $# -ge 1 ] || die "$command needs an ASSIGNMENT, e.g. chapter03 (see --help)"
  [ -d "$course/source/$1" ] || die "no $course/source/$1 (the assignments: $(ls "$course/source" 2>/dev/null | tr '\n' ' '))"
}

case "$command" in
  init)
    config="$course/nbgrader_config.py"
    if [ ! -e "$config" ]; then
      {
        echo "# nbgrader's configuration for this course folder (notebooks/instructor.sh init)."
        echo "# The kit's part (its solution markers, its stub, its autograde step) comes from the kit:"
        echo "c = get_config()"
        printf 'load_subconfig(%s)\n' "$("$VENV/bin/python" -c 'import sys; print(repr(sys.argv[1]))' "$NB_DIR/nbgrader_config.py")"
      } > "$config"
      say "wrote $config"
    fi
    shopt -s nullglob
    masters=("$NB_DIR"/[0-9][0-9]-*.ipynb)
    shopt -u nullglob
    [ ${#masters[@]} -gt 0 ] || die "no chapters in $NB_DIR"
    wanted=("$@")
    for master in "${masters[@]}"; do
      name=$(basename "$master")
      number=${name:0:2}
      if [ ${#wanted[@]} -gt 0 ] && ! printf '%s\n' "${wanted[@]}" | grep -qx "$number"; then
        continue
      fi
      dir="$course/source/chapter$number"
      mkdir -p "$dir"
      if [ ! -e "$dir/$name" ]; then
        cp "$master" "$dir/$name"
        say "source/chapter$number/$name"
      elif ! cmp -s "$master" "$dir/$name"; then
        say "kept source/chapter$number/$name, which differs from the master $master"
      fi
    done
    say "course folder $course ready; next: notebooks/instructor.sh generate $course chapterNN"
    ;;
  generate)
    needs_assignment "$@"
    run_nbgrader generate_assignment "$@"
    say "the student version to hand out: $course/release/$1/"
    ;;
  autograde)
    needs_assignment "$@"
    run_nbgrader autograde "$@" --create
    ;;
  feedback)
    needs_assignment "$@"
    run_nbgrader generate_feedback "$@"
    say "feedback: $course/feedback/<student>/$1/"
    ;;
  grade)
    needs_assignment "$@"
    assignment=$1
    shift
    [ -d "$course/submitted" ] || die "no $course/submitted/ (students' notebooks go to submitted/<student>/$assignment/)"
    "$VENV/bin/python" "$NB_DIR/grade.py" "$course/submitted" --assignment "$assignment" \
      --master "$course/source/$assignment" --output "$course/grades/$assignment" "$@"
    ;;
  nbgrader)
    [ $# -ge 1 ] || die "nbgrader needs its arguments, e.g. db student list"
    run_nbgrader "$@"
    ;;
esac

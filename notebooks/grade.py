#!/usr/bin/env python3
"""Grade a folder of submitted course notebooks.

    notebooks/.venv/bin/python notebooks/grade.py SUBMISSIONS_DIR --output DIR [--master DIR]
        [--assignment NAME] [--all-masters] [--time-limit SECONDS] [--start-timeout S]
        [--start-retries N] [-q] [-v]

SUBMISSIONS_DIR holds one sub-folder per student, named after the student, with that student's
notebooks under the master notebooks' file names:

    submissions/alice/01-sequences-and-embeddings.ipynb
    submissions/alice/03-the-frequency-ramp.ipynb
    submissions/bob/...

or, with --assignment NAME, nbgrader's layout (its submitted/ folder):
submitted/alice/NAME/03-the-frequency-ramp.ipynb (notebooks/instructor.sh grade does this).

The master notebooks are those with exercises in --master (default: the chapters in notebooks/).
A master is graded when at least one student handed it in, for every student (a student without
it gets "missing", 0 points); the others are left out and named, so that grading one week's
chapter needs no option. --all-masters grades every master, handed in or not. For each
submitted notebook the grader
  1. compares its check cells with the master's (same exercises in the same order, same source
     up to trailing whitespace); any difference makes it "tampered": it is not run, 0 points;
  2. runs it headless in a fresh fearec-java kernel, cell after cell, errors included, with a time
     limit for the whole notebook (kernel start not included); on timeout the kernel is killed and
     the exercises not yet checked count 0;
  3. reads each exercise's result line from the output of its own check cell only (a result line
     printed anywhere else earns nothing; two in one check cell count as tampering).

It writes DIR/grades.csv (one row per student, notebook and exercise: student, notebook, exercise,
points, max_points, status, feedback, notebook_status), DIR/summary.md (totals per student, one
line per notebook with its status and run time, one per exercise with feedback) and the executed
notebooks in DIR/executed/<student>/. The summary is also printed, unless --quiet.

Exercise statuses: passed, partial, failed, not attempted (from the check), error (the check cell
raised, e.g. because the exercise cell does not compile), and, when the notebook as a whole could
not be graded, missing, tampered, failed to run or timed out. Notebook statuses: ok, errors (some
cell raised; the checks still ran), timed out, failed to run (the kernel did not start or died, or
the file is not a notebook), tampered, missing. A problem with one notebook never stops grading;
the exit status is 0 when everything was graded, whatever the grades, 2 for bad arguments.
"""

import argparse
import csv
import glob
import math
import os
import sys
import tempfile
import time

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

import course
import run_notebooks

CSV_FIELDS = ["student", "notebook", "exercise", "points", "max_points", "status", "feedback",
              "notebook_status"]


class Outcome:
    """How one student's notebook fared: its status, a detail line and one row per exercise."""

    def __init__(self, status, detail=""):
        self.status = status
        self.detail = detail
        self.seconds = None
        self.results = {}  # exercise id -> (points, status, feedback)


def tamper_problems(master, submission):
    """Why the submission's check cells cannot be trusted, or None when they match the master's."""
    expected = [(ident, course.normalised(cell.source)) for ident, _, cell in course.check_cells(master)]
    found = [(ident, course.normalised(cell.source)) for ident, _, cell in course.check_cells(submission)]
    if [i for i, _ in expected] != [i for i, _ in found]:
        return ("check cells missing, added or reordered: expected %s, found %s"
                % (", ".join(i for i, _ in expected) or "none", ", ".join(i for i, _ in found) or "none"))
    edited = [i for (i, want), (_, got) in zip(expected, found) if want != got]
    if edited:
        return "check cell%s %s edited" % ("s" if len(edited) > 1 else "", ", ".join(edited))
    return None


def execute(nb, nb_path, args, log_dir):
    """Run every code cell of nb in place, errors included, within args.time_limit seconds.

    Returns an Outcome without exercise results (status ok, errors, timed out or failed to run)
    and the index of the first cell that did not run (len(nb.cells) when all ran).
    """
    try:
        client, stack, _, _ = run_notebooks.start_kernel(nb, args, nb_path, log_dir)
    except run_notebooks.NotebookFailure as exc:
        return Outcome("failed to run", str(exc).splitlines()[0]), 0
    # A student's error must not stop the notebook: later checks still grade other exercises.
    client.allow_errors = True
    errors = []
    deadline = time.monotonic() + args.time_limit
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return Outcome("timed out", "time limit of %d s reached before cell index %d"
                               % (args.time_limit, index)), index
            # nbclient's timeout is per cell; giving each cell what is left makes it per notebook.
            client.timeout = max(1, int(math.ceil(remaining)))
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellTimeoutError:
                return Outcome("timed out", "time limit of %d s reached in cell index %d"
                               % (args.time_limit, index)), index
            except DeadKernelError as exc:
                return Outcome("failed to run", "the kernel died in cell index %d (%s)"
                               % (index, exc)), index
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    errors.append("cell index %d raised %s: %s" % (
                        index, output.get("ename", "?"), output.get("evalue", "")))
    finally:
        # Shuts the kernel down at once ("immediate"): also one stuck in an endless loop.
        stack.close()
    if errors:
        return Outcome("errors", "; ".join(errors)), len(nb.cells)
    return Outcome("ok"), len(nb.cells)


def check_result(ident, index, cell, first_not_run, outcome, max_points):
    """(points, status, feedback) of one exercise from its verified check cell."""
    if index >= first_not_run:
        return 0, outcome.status, "not run: %s" % outcome.detail
    results = course.result_lines(cell)
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not results:
        if errors:
            return 0, "error", ("the check cell raised %s: %s (does the exercise cell compile "
                                "and run?)" % (errors[0].get("ename", "?"), errors[0].get("evalue", "")))
        return 0, "error", "the check cell printed no result line"
    if len(results) > 1:
        return 0, "tampered", ("the check cell printed %d result lines; only the check itself may "
                               "print one" % len(results))
    result = results[0]
    if not isinstance(result, dict) or result.get("exercise") != ident:
        return 0, "error", "the check cell's result line is not exercise %s's" % ident
    if result.get("max_points") != max_points:
        return 0, "error", ("the check reported %s points at most, the master notebook says %d"
                            % (result.get("max_points"), max_points))
    return int(result.get("points", 0)), str(result.get("status", "")), str(result.get("feedback", ""))


def submission_path(args, student, name):
    """Where a student's copy of the master `name` is."""
    if args.assignment:
        return os.path.join(args.submissions, student, args.assignment, name)
    return os.path.join(args.submissions, student, name)


def grade_notebook(master, name, path, args, log_dir, executed_dir):
    """The Outcome of one student's copy of one master notebook."""
    points = course.check_points(name, master)
    if not os.path.isfile(path):
        outcome = Outcome("missing", "no %s in the student's folder" % name)
        outcome.results = {i: (0, "missing", "notebook not submitted") for i in points}
        return outcome
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not fatal
        outcome = Outcome("failed to run", "not a readable notebook: %s: %s"
                          % (type(exc).__name__, str(exc).splitlines()[0] if str(exc) else ""))
        outcome.results = {i: (0, "failed to run", outcome.detail) for i in points}
        return outcome
    problem = tamper_problems(master, nb)
    if problem:
        outcome = Outcome("tampered", problem)
        outcome.results = {i: (0, "tampered", "not graded: %s" % problem) for i in points}
        return outcome
    t0 = time.monotonic()
    outcome, first_not_run = execute(nb, path, args, log_dir)
    outcome.seconds = time.monotonic() - t0
    for ident, index, cell in course.check_cells(nb):
        outcome.results[ident] = check_result(ident, index, cell, first_not_run, outcome, points[ident])
    os.makedirs(executed_dir, exist_ok=True)
    nbformat.write(nb, os.path.join(executed_dir, name))
    return outcome


def markdown_cell(value):
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_reports(graded, masters, args):
    """grades.csv and summary.md; returns the summary text."""
    rows = []
    for student, outcomes in graded:
        for name, _ in masters:
            outcome = outcomes[name]
            for ident, (points, status, feedback) in outcome.results.items():
                rows.append({"student": student, "notebook": name, "exercise": ident,
                             "points": points, "max_points": args.max_points[name][ident],
                             "status": status, "feedback": feedback,
                             "notebook_status": outcome.status})
    with open(os.path.join(args.output, "grades.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)

    totals, notebooks = [], []
    for student, outcomes in graded:
        mine = [r for r in rows if r["student"] == student]
        problems = [n for n, _ in masters if outcomes[n].status != "ok"]
        totals.append((student, sum(r["points"] for r in mine), sum(r["max_points"] for r in mine),
                       ", ".join("%s (%s)" % (n, outcomes[n].status) for n in problems) or "none"))
        for name, _ in masters:
            o = outcomes[name]
            notebooks.append((student, name, o.status,
                              sum(p for p, _, _ in o.results.values()),
                              sum(args.max_points[name].values()),
                              "%.0f" % o.seconds if o.seconds is not None else "-", o.detail))
    summary = "\n\n".join([
        "# Grades",
        "%d student(s), %d notebook(s) each, masters from `%s`, time limit %d s per notebook."
        % (len(graded), len(masters), args.master, args.time_limit),
        "## Totals",
        table(["student", "points", "of", "notebooks with problems"], totals),
        "## Notebooks",
        table(["student", "notebook", "status", "points", "of", "seconds", "detail"], notebooks),
        "## Exercises",
        table(["student", "notebook", "exercise", "points", "of", "status", "feedback"],
              [(r["student"], r["notebook"], r["exercise"], r["points"], r["max_points"],
                r["status"], r["feedback"]) for r in rows]),
    ]) + "\n"
    with open(os.path.join(args.output, "summary.md"), "w", encoding="utf-8") as f:
        f.write(summary)
    return summary


def parse_args(argv):
    p = argparse.ArgumentParser(description="Grade a folder of submitted course notebooks "
                                            "(one sub-folder per student).")
    p.add_argument("submissions", help="folder with one sub-folder per student")
    p.add_argument("--output", required=True, metavar="DIR",
                   help="where grades.csv, summary.md and executed/ go (created if missing)")
    p.add_argument("--master", default=run_notebooks.NB_DIR, metavar="DIR",
                   help="folder of the master notebooks (default: %(default)s)")
    p.add_argument("--assignment", metavar="NAME",
                   help="nbgrader's layout: the notebooks are in SUBMISSIONS/<student>/NAME/")
    p.add_argument("--all-masters", action="store_true",
                   help="grade every master, also those no student handed in (default: only "
                        "those some student handed in)")
    p.add_argument("--time-limit", type=int, default=300, metavar="SECONDS",
                   help="limit for running one notebook, kernel start excluded (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="do not print the summary at the end (it is in summary.md)")
    run_notebooks.add_kernel_options(p)
    args = p.parse_args(argv)
    if args.time_limit <= 0 or args.start_timeout <= 0 or args.start_retries < 0:
        p.error("--time-limit and --start-timeout must be positive, --start-retries >= 0")
    if not os.path.isdir(args.submissions):
        p.error("no such folder: %s" % args.submissions)
    # run_notebooks.start_kernel reads these; the per-cell timeout is set from the time left.
    args.timeout = args.time_limit
    return args


def load_masters(args):
    """[(file name, notebook)] of the master notebooks with exercises, validated."""
    masters = []
    for path in sorted(glob.glob(os.path.join(args.master, "*.ipynb"))):
        name = os.path.basename(path)
        nb = nbformat.read(path, as_version=4)
        if course.check_cells(nb):
            course.validate_master(name, nb)
            masters.append((name, nb))
    return masters


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        masters = load_masters(args)
    except (course.CourseError, OSError, ValueError) as exc:
        print("grade.py: master notebooks in %s: %s" % (args.master, exc), file=sys.stderr)
        return 2
    if not masters:
        print("grade.py: no master notebook with check cells in %s" % args.master, file=sys.stderr)
        return 2
    args.max_points = {name: course.check_points(name, nb) for name, nb in masters}
    students = sorted(d for d in os.listdir(args.submissions)
                      if os.path.isdir(os.path.join(args.submissions, d)) and not d.startswith("."))
    if not students:
        print("grade.py: %s has no student sub-folders" % args.submissions, file=sys.stderr)
        return 2
    if not args.all_masters:
        handed_in = [(name, nb) for name, nb in masters
                     if any(os.path.lexists(submission_path(args, s, name)) for s in students)]
        left_out = [name for name, _ in masters if name not in dict(handed_in)]
        if not handed_in:
            print("grade.py: no student handed in any of the master notebooks of %s (looked for %s)"
                  % (args.master, submission_path(args, "<student>", "<notebook>")), file=sys.stderr)
            return 2
        if left_out:
            print("not graded, no student handed them in (--all-masters grades them): %s"
                  % ", ".join(left_out), flush=True)
        masters = handed_in
    os.makedirs(args.output, exist_ok=True)
    graded = []
    with tempfile.TemporaryDirectory(prefix="fearec-grade-") as log_dir:
        for student in students:
            outcomes = {}
            for name, master in masters:
                path = submission_path(args, student, name)
                print("GRADE %s / %s" % (student, name), flush=True)
                outcome = grade_notebook(master, name, path, args, log_dir,
                                         os.path.join(args.output, "executed", student))
                got = sum(p for p, _, _ in outcome.results.values())
                print("  %s: %d of %d points%s%s" % (
                    outcome.status, got, sum(args.max_points[name].values()),
                    " in %.0f s" % outcome.seconds if outcome.seconds is not None else "",
                    " (%s)" % outcome.detail if outcome.detail else ""), flush=True)
                outcomes[name] = outcome
            graded.append((student, outcomes))
    summary = write_reports(graded, masters, args)
    if not args.quiet:
        print(summary)
    print("wrote %s and %s" % (os.path.join(args.output, "grades.csv"),
                               os.path.join(args.output, "summary.md")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

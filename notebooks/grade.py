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
not be graded, missing, tampered, failed to run, timed out or stopped. Notebook statuses: ok,
errors (some cell raised; the checks still ran), timed out, failed to run (the kernel did not
start or died, or the file is not a notebook), tampered, missing, stopped. A problem with one
notebook never stops grading; the exit status is 0 when everything was graded, whatever the
grades, 2 for bad arguments.

The reports are rewritten (each through a temporary file and a rename) after every notebook, so
they always hold what has been graded. SIGTERM, SIGHUP or Ctrl-C stop the grader: the running
notebook's kernel is killed with its process group, the notebook is reported "stopped", the
reports list every notebook graded so far and name the students not reached, and the exit status
is 128 + the signal's number (143 for SIGTERM). Only SIGKILL cannot be caught: the reports then
hold every notebook finished before it, and the running kernel dies with the grader all the same
(it is started with a death signal, run_notebooks.die_with).

The output folder must not lie inside the submissions folder (its files would be graded as a
student's on the next run), and a folder among the submissions that holds the grader's own reports
(grades.csv and summary.md) is refused rather than graded as a student.
"""

import argparse
import csv
import glob
import io
import math
import os
import signal
import sys
import tempfile
import time

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

import course
import run_notebooks

CSV_FIELDS = ["student", "notebook", "exercise", "points", "max_points", "status", "feedback",
              "notebook_status"]
REPORTS = ("grades.csv", "summary.md")

# The process groups of the kernels running now (one at a time), killed when the grader stops.
RUNNING_KERNELS = set()


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised as Ctrl-C's KeyboardInterrupt is, so that it leaves nbclient's
    event loop and every finally block on the way runs."""

    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def on_stop_signal(signum, frame):
    # a second signal while stopping is ignored: the first one's clean-up is under way
    signal.signal(signum, signal.SIG_IGN)
    raise Stopped(signum)


def child_process_groups():
    """The process groups led by children of this grader: its kernels, each started in a session of
    its own by jupyter_client, also one still starting (not yet in RUNNING_KERNELS). Linux (/proc)."""
    own = os.getpgid(0)
    groups = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return groups
    for entry in entries:
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == os.getpid() and int(fields[2]) != own:
                groups.add(int(fields[2]))
    return groups


def kill_running_kernels():
    """Kills every kernel still running, with its process group (its JVM and anything it started)."""
    for pgid in RUNNING_KERNELS | child_process_groups():
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass
        RUNNING_KERNELS.discard(pgid)


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
    pgid = getattr(getattr(client.km, "provisioner", None), "pgid", None)
    if pgid:
        RUNNING_KERNELS.add(pgid)
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
    except KeyboardInterrupt:
        # The grader is being stopped: the kernel is killed with its process group first, as
        # nbclient's event loop, interrupted, may not get to shut it down.
        kill_running_kernels()
        try:
            stack.close()
        except Exception:  # noqa: BLE001 - the kernel is gone; stopping must go on
            pass
        raise
    finally:
        # Shuts the kernel down at once ("immediate"): also one stuck in an endless loop.
        stack.close()
        RUNNING_KERNELS.discard(pgid)
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


def replace_file(path, text):
    """Writes path through a temporary file and a rename: a reader, or a grader killed meanwhile,
    finds the old version or the new one, never half of one."""
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_reports(graded, masters, args, stopped=None, not_reached=()):
    """grades.csv and summary.md of the notebooks graded so far; returns the summary text.

    stopped: why grading ended early (e.g. "stopped by SIGTERM"), not_reached: the students it did
    not get to."""
    rows = []
    for student, outcomes in graded:
        for name, _ in masters:
            if name not in outcomes:
                continue  # not reached before the grader was stopped
            outcome = outcomes[name]
            for ident, (points, status, feedback) in outcome.results.items():
                rows.append({"student": student, "notebook": name, "exercise": ident,
                             "points": points, "max_points": args.max_points[name][ident],
                             "status": status, "feedback": feedback,
                             "notebook_status": outcome.status})
    table_text = io.StringIO()
    writer = csv.DictWriter(table_text, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    replace_file(os.path.join(args.output, "grades.csv"), table_text.getvalue())

    totals, notebooks = [], []
    for student, outcomes in graded:
        mine = [r for r in rows if r["student"] == student]
        problems = [n for n, _ in masters if n in outcomes and outcomes[n].status != "ok"]
        totals.append((student, sum(r["points"] for r in mine), sum(r["max_points"] for r in mine),
                       ", ".join("%s (%s)" % (n, outcomes[n].status) for n in problems) or "none"))
        for name, _ in masters:
            if name not in outcomes:
                continue
            o = outcomes[name]
            notebooks.append((student, name, o.status,
                              sum(p for p, _, _ in o.results.values()),
                              sum(args.max_points[name].values()),
                              "%.0f" % o.seconds if o.seconds is not None else "-", o.detail))
    incomplete = []
    if stopped:
        incomplete.append("**Grading was %s**: the reports hold the notebooks graded before it; "
                          "not graded: %s." % (stopped, ", ".join(
                              ["%s (%s)" % (s, ", ".join(n for n, _ in masters if n not in o))
                               for s, o in graded if len(o) < len(masters)] + list(not_reached))
                              or "none"))
    summary = "\n\n".join([
        "# Grades",
        "%d student(s), %d notebook(s) each, masters from `%s`, time limit %d s per notebook."
        % (len(graded), len(masters), args.master, args.time_limit)] + incomplete + [
        "## Totals",
        table(["student", "points", "of", "notebooks with problems"], totals),
        "## Notebooks",
        table(["student", "notebook", "status", "points", "of", "seconds", "detail"], notebooks),
        "## Exercises",
        table(["student", "notebook", "exercise", "points", "of", "status", "feedback"],
              [(r["student"], r["notebook"], r["exercise"], r["points"], r["max_points"],
                r["status"], r["feedback"]) for r in rows]),
    ]) + "\n"
    replace_file(os.path.join(args.output, "summary.md"), summary)
    return summary


class ArgumentParser(argparse.ArgumentParser):
    """argparse, whose errors are one line (not the usage text) and exit with status 2."""

    def error(self, message):
        self.exit(2, "grade.py: %s (see --help)\n" % message)


def parse_args(argv):
    p = ArgumentParser(description="Grade a folder of submitted course notebooks "
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
    if not args.output.strip():
        p.error("--output is empty (an unset shell variable?); expected a folder for the reports")
    submissions = os.path.realpath(args.submissions)
    output = os.path.realpath(args.output)
    if output == submissions or output.startswith(submissions + os.sep):
        p.error("--output %s lies inside the submissions folder %s; expected a folder outside it "
                "(the next run would grade the reports as a student's)"
                % (args.output, args.submissions))
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        p.error("--output %s exists and is not a folder; expected a folder for the reports"
                % args.output)
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
    reports = [s for s in students
               if all(os.path.isfile(os.path.join(args.submissions, s, r)) for r in REPORTS)]
    if reports:
        print("grade.py: %s holds the grader's own reports (%s), not a student's notebooks; "
              "expected only student folders in %s: move %s out"
              % (os.path.join(args.submissions, reports[0]), " and ".join(REPORTS),
                 args.submissions, "them" if len(reports) > 1 else "it"), file=sys.stderr)
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
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_stop_signal)
    try:
        with tempfile.TemporaryDirectory(prefix="fearec-grade-") as log_dir:
            for student in students:
                outcomes = {}
                graded.append((student, outcomes))
                for name, master in masters:
                    path = submission_path(args, student, name)
                    print("GRADE %s / %s" % (student, name), flush=True)
                    try:
                        outcome = grade_notebook(master, name, path, args, log_dir,
                                                 os.path.join(args.output, "executed", student))
                    except KeyboardInterrupt:
                        outcome = Outcome("stopped", "the grader was stopped while it ran")
                        outcome.results = {i: (0, "stopped", "not graded: the grader was stopped")
                                           for i in args.max_points[name]}
                        outcomes[name] = outcome
                        raise
                    got = sum(p for p, _, _ in outcome.results.values())
                    print("  %s: %d of %d points%s%s" % (
                        outcome.status, got, sum(args.max_points[name].values()),
                        " in %.0f s" % outcome.seconds if outcome.seconds is not None else "",
                        " (%s)" % outcome.detail if outcome.detail else ""), flush=True)
                    outcomes[name] = outcome
                    # what is graded is on disk, whatever happens to this process next
                    write_reports(graded, masters, args, stopped="in progress",
                                  not_reached=students[len(graded):])
    except KeyboardInterrupt as exc:
        kill_running_kernels()
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        name = signal.Signals(signum).name
        write_reports(graded, masters, args, stopped="stopped by " + name,
                      not_reached=students[len(graded):])
        print("grade.py: stopped by %s; %s and %s hold the notebooks graded before it"
              % (name, os.path.join(args.output, "grades.csv"),
                 os.path.join(args.output, "summary.md")), file=sys.stderr, flush=True)
        return 128 + signum
    summary = write_reports(graded, masters, args)
    if not args.quiet:
        print(summary)
    print("wrote %s and %s" % (os.path.join(args.output, "grades.csv"),
                               os.path.join(args.output, "summary.md")))
    return 0


if __name__ == "__main__":
    status = main()
    if status > 128:
        # stopped by a signal, its kernels killed: leave at once, so that nbclient's tasks still
        # waiting on those kernels cannot print "Kernel died" after the grader's last line
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)

"""Headless runs through nbclient (run_notebooks.py, grade.py): the runner's self-test, every
chapter's student edition on the second kernel (the masters run on the first in the browser,
test_browser.py), and the kit's grader on the planted submissions of tests/fixtures/course/.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest

import conftest
import course
import run_notebooks

FIXTURES = os.path.join(conftest.TESTS, "fixtures")


def runner_args(kernel):
    return argparse.Namespace(kernel=kernel, timeout=300, start_timeout=20, start_retries=3,
                              verbose=False, executed_only=False, executed={})


def run(path, kernel):
    """Run one notebook headless; returns (executed notebook, seconds)."""
    args = runner_args(kernel)
    with tempfile.TemporaryDirectory(prefix="fearec-nb-") as log_dir:
        t0 = time.monotonic()
        run_notebooks.run_one(path, args, log_dir)
        return args.executed[path], time.monotonic() - t0


def test_runner_passes_a_good_notebook():
    run(os.path.join(FIXTURES, "runner-pass.ipynb"), conftest.DEFAULT_KERNEL)


def test_runner_reports_the_failing_cell():
    with pytest.raises(run_notebooks.NotebookFailure) as failure:
        run(os.path.join(FIXTURES, "runner-fail.ipynb"), conftest.DEFAULT_KERNEL)
    message = str(failure.value)
    assert "runner-fail.ipynb: cell index 2 raised EvalException: deliberate failure in runner fixture" in message
    assert "java.lang.IllegalStateException" in message


@pytest.fixture(scope="module")
def student_edition(tmp_path_factory):
    """The student edition of every chapter, written as install.sh writes it for learners."""
    out = str(tmp_path_factory.mktemp("student"))
    done = subprocess.run([sys.executable, os.path.join(conftest.NB_DIR, "student_edition.py"), "--out", out],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.mark.parametrize("chapter", conftest.chapters(), ids=conftest.chapter_ids(conftest.chapters()))
def test_student_edition_on_the_second_kernel(student_edition, chapter):
    """What a learner gets runs top to bottom: no error, no exception-like stderr, an image and
    the chapter's expected strings (run_notebooks), every exercise's stub compiles and its check
    says "not attempted" with 0 points."""
    nb, seconds = run(os.path.join(student_edition, os.path.basename(chapter)), conftest.SECOND_KERNEL)
    conftest.MEASURED.append(("headless student", conftest.SECOND_KERNEL, os.path.basename(chapter), seconds, None))
    checks = course.check_cells(nb)
    assert len(checks) >= 3
    for ident, _, cell in checks:
        (result,) = course.result_lines(cell)
        assert (result["status"], result["points"]) == ("not attempted", 0), (ident, result)
        assert result["max_points"] == cell.metadata["fearec"]["points"], (ident, result)


def test_grader_on_the_planted_submissions(tmp_path):
    """Exact points, statuses and feedback (expected-grades.csv, row by row), and the summary
    names the failing cell and the timeout."""
    course_dir = os.path.join(FIXTURES, "course")
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, os.path.join(conftest.NB_DIR, "grade.py"),
                           os.path.join(course_dir, "submissions"), "--master", os.path.join(course_dir, "master"),
                           "--time-limit", "25", "--output", str(tmp_path), "--quiet"],
                          capture_output=True, text=True)
    conftest.MEASURED.append(("grade.py", conftest.DEFAULT_KERNEL, "6 planted submissions", time.monotonic() - t0, None))
    assert done.returncode == 0, done.stdout + done.stderr
    with open(os.path.join(course_dir, "expected-grades.csv"), encoding="utf-8") as f:
        expected = f.read().splitlines()
    with open(tmp_path / "grades.csv", encoding="utf-8") as f:
        got = f.read().splitlines()
    assert got == expected
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| throws | mini.ipynb | errors | 6 | 9 | " in summary and " | cell index 1 raised " in summary
    assert "| loops | mini.ipynb | timed out | 3 | 9 | " in summary
    assert " | time limit of 25 s reached in cell index 4 |" in summary


def descendants(pid):
    """Every process below pid (children, their children, ...), from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_signal_stops_the_grader_with_its_kernel_and_keeps_the_grades(tmp_path, signum):
    """Issue #28: SIGTERM while a student's notebook loops for ever used to leave that kernel
    running at full CPU and lose every grade computed; now the kernel dies with the grader, and
    the reports hold every notebook graded before, the stopped one and the students not reached.
    SIGKILL cannot be caught: the kernel still dies (its death signal), and the reports hold the
    notebooks graded before."""
    import csv
    course_dir = os.path.join(FIXTURES, "course")
    grader = subprocess.Popen(
        [sys.executable, os.path.join(conftest.NB_DIR, "grade.py"), os.path.join(course_dir, "submissions"),
         "--master", os.path.join(course_dir, "master"), "--time-limit", "300", "--output", str(tmp_path),
         "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while grader.stdout.readline().strip() != "GRADE loops / mini.ipynb":
            assert time.monotonic() < deadline and grader.poll() is None, "the grader never reached 'loops'"
        kernels = []
        while not kernels:  # the kernel's JVM, once it runs the notebook
            assert time.monotonic() < deadline, "no kernel started for 'loops'"
            time.sleep(0.5)
            kernels = [p for p in descendants(grader.pid) if b"java" in open("/proc/%d/cmdline" % p, "rb").read()]
        time.sleep(8)  # into the endless loop
        assert (tmp_path / "grades.csv").exists(), "the notebooks graded so far are on disk already"
        grader.send_signal(signum)
        out, err = grader.communicate(timeout=60)
    finally:
        if grader.poll() is None:
            grader.kill()
    if signum == signal.SIGKILL:
        assert grader.returncode == -signal.SIGKILL, err
    else:
        assert grader.returncode == 128 + signal.SIGTERM, err
        assert err.endswith("grade.py: stopped by SIGTERM; %s and %s hold the notebooks graded before it\n"
                            % (tmp_path / "grades.csv", tmp_path / "summary.md")), err
    deadline = time.monotonic() + 10
    while any(alive(p) for p in kernels) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in kernels), "the kernel outlived the grader"
    with open(os.path.join(course_dir, "expected-grades.csv"), encoding="utf-8") as f:
        expected = [r for r in csv.DictReader(f) if r["student"] == "broken"]
    with open(tmp_path / "grades.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r for r in rows if r["student"] == "broken"] == expected
    if signum == signal.SIGKILL:
        return  # nothing ran after the signal: no "stopped" rows
    stopped = [r for r in rows if r["student"] == "loops"]
    assert stopped and {(r["points"], r["status"], r["notebook_status"]) for r in stopped} == {("0", "stopped", "stopped")}
    assert {r["student"] for r in rows} == {"broken", "loops"}
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert ("**Grading was stopped by SIGTERM**: the reports hold the notebooks graded before it; not graded: "
            "missing, planted, tampered, throws.") in summary, summary

"""Headless runs through nbclient (run_notebooks.py, grade.py): the runner's self-test, every
chapter's student edition on the second kernel (the masters run on the first in the browser,
test_browser.py), and the kit's grader on the planted submissions of tests/fixtures/course/.
"""

import argparse
import os
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

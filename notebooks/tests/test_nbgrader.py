"""nbgrader with the kit's Java kernel, as an instructor runs it (notebooks/nbgrader_config.py).

  * the chapters' nbgrader metadata is what nbgrader_metadata.py derives from the kit's markers
    (so it is up to date after chapters changed), and `nbgrader generate_assignment` turns every
    chapter into a student version with the kit's stub in each exercise (no kernel needed);
  * on the planted submissions of tests/fixtures/course/, `nbgrader autograde` gives the same
    points per exercise as the kit's grader (expected-grades.csv, asserted row by row in
    test_grader.py), and the student version it generated scores 0. Where the two tools differ
    by design it is asserted too: nbgrader restores an edited (locked) check cell and grades the
    answers, the kit's grader refuses the notebook ("tampered"). The endless loop and the broken
    or missing files are the kit grader's cases only (its per-notebook time limit).
"""

import csv
import glob
import os
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

import conftest
import course

FIXTURES = os.path.join(conftest.TESTS, "fixtures", "course")
# The submissions nbgrader grades; "blank" is nbgrader's own student version, handed in as is.
GRADED = ["planted", "throws", "tampered"]


def nbgrader(course_dir, *args):
    exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    done = subprocess.run([exe, *args], cwd=course_dir, capture_output=True, text=True)
    assert done.returncode == 0, "nbgrader %s failed:\n%s%s" % (" ".join(args), done.stdout, done.stderr)
    return done.stdout + done.stderr


def make_course(root, assignment, masters):
    os.makedirs(os.path.join(root, "source", assignment))
    for path in masters:
        shutil.copy(path, os.path.join(root, "source", assignment))
    with open(os.path.join(root, "nbgrader_config.py"), "w") as f:
        f.write("c = get_config()\nload_subconfig(%r)\nc.CourseDirectory.root = %r\n"
                % (os.path.join(conftest.NB_DIR, "nbgrader_config.py"), root))


def test_chapter_metadata_is_derived_from_the_markers():
    script = os.path.join(conftest.NB_DIR, "nbgrader_metadata.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, "run notebooks/nbgrader_metadata.py and commit: %s%s" % (done.stdout, done.stderr)


def test_generate_assignment_writes_the_student_version(tmp_path):
    """nbgrader's student version of every chapter, and the kit's student edition (what open.sh
    and Binder serve, student_edition.py) is the same, cell for cell."""
    root = str(tmp_path)
    make_course(root, "course", conftest.chapters())
    nbgrader(root, "generate_assignment", "course", "--force")
    edition = os.path.join(root, "student-edition")
    done = subprocess.run([sys.executable, os.path.join(conftest.NB_DIR, "student_edition.py"),
                           "--out", edition], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for master_path in conftest.chapters():
        name = os.path.basename(master_path)
        master = nbformat.read(master_path, as_version=4)
        student = nbformat.read(os.path.join(root, "release", "course", name), as_version=4)
        kit = nbformat.read(os.path.join(edition, name), as_version=4)
        assert [(c.cell_type, c.source) for c in kit.cells] == [(c.cell_type, c.source) for c in student.cells], \
            "%s: the student edition differs from nbgrader's student version" % name
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in kit.cells if c.cell_type == "code"), name
        exercises = 0
        for m, s in zip(master.cells, student.cells):
            kind, ident = course.role(m)
            if kind == "exercise":
                exercises += 1
                assert course.BEGIN not in s.source and course.STUB[1] in s.source, \
                    "%s: exercise %s keeps its solution in the student version" % (name, ident)
                before = m.source.split(course.BEGIN)[0]
                assert s.source.startswith(before), "%s: exercise %s: code before the span changed" % (name, ident)
            else:
                assert s.source == m.source, "%s: a cell that is no exercise changed" % name
        assert len(student.cells) == len(master.cells) and exercises >= 2, name


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("nbgrader-course"))
    make_course(root, "mini", [os.path.join(FIXTURES, "master", "mini.ipynb")])
    nbgrader(root, "generate_assignment", "mini", "--force")
    for student in GRADED:
        os.makedirs(os.path.join(root, "submitted", student, "mini"))
        shutil.copy(os.path.join(FIXTURES, "submissions", student, "mini.ipynb"),
                    os.path.join(root, "submitted", student, "mini"))
    os.makedirs(os.path.join(root, "submitted", "blank", "mini"))
    shutil.copy(os.path.join(root, "release", "mini", "mini.ipynb"), os.path.join(root, "submitted", "blank", "mini"))
    t0 = time.monotonic()
    log = nbgrader(root, "autograde", "mini", "--force", "--create")
    conftest.MEASURED.append(("nbgrader autograde", "fearec-java", "%d submissions" % (len(GRADED) + 1),
                              time.monotonic() - t0, None))
    nbgrader(root, "generate_feedback", "mini", "--force")
    from nbgrader.api import Gradebook

    points = {}
    with Gradebook("sqlite:///" + os.path.join(root, "gradebook.db")) as gb:
        for student in GRADED + ["blank"]:
            nb = gb.find_submission_notebook("mini", "mini", student)
            for g in nb.grades:
                if g.name.startswith("check-"):
                    points[(student, g.name)] = g.score
    return root, points, log


def kit_points():
    with open(os.path.join(FIXTURES, "expected-grades.csv"), newline="") as f:
        return {(r["student"], "check-" + r["exercise"].replace(".", "_")): float(r["points"])
                for r in csv.DictReader(f)}


@pytest.mark.parametrize("student", ["planted", "throws"])
def test_autograde_points_equal_the_kit_grader(autograded, student):
    _, points, log = autograded
    expected = {k: v for k, v in kit_points().items() if k[0] == student}
    got = {k: v for k, v in points.items() if k[0] == student}
    assert got == expected, "nbgrader %s vs the kit's grader %s\n%s" % (got, expected, log[-3000:])


def test_autograde_restores_an_edited_check_cell(autograded):
    _, points, _ = autograded
    kit = kit_points()
    # The kit refuses the notebook; nbgrader grades the answers under the original checks:
    # 9.1 is answered as in "planted" (full marks), 9.2 is not attempted.
    assert kit[("tampered", "check-9_1")] == kit[("tampered", "check-9_2")] == 0
    assert points[("tampered", "check-9_1")] == kit[("planted", "check-9_1")] == 3
    assert points[("tampered", "check-9_2")] == 0


def test_the_student_version_scores_zero_and_gets_feedback(autograded):
    root, points, _ = autograded
    blank = {k: v for k, v in points.items() if k[0] == "blank"}
    assert len(blank) == 3 and set(blank.values()) == {0}, blank  # the master's three checks
    feedback = glob.glob(os.path.join(root, "feedback", "*", "mini", "mini.html"))
    assert len(feedback) == len(GRADED) + 1, feedback

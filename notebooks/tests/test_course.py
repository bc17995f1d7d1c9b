"""Unit tests of the course tools that need no kernel: the checks on master notebooks, tamper
detection, result-line parsing and how a check cell's outputs grade (pytest collects them).
"""

import os
import sys
import unittest

import nbformat

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import course  # noqa: E402
import grade  # noqa: E402


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    for kind, source, meta in cells:
        cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
        if meta:
            cell.metadata["fearec"] = meta
        nb.cells.append(cell)
    return nb


EXERCISE = """int twice(int x) {
    // BEGIN SOLUTION
    int y = x;
    return y + x;
    // END SOLUTION
}"""
CHECK = 'Exercise.of("1.1", "twice", (Integer x) -> 2 * x, Comparisons.<Integer>equal())\n    .input("one", 1).check(x -> twice(x));'


def master():
    return notebook(("markdown", "# Task", None),
                    ("code", EXERCISE, {"exercise": "1.1"}),
                    ("code", CHECK, {"check": "1.1", "points": 1}))


class MasterTest(unittest.TestCase):

    def test_broken_masters_are_refused_naming_the_cell(self):
        cases = {
            "is never closed": EXERCISE.replace("    // END SOLUTION\n", ""),
            "without": EXERCISE.replace("    // BEGIN SOLUTION\n", ""),
            "inside another solution span": EXERCISE.replace("    int y", "    // BEGIN SOLUTION\n    int y"),
        }
        for message, source in cases.items():
            nb = master()
            nb.cells[1].source = source
            with self.assertRaisesRegex(course.CourseError, "nb: cell index 1 line .*" + message):
                course.validate_master("nb", nb)

    def test_an_exercise_needs_a_check_and_a_check_needs_points(self):
        nb = master()
        del nb.cells[2]
        with self.assertRaisesRegex(course.CourseError, "exercise\\(s\\) without a check cell: 1.1"):
            course.validate_master("nb", nb)
        nb = master()
        del nb.cells[2].metadata["fearec"]["points"]
        with self.assertRaisesRegex(course.CourseError, "check cell 1.1 .* needs a positive integer"):
            course.validate_master("nb", nb)
        nb = master()
        nb.cells[1].metadata = {}
        with self.assertRaisesRegex(course.CourseError, "solution markers but no"):
            course.validate_master("nb", nb)


class TamperTest(unittest.TestCase):

    def test_an_unchanged_check_cell_passes_trailing_whitespace_aside(self):
        submission = master()
        submission.cells[2].source = CHECK.replace(";", ";   ") + "\n\n"
        self.assertIsNone(grade.tamper_problems(master(), submission))

    def test_an_edited_check_cell_is_named(self):
        submission = master()
        submission.cells[2].source = CHECK.replace('"one", 1', '"one", 2')
        self.assertEqual(grade.tamper_problems(master(), submission), "check cell 1.1 edited")

    def test_missing_or_added_check_cells_are_reported(self):
        submission = master()
        submission.cells[2].metadata = {}
        self.assertEqual(grade.tamper_problems(master(), submission),
                         "check cells missing, added or reordered: expected 1.1, found none")
        submission = master()
        submission.cells.append(nbformat.v4.new_code_cell(CHECK, metadata={"fearec": {"check": "1.1"}}))
        self.assertEqual(grade.tamper_problems(master(), submission),
                         "check cells missing, added or reordered: expected 1.1, found 1.1, 1.1")


class ResultLineTest(unittest.TestCase):

    def test_only_result_lines_on_stdout_count(self):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text="Exercise 1.1: 1 of 1 points\nFEAREC-CH"),
            nbformat.v4.new_output("stream", name="stdout", text='ECK {"exercise": "1.1", "points": 1}\n'),
            nbformat.v4.new_output("stream", name="stderr", text='FEAREC-CHECK {"exercise": "1.2"}\n'),
        ]
        self.assertEqual(course.result_lines(cell), [{"exercise": "1.1", "points": 1}])

    def test_result_lines_in_their_own_display_output_count_too(self):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text="Exercise 1.1: 1 of 1 points\n"),
            nbformat.v4.new_output("display_data", data={
                "text/plain": "", course.RESULT_MIME: 'FEAREC-CHECK {"exercise": "1.1", "points": 1}'}),
            nbformat.v4.new_output("display_data", data={"text/plain": 'FEAREC-CHECK {"exercise": "1.2"}'}),
        ]
        self.assertEqual(course.result_lines(cell), [{"exercise": "1.1", "points": 1}])


class CheckResultTest(unittest.TestCase):
    """grade.check_result on check cells as the kernel leaves them."""

    def cell(self, *texts, error=None):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
        if error:
            cell.outputs.append(nbformat.v4.new_output("error", ename=error[0], evalue=error[1],
                                                       traceback=[]))
        return cell

    def result(self, cell, first_not_run=99, max_points=3):
        return grade.check_result("1.1", 5, cell, first_not_run, grade.Outcome("ok"), max_points)

    def test_the_checks_own_line_gives_the_points(self):
        line = 'FEAREC-CHECK {"exercise": "1.1", "points": 2, "max_points": 3, "status": "partial", "feedback": "f"}\n'
        self.assertEqual(self.result(self.cell("report\n", line)), (2, "partial", "f"))

    def test_a_second_result_line_in_the_check_cell_is_tampering(self):
        line = 'FEAREC-CHECK {"exercise": "1.1", "points": 3, "max_points": 3, "status": "passed", "feedback": ""}\n'
        points, status, _ = self.result(self.cell(line, line))
        self.assertEqual((points, status), (0, "tampered"))

    def test_a_check_cell_that_raised_is_an_error_naming_the_exception(self):
        self.assertEqual(
            self.result(self.cell(error=("CompilerException", "cannot find symbol"))),
            (0, "error", "the check cell raised CompilerException: cannot find symbol (does the "
                         "exercise cell compile and run?)"))

    def test_a_line_for_another_exercise_or_other_maximum_earns_nothing(self):
        other = 'FEAREC-CHECK {"exercise": "1.2", "points": 3, "max_points": 3, "status": "passed", "feedback": ""}\n'
        self.assertEqual(self.result(self.cell(other))[:2], (0, "error"))
        line = 'FEAREC-CHECK {"exercise": "1.1", "points": 3, "max_points": 3, "status": "passed", "feedback": ""}\n'
        self.assertEqual(self.result(self.cell(line), max_points=4),
                         (0, "error", "the check reported 3 points at most, the master notebook says 4"))

    def test_a_check_cell_the_run_did_not_reach_takes_the_notebooks_status(self):
        outcome = grade.Outcome("timed out", "time limit of 9 s reached in cell index 3")
        self.assertEqual(grade.check_result("1.1", 5, self.cell(), 3, outcome, 3),
                         (0, "timed out", "not run: time limit of 9 s reached in cell index 3"))


if __name__ == "__main__":
    unittest.main()


class ChaptersTest(unittest.TestCase):
    """What every chapter of the course promises its learners and instructors."""

    def test_every_chapter_is_a_valid_master_with_at_least_three_exercises(self):
        import glob
        chapters = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))), "[0-9][0-9]-*.ipynb")))
        self.assertGreaterEqual(len(chapters), 6)
        for path in chapters:
            nb = nbformat.read(path, as_version=4)
            name = os.path.basename(path)
            course.validate_master(name, nb)
            self.assertGreaterEqual(len(course.check_points(name, nb)), 3,
                                    "%s: fewer than three graded exercises" % name)


class GraderFoldersTest(unittest.TestCase):
    """Issue #28: the grader refuses an output folder inside the submissions and a folder of its
    own reports among the students, in one line with status 2, before any kernel starts."""

    FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "course")

    def grade(self, submissions, output):
        """grade.main in this process: (status, stdout, stderr)."""
        import contextlib
        import io
        import types
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = grade.main([submissions, "--master", os.path.join(self.FIXTURES, "master"),
                                   "--output", output, "--quiet"])
            except SystemExit as exc:
                code = exc.code
        return types.SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())

    def test_an_output_folder_inside_the_submissions_is_refused(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            subs = os.path.join(tmp, "submissions")
            os.makedirs(os.path.join(subs, "alice"))
            for output in (os.path.join(subs, "grades"), subs):
                done = self.grade(subs, output)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stderr, "grade.py: --output %s lies inside the submissions "
                                 "folder %s; expected a folder outside it (the next run would "
                                 "grade the reports as a student's) (see --help)\n" % (output, subs))
                self.assertEqual(done.stdout, "")
            self.assertFalse(os.path.exists(os.path.join(subs, "grades")), "nothing written")

    def test_a_folder_of_the_graders_reports_is_not_graded_as_a_student(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            subs = os.path.join(tmp, "submissions")
            os.makedirs(os.path.join(subs, "alice"))
            os.makedirs(os.path.join(subs, "grades"))
            for report in grade.REPORTS:
                with open(os.path.join(subs, "grades", report), "w") as f:
                    f.write("from an earlier run\n")
            done = self.grade(subs, os.path.join(tmp, "out"))
            self.assertEqual(done.returncode, 2, done.stderr)
            self.assertEqual(done.stderr, "grade.py: %s holds the grader's own reports (grades.csv "
                             "and summary.md), not a student's notebooks; expected only student "
                             "folders in %s: move it out\n" % (os.path.join(subs, "grades"), subs))
            self.assertFalse(os.path.exists(os.path.join(tmp, "out")), "nothing written")


class StudentEditionTest(unittest.TestCase):
    """student_edition.py: stubs in place of the solutions, and a learner's copy never overwritten."""

    def setUp(self):
        import tempfile
        self.dir = tempfile.mkdtemp(prefix="fearec-student-")
        self.master_path = os.path.join(self.dir, "01-mini.ipynb")
        nbformat.write(master(), self.master_path)
        self.out = os.path.join(self.dir, "student")
        self.copy = os.path.join(self.out, "01-mini.ipynb")

    def tearDown(self):
        import shutil
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_script(self):
        import contextlib
        import io
        import student_edition
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            self.assertEqual(student_edition.main(["--out", self.out, self.master_path]), 0)
        return printed.getvalue()

    def test_the_solution_is_replaced_by_the_stub_and_nothing_else_changes(self):
        self.run_script()
        student = nbformat.read(self.copy, as_version=4)
        self.assertEqual(student.cells[1].source,
                         "int twice(int x) {\n    " + "\n    ".join(course.STUB) + "\n}")
        self.assertEqual([c.source for i, c in enumerate(student.cells) if i != 1],
                         [c.source for i, c in enumerate(master().cells) if i != 1])
        with open(os.path.join(self.out, "README.md"), encoding="utf-8") as f:
            self.assertIn("open.sh --solutions", f.read())

    def test_an_untouched_copy_follows_its_master_and_a_changed_one_is_kept(self):
        self.assertIn("wrote", self.run_script())
        self.assertEqual(self.run_script(), "", "nothing to do the second time")
        nb = master()
        nb.cells[0].source = "# Task, reworded"
        nbformat.write(nb, self.master_path)
        self.assertIn("updated", self.run_script())
        self.assertEqual(nbformat.read(self.copy, as_version=4).cells[0].source, "# Task, reworded")
        # The learner answers; the master changes again: the answer stays, and the message says how
        # to get the new version.
        mine = nbformat.read(self.copy, as_version=4)
        mine.cells[1].source = EXERCISE
        nbformat.write(mine, self.copy)
        nb.cells[0].source = "# Task, reworded twice"
        nbformat.write(nb, self.master_path)
        printed = self.run_script()
        self.assertIn("kept", printed)
        self.assertIn("rename or delete your copy", printed)
        self.assertEqual(nbformat.read(self.copy, as_version=4).cells[1].source, EXERCISE)
        # Deleted, it comes back as the new student edition.
        os.remove(self.copy)
        self.run_script()
        self.assertEqual(nbformat.read(self.copy, as_version=4).cells[0].source, "# Task, reworded twice")

    def test_a_broken_master_writes_nothing(self):
        import contextlib
        import io
        import student_edition
        nb = master()
        del nb.cells[2]
        nbformat.write(nb, self.master_path)
        with contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(student_edition.main(["--out", self.out, self.master_path]), 1)
        self.assertIn("without a check cell", err.getvalue())
        self.assertFalse(os.path.exists(self.out))


class GradeWhatWasHandedInTest(unittest.TestCase):
    """grade.py grades the masters some student handed in (grading one week needs no option), in
    the plain layout or nbgrader's (--assignment). The submissions here are tampered with, so no
    kernel runs."""

    def setUp(self):
        import tempfile
        self.dir = tempfile.mkdtemp(prefix="fearec-grade-")
        self.masters = os.path.join(self.dir, "masters")
        os.makedirs(self.masters)
        for name in ("01-a.ipynb", "02-b.ipynb"):
            nbformat.write(master(), os.path.join(self.masters, name))

    def tearDown(self):
        import shutil
        shutil.rmtree(self.dir, ignore_errors=True)

    def hand_in(self, *parts):
        path = os.path.join(self.dir, "submitted", *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        submission = master()
        submission.cells[2].source = CHECK.replace('"one", 1', '"one", 2')  # tampered: not run
        nbformat.write(submission, path)
        os.makedirs(os.path.join(self.dir, "submitted", "bob"), exist_ok=True)  # handed in nothing

    def grade(self, *options):
        import contextlib
        import csv
        import io
        out = os.path.join(self.dir, "grades")
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = grade.main([os.path.join(self.dir, "submitted"), "--master", self.masters,
                               "--output", out, "--quiet", *options])
        self.assertEqual(code, 0, printed.getvalue())
        with open(os.path.join(out, "grades.csv"), encoding="utf-8") as f:
            rows = [(r["student"], r["notebook"], r["notebook_status"]) for r in csv.DictReader(f)]
        return rows, printed.getvalue()

    def test_only_the_handed_in_chapter_is_graded(self):
        self.hand_in("alice", "02-b.ipynb")
        rows, printed = self.grade()
        self.assertEqual(rows, [("alice", "02-b.ipynb", "tampered"), ("bob", "02-b.ipynb", "missing")])
        self.assertIn("not graded, no student handed them in (--all-masters grades them): 01-a.ipynb", printed)
        rows, _ = self.grade("--all-masters")
        self.assertEqual(sorted(rows), [("alice", "01-a.ipynb", "missing"), ("alice", "02-b.ipynb", "tampered"),
                                        ("bob", "01-a.ipynb", "missing"), ("bob", "02-b.ipynb", "missing")])

    def test_nbgraders_layout_with_assignment(self):
        self.hand_in("alice", "week2", "02-b.ipynb")
        rows, _ = self.grade("--assignment", "week2")
        self.assertEqual(rows, [("alice", "02-b.ipynb", "tampered"), ("bob", "02-b.ipynb", "missing")])


    def test_every_chapter_has_an_exercise_of_understanding_and_links_its_neighbours(self):
        """At least one graded exercise per chapter asks for a prediction, an explanation, a bug or
        an implementation from a description ("kind" in its exercise cell's metadata); the first
        cell links the previous and the next chapter."""
        import glob
        kinds = {"predict", "explain", "debug", "describe"}
        chapters = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))), "[0-9][0-9]-*.ipynb")))
        names = [os.path.basename(p) for p in chapters]
        for position, path in enumerate(chapters):
            nb = nbformat.read(path, as_version=4)
            found = [c.metadata["fearec"].get("kind") for c in nb.cells
                     if course.role(c)[0] == "exercise" and c.metadata["fearec"].get("kind") in kinds]
            self.assertTrue(found, "%s: no exercise of kind %s" % (names[position], sorted(kinds)))
            first = nb.cells[0].source
            if position > 0:
                self.assertIn(names[position - 1], first, "%s: no link to the previous chapter" % names[position])
            if position + 1 < len(chapters):
                self.assertIn(names[position + 1], first, "%s: no link to the next chapter" % names[position])

    def test_the_diagrams_in_the_chapters_are_those_figures_py_draws(self):
        import subprocess
        script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "figures.py")
        done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, "run notebooks/figures.py and commit: " + done.stdout + done.stderr)

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

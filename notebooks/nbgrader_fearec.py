"""nbgrader's autograde step for the kit's check cells: points from the check's result line.

A check cell (see course.py) prints per input "ok" or "WRONG" and one line
`FEAREC-CHECK {"points": ..., "max_points": ...}`; nbgrader by itself would give such a cell
full points whenever it shows no error and no stderr. SaveCheckGrades keeps nbgrader's rule for
errors and stderr (0 points) and otherwise reads the points exactly as the kit's grader does
(grade.check_result: one result line, of this exercise, with the master's maximum), so both
tools give the same points for the same executed check cell.
"""

from nbgrader import utils
from nbgrader.preprocessors import SaveAutoGrades

import course
import grade


class SaveCheckGrades(SaveAutoGrades):
    """SaveAutoGrades with the kit's points for graded code cells that are check cells."""

    def _add_score(self, cell, resources):
        super()._add_score(cell, resources)
        kind, ident = course.role(cell)
        if kind != "check":
            return
        record = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                           self.assignment_id, self.student_id)
        nbgrader_score, max_points = utils.determine_grade(cell, self.log)
        if nbgrader_score == 0:
            return  # an error or stderr output: nbgrader's 0 stands
        # The cell ran (index 0 < first cell not run = 1); max_points is the master's, which
        # nbgrader restored into this cell's metadata from its database.
        points, _, _ = grade.check_result(ident, 0, cell, 1, None, int(max_points))
        record.auto_score = float(points)
        self.gradebook.db.commit()

"""nbgrader configuration for the kit's Java chapters (nbgrader 0.9, Java kernels).

An instructor's course folder loads it from its own nbgrader_config.py, which
`notebooks/instructor.sh init COURSE_DIR` writes:

    c = get_config()
    load_subconfig("/path/to/the/kit/notebooks/nbgrader_config.py")

  * ClearSolutions: the kit's markers ("// BEGIN SOLUTION" ... "// END SOLUTION") and, for
    language java, the kit's stub, which compiles in a method of any return type and makes the
    check report "not attempted" (course.STUB): `nbgrader generate_assignment` writes the
    same cells as the kit's student edition (student_edition.py; tested).
  * Autograde: nbgrader's own grading gives a graded code cell full points unless it shows an
    error or any stderr output (or a number as its value). A check cell prints its points in
    its result line instead, so SaveCheckGrades (nbgrader_fearec.py) takes them from there;
    an error or stderr output in the check cell still scores 0, as in nbgrader.
"""
import os
import sys

c = get_config()  # noqa: F821 - provided by traitlets when this file is loaded
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import course  # noqa: E402
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader.preprocessors import SaveAutoGrades  # noqa: E402
from nbgrader_fearec import SaveCheckGrades  # noqa: E402

c.ClearSolutions.begin_solution_delimeter = course.BEGIN
c.ClearSolutions.end_solution_delimeter = course.END
c.ClearSolutions.code_stub = {"java": "\n".join(course.STUB)}
# nbgrader's own list of autograde steps, with SaveCheckGrades in place of SaveAutoGrades.
c.Autograde.autograde_preprocessors = [SaveCheckGrades if p is SaveAutoGrades else p
                                       for p in Autograde.class_traits()["autograde_preprocessors"].default()]
# A whole chapter's cell may train a model for a minute on a busy machine.
c.Execute.timeout = 300
# Autograde clears cell metadata it does not know; the kit's "fearec" metadata names the check.
c.ClearMetadataPreprocessor.preserve_cell_metadata_mask = {("nbgrader",), ("fearec",)}

#!/usr/bin/env python3
"""Write nbgrader's cell metadata into graded notebooks, derived from the kit's own markers.

    notebooks/.venv/bin/python notebooks/nbgrader_metadata.py [--check] [NOTEBOOK.ipynb ...]

Default: the chapters notebooks/[0-9][0-9]-*.ipynb. For every cell the result depends only on
its "fearec" metadata (course.py), so running it again changes nothing, and after chapters are
edited or added it is simply run again:

  * an exercise cell ("fearec": {"exercise": "3.1"}) becomes an nbgrader solution cell,
    grade id "exercise-3_1" (its "// BEGIN SOLUTION" ... "// END SOLUTION" span is what
    `nbgrader generate_assignment` replaces by the code stub of nbgrader_config.py);
  * a check cell ("fearec": {"check": "3.1", "points": 5}) becomes a locked, graded cell
    with the same points, grade id "check-3_1";
  * any other cell loses nbgrader metadata it may have had.

A master is validated first (course.validate_master); --submissions skips that, for the
planted submissions of tests/fixtures/course/, which stand for copies nbgrader handed out. --check changes nothing and exits 1
when some notebook is not up to date (CI runs it that way). Cell sources, outputs and the rest
of the metadata are left as they are.
"""

import argparse
import glob
import json
import os
import sys

import course

NB_DIR = os.path.dirname(os.path.abspath(__file__))
SCHEMA_VERSION = 3


def grade_id(kind, ident):
    """nbgrader wants [A-Za-z0-9_-]+: '3.1' -> 'exercise-3_1'."""
    return "%s-%s" % (kind, "".join(c if c.isalnum() or c in "_-" else "_" for c in ident))


def nbgrader_metadata(cell):
    """The nbgrader metadata this cell must have, or None for none."""
    kind, ident = course.role(cell)
    if kind == "exercise":
        return {"grade": False, "grade_id": grade_id(kind, ident), "locked": False,
                "schema_version": SCHEMA_VERSION, "solution": True, "task": False}
    if kind == "check":
        return {"grade": True, "grade_id": grade_id(kind, ident), "locked": True,
                "points": cell["metadata"]["fearec"]["points"],
                "schema_version": SCHEMA_VERSION, "solution": False, "task": False}
    return None


def updated(path, validate=True):
    """(old text, new text) of one notebook file; raises course.CourseError for a bad master."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    nb = json.loads(text)
    import nbformat  # validate_master reads attribute-style cells

    if validate:
        course.validate_master(os.path.basename(path), nbformat.reads(text, as_version=4))
    for cell in nb["cells"]:
        want = nbgrader_metadata(cell)
        if want is None:
            cell.get("metadata", {}).pop("nbgrader", None)
        else:
            cell.setdefault("metadata", {})["nbgrader"] = want
    # The layout Jupyter itself writes (nbformat: indent 1, sorted keys, a final newline).
    return text, json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description="Write nbgrader cell metadata from the kit's markers.")
    p.add_argument("notebooks", nargs="*", help="default: notebooks/[0-9][0-9]-*.ipynb")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    p.add_argument("--submissions", action="store_true",
                   help="the notebooks are students' copies (no solution markers): not validated")
    args = p.parse_args(argv)
    paths = args.notebooks or sorted(glob.glob(os.path.join(NB_DIR, "[0-9][0-9]-*.ipynb")))
    try:
        return course.rewrite_notebooks(paths, lambda path: updated(path, validate=not args.submissions),
                                        args.check)
    except course.CourseError as exc:
        print("nbgrader_metadata.py: %s" % exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

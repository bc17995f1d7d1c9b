#!/usr/bin/python3
"""Write the student edition of the course notebooks.

    /usr/bin/python3 notebooks/student_edition.py OUTPUT_DIR [MASTER.ipynb ...]

Without notebooks it converts every chapter notebooks/[0-9]*.ipynb. For each master notebook it
writes OUTPUT_DIR/<same name>.ipynb with
  * the code between "// BEGIN SOLUTION" and "// END SOLUTION" in exercise cells (markers
    included) replaced by a stub that compiles and throws NotAttempted, so the exercise's check
    reports "not attempted";
  * every other cell (prose, check cells, the chapter's own code) unchanged;
  * all outputs and execution counts cleared.
The conventions are in course.py. A master that breaks them (unbalanced markers, an exercise
without a check cell, a check cell without points) stops the command with a message naming the
notebook and cell, and nothing is written for any notebook. Exit status 0 on success, 1 on such an
error, 2 for bad arguments.
"""

import argparse
import glob
import os
import sys

import nbformat

import course

NB_DIR = os.path.dirname(os.path.abspath(__file__))


def student_edition(name, master):
    """A copy of the master notebook for students (see the module comment)."""
    course.validate_master(name, master)
    nb = nbformat.from_dict(master)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if course.role(cell)[0] == "exercise":
            cell.source = course.student_source(name, index, cell.source)
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def main(argv=None):
    p = argparse.ArgumentParser(description="Write the student edition of the course notebooks.")
    p.add_argument("output", help="directory for the student editions (created if missing)")
    p.add_argument("notebooks", nargs="*",
                   help="master notebooks (default: notebooks/[0-9]*.ipynb)")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    paths = args.notebooks or sorted(glob.glob(os.path.join(NB_DIR, "[0-9]*.ipynb")))
    if not paths:
        p.error("no master notebooks found")
    if any(os.path.abspath(os.path.dirname(path)) == os.path.abspath(args.output) for path in paths):
        p.error("the output directory holds the master notebooks; choose another one")
    editions = []
    try:
        for path in paths:
            name = os.path.basename(path)
            editions.append((name, student_edition(name, nbformat.read(path, as_version=4))))
    except (course.CourseError, OSError, ValueError) as exc:
        print("student_edition.py: %s" % exc, file=sys.stderr)
        return 1
    os.makedirs(args.output, exist_ok=True)
    for name, nb in editions:
        nbformat.write(nb, os.path.join(args.output, name))
        print("wrote %s" % os.path.join(args.output, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())

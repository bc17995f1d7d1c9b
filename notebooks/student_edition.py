#!/usr/bin/env python3
"""Write the student edition of the chapters: what learners open (notebooks/open.sh, Binder).

    notebooks/.venv/bin/python notebooks/student_edition.py [--out DIR] [MASTER.ipynb ...]

The chapters in notebooks/ are the master copies, with every solution between the lines
"// BEGIN SOLUTION" and "// END SOLUTION". For each master (default: notebooks/[0-9][0-9]-*.ipynb)
this writes DIR/<same name> (default DIR: notebooks/student/, git-ignored) with

  * each marked span, markers included, replaced by the stub of course.STUB, which compiles and
    makes the exercise's check report "not attempted" (the same cells as `nbgrader
    generate_assignment` writes with nbgrader_config.py; tests/test_nbgrader.py compares them);
  * every other cell unchanged, outputs and execution counts cleared;

and DIR/README.md, which says where the solutions are. install.sh runs it, so open.sh and Binder
always have it.

A learner's work is never overwritten: a chapter is written when it is missing, or when it is
still exactly what this script wrote last time (DIR/.student-edition.json records that) and the
master changed. A chapter the learner changed (or Jupyter saved) is kept, and a changed master is
reported with the way to get it: delete or rename the copy, then run this again.

Exit status 0, also when copies were kept; 1 for a master that breaks the conventions of
course.py (nothing is written then); 2 for bad arguments.
"""

import argparse
import copy
import glob
import hashlib
import json
import os
import sys

import course

NB_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(NB_DIR, "student")
STATE = ".student-edition.json"
README = """# Student edition

These are the course chapters with the exercises left for you: each exercise cell ends in

    // Your solution here: replace the next line.
    throw new NotAttempted();

and its check cell says "not attempted" until your answer replaces those lines. The checks try
your answer on several inputs and say what was expected where it differs.

This folder is made from the master chapters (one folder up, `notebooks/`) by
`notebooks/student_edition.py`, which `notebooks/open.sh` runs at each start. Your work stays
yours: a chapter you changed is never overwritten. To start a chapter afresh, delete it here and
run `notebooks/open.sh` again.

**Solutions.** The master chapters in `notebooks/` hold the solutions, between
`// BEGIN SOLUTION` and `// END SOLUTION` in each exercise cell: open them with
`notebooks/open.sh --solutions` (on Binder: the folder above this one). Try first.
"""


class Node(dict):
    """A dict whose keys read as attributes too, as nbformat's NotebookNode (course.py reads cells
    so). nbformat itself is not imported: its import alone takes 2 s, and open.sh runs this at
    every start."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value


def node(value):
    if isinstance(value, dict):
        return Node((k, node(v)) for k, v in value.items())
    if isinstance(value, list):
        return [node(v) for v in value]
    return value


def read_notebook(path):
    """A notebook file as Nodes, each cell's source one string (as nbformat.read gives it)."""
    with open(path, encoding="utf-8") as f:
        nb = node(json.load(f))
    if nb.get("nbformat") != 4:
        raise ValueError("%s: not an nbformat 4 notebook" % path)
    for cell in nb.cells:
        if isinstance(cell.get("source"), list):
            cell.source = "".join(cell.source)
    return nb


def text_of(nb):
    """The file text nbformat.writes gives (sources as lists of lines, indent 1, sorted keys), and
    a final newline, as Jupyter and nbgrader_metadata.py write it."""
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        cell["source"] = cell["source"].splitlines(True)
    return json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def student_edition(name, master):
    """The student edition of one master notebook (raises course.CourseError for a bad master)."""
    course.validate_master(name, master)
    nb = copy.deepcopy(master)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if course.role(cell)[0] == "exercise":
            cell.source = course.student_source(cell.source)
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_text(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def update(out, editions):
    """Writes what is missing or untouched and out of date; returns the lines to print."""
    os.makedirs(out, exist_ok=True)
    state_path = os.path.join(out, STATE)
    try:
        with open(state_path, encoding="utf-8") as f:
            written = json.load(f)
    except (OSError, ValueError):
        written = {}
    report = []
    for name, text in [("README.md", README)] + editions:
        path = os.path.join(out, name)
        want = sha256(text)
        if not os.path.exists(path):
            write_text(path, text)
            report.append("wrote   %s" % path)
        else:
            have = file_sha256(path)
            if have == want:
                pass
            elif have == written.get(name):
                write_text(path, text)
                report.append("updated %s (the master changed; you had not changed this copy)" % path)
            else:
                if written.get(name) != want:
                    report.append("kept    %s: you changed it, and its master has changed since; to get "
                                  "the new version, rename or delete your copy and run this again" % path)
                continue
        written[name] = want
    write_text(state_path, json.dumps(written, indent=1, sort_keys=True) + "\n")
    return report


def main(argv=None):
    p = argparse.ArgumentParser(description="Write the student edition of the chapters "
                                            "(solutions replaced by stubs).")
    p.add_argument("masters", nargs="*", help="default: notebooks/[0-9][0-9]-*.ipynb")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="default: %(default)s")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    paths = args.masters or sorted(glob.glob(os.path.join(NB_DIR, "[0-9][0-9]-*.ipynb")))
    if not paths:
        p.error("no master notebooks found")
    if any(os.path.abspath(os.path.dirname(path)) == os.path.abspath(args.out) for path in paths):
        p.error("--out is the folder of the masters; choose another one")
    editions = []
    try:
        for path in paths:
            name = os.path.basename(path)
            editions.append((name, text_of(student_edition(name, read_notebook(path)))))
    except (course.CourseError, OSError, ValueError) as exc:
        print("student_edition.py: %s" % exc, file=sys.stderr)
        return 1
    for line in update(args.out, editions):
        print("[student_edition.py] %s" % line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Assert what a grades.csv written by grade.py must hold (used by test-notebooks.sh).

    assert_grades.py full GRADES.csv NOTEBOOKS   every exercise of the NOTEBOOKS graded notebooks
                                                 passed with full marks, every notebook ran
                                                 without errors, and each has >= 3 exercises
    assert_grades.py zero GRADES.csv NOTEBOOKS   every exercise "not attempted" with 0 points, and
                                                 every notebook ran top to bottom without errors

Prints one line per problem and exits 1 if there is any, else prints a one-line summary.
"""

import csv
import sys
from collections import Counter


def problems(mode, rows, notebooks):
    per_notebook = Counter(r["notebook"] for r in rows)
    if len(per_notebook) != notebooks:
        yield "expected %d graded notebooks, found %d" % (notebooks, len(per_notebook))
    for name, count in per_notebook.items():
        if count < 3:
            yield "%s has %d exercise(s); every chapter needs at least 3" % (name, count)
    for r in rows:
        where = "%s %s exercise %s" % (r["student"], r["notebook"], r["exercise"])
        if r["notebook_status"] != "ok":
            yield "%s: notebook status %r, expected 'ok'" % (where, r["notebook_status"])
        if mode == "full" and (r["status"] != "passed" or r["points"] != r["max_points"]):
            yield "%s: %s, %s of %s points: %s" % (where, r["status"], r["points"],
                                                   r["max_points"], r["feedback"])
        if mode == "zero" and (r["status"] != "not attempted" or r["points"] != "0"):
            yield "%s: %s, %s points, expected 'not attempted' and 0" % (where, r["status"], r["points"])


def main(argv):
    if len(argv) != 3 or argv[0] not in ("full", "zero"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    found = list(problems(argv[0], rows, int(argv[2])))
    for line in found:
        print("  " + line)
    if not found:
        print("  %d exercises in %d notebooks: %s" % (
            len(rows), len({r["notebook"] for r in rows}),
            "all full marks" if argv[0] == "full" else "all not attempted, 0 points"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

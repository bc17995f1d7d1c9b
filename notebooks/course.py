"""What the course tools know about graded notebooks (grade.py, nbgrader_metadata.py, nbgrader_config.py, figures.py).

A master notebook (the chapters in notebooks/) marks its exercises in cell metadata:

  * an exercise cell has  "fearec": {"exercise": "3.1"}  and holds the solution between a line
    "// BEGIN SOLUTION" and a line "// END SOLUTION";
  * its check cell has    "fearec": {"check": "3.1", "points": 5}  where points is the number of
    inputs the check tries (one point each; the grader uses it for exercises that did not run).

The student version (student_edition.py, and `nbgrader generate_assignment` with
nbgrader_config.py) replaces each marked span, markers included, by STUB (indented like the BEGIN
line). The stub throws NotAttempted, which compiles in a method of any return type as long as the
span is the rest of the method body: nothing may follow END SOLUTION inside the method.

A check cell emits one line starting with RESULT_PREFIX (io.github.fearec.course.CheckResult):
in the course kernel as a display output of the MIME type RESULT_MIME (kernel-init.jsh), so the
student does not read it, elsewhere on stdout. result_lines reads both.
"""

import json

BEGIN = "// BEGIN SOLUTION"
END = "// END SOLUTION"
STUB = ["// Your solution here: replace the next line.", "throw new NotAttempted();"]
RESULT_PREFIX = "FEAREC-CHECK "
RESULT_MIME = "application/x-fearec-check"  # io.github.fearec.course.ResultChannel.MIME_TYPE


class CourseError(Exception):
    """A master notebook that breaks the conventions above; the message names file and cell."""


def rewrite_notebooks(paths, updated, check):
    """Brings each notebook to what updated(path) -> (old text, new text) makes of it, or with
    check only reports; prints each notebook that was (or would be) changed and returns the exit
    status of the scripts that generate part of a chapter: 1 if check found one out of date."""
    stale = []
    for path in paths:
        old, new = updated(path)
        if old != new:
            stale.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    for path in stale:
        print("%s %s" % ("out of date:" if check else "updated:", path))
    return 1 if check and stale else 0


def role(cell):
    """("exercise", id), ("check", id) or (None, None) from the cell's fearec metadata."""
    meta = cell.get("metadata", {}).get("fearec", {}) or {}
    for kind in ("exercise", "check"):
        if kind in meta:
            return kind, str(meta[kind])
    return None, None


def normalised(source):
    """Cell source without trailing whitespace on lines or at the end: what Jupyter may change on
    save without anybody editing the cell, and so what tamper detection ignores."""
    return "\n".join(line.rstrip() for line in source.splitlines()).rstrip()


def check_cells(nb):
    """[(exercise id, index, cell)] of the check cells, in notebook order."""
    found = []
    for index, cell in enumerate(nb.cells):
        kind, ident = role(cell)
        if kind == "check" and cell.cell_type == "code":
            found.append((ident, index, cell))
    return found


def check_points(name, nb):
    """{exercise id: points} from the check cells' metadata; raises CourseError when missing."""
    points = {}
    for ident, index, cell in check_cells(nb):
        value = cell.metadata["fearec"].get("points")
        if not isinstance(value, int) or value < 1:
            raise CourseError("%s: check cell %s (cell index %d) needs a positive integer "
                              "\"points\" in its fearec metadata, got %r" % (name, ident, index, value))
        points[ident] = value
    return points


def validate_master(name, nb):
    """Raise CourseError unless every exercise cell has solution markers and exactly one check
    cell after it, and every check belongs to an exercise."""
    exercises = {}
    for index, cell in enumerate(nb.cells):
        kind, ident = role(cell)
        if kind is None:
            if cell.cell_type == "code" and BEGIN in cell.source:
                raise CourseError("%s: cell index %d has solution markers but no "
                                  "\"fearec\": {\"exercise\": ...} metadata" % (name, index))
            continue
        if kind == "exercise":
            if ident in exercises:
                raise CourseError("%s: exercise %s appears twice (cell index %d)" % (name, ident, index))
            solution_spans(name, index, cell.source)  # raises on unbalanced markers
            if BEGIN not in cell.source:
                raise CourseError("%s: exercise cell %s (cell index %d) has no %r line"
                                  % (name, ident, index, BEGIN))
            exercises[ident] = "open"
        elif exercises.get(ident) != "open":
            raise CourseError("%s: check cell %s (cell index %d) does not follow an exercise cell %s"
                              % (name, ident, index, ident))
        else:
            exercises[ident] = "checked"
    unchecked = [i for i, state in exercises.items() if state != "checked"]
    if unchecked:
        raise CourseError("%s: exercise(s) without a check cell: %s" % (name, ", ".join(unchecked)))
    check_points(name, nb)


def solution_spans(name, index, source):
    """[(first line, last line)] of the marked spans in source (0-based, markers included)."""
    spans, start = [], None
    for number, line in enumerate(source.splitlines()):
        stripped = line.strip()
        if stripped == BEGIN:
            if start is not None:
                raise CourseError("%s: cell index %d line %d: %r inside another solution span"
                                  % (name, index, number + 1, BEGIN))
            start = number
        elif stripped == END:
            if start is None:
                raise CourseError("%s: cell index %d line %d: %r without %r before it"
                                  % (name, index, number + 1, END, BEGIN))
            spans.append((start, number))
            start = None
    if start is not None:
        raise CourseError("%s: cell index %d line %d: %r is never closed by %r"
                          % (name, index, start + 1, BEGIN, END))
    return spans


def student_source(source):
    """An exercise cell's source with every marked span, markers included, replaced by STUB
    indented like its BEGIN line: what nbgrader's ClearSolutions does with nbgrader_config.py
    (tests/test_nbgrader.py checks that both give the same cells)."""
    lines, in_span = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            indent = line[:len(line) - len(line.lstrip())]
            lines.extend(indent + stub for stub in STUB)
            in_span = True
        elif stripped == END:
            in_span = False
        elif not in_span:
            lines.append(line)
    return "\n".join(lines)


def result_lines(cell):
    """The parsed result lines among the cell's stdout stream outputs and its display outputs of
    the MIME type RESULT_MIME, in that order."""
    outputs = cell.get("outputs", [])
    text = "".join(o.get("text", "") for o in outputs
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    lines = text.splitlines()
    for o in outputs:
        if o.get("output_type") in ("display_data", "execute_result") and RESULT_MIME in o.get("data", {}):
            value = o["data"][RESULT_MIME]
            lines.extend(("".join(value) if isinstance(value, list) else str(value)).splitlines())
    results = []
    for line in lines:
        if line.startswith(RESULT_PREFIX):
            try:
                results.append(json.loads(line[len(RESULT_PREFIX):]))
            except ValueError:
                results.append(None)
    return results

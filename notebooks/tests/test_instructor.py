"""The instructors' commands of README.md ("For instructors"), run exactly as written.

The fenced block after the marker `<!-- instructor-commands` is read from README.md and each
command line runs in bash from the repository root, unchanged, with HOME set to a temporary
folder (so `~/fearec-course` lands there) and without the test's own PATH and JUPYTER_PATH (a user
has neither). The comment line in between, where students hand in, is done by the test: "alice"
hands in the master chapter (every answer right), "bob" the student version `generate` released,
untouched. Then nbgrader's gradebook and the kit's grader must agree: alice full marks, bob 0,
and the kit's grader grades only the chapter handed in.
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import time

import nbformat

import conftest
import course

ROOT = os.path.dirname(conftest.NB_DIR)


def readme_commands():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"<!-- instructor-commands[^>]*-->\s*```bash\n(.*?)```", text, re.S)
    assert block, "README.md has no instructor-commands block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readmes_instructor_commands_run_as_written(tmp_path):
    home = str(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env["HOME"] = home
    env["PATH"] = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                  if p != os.path.dirname(sys.executable))
    lines = readme_commands()
    assert [l.split()[1] for l in lines if not l.startswith("#")] == \
        ["init", "generate", "autograde", "feedback", "grade"], lines
    assignment = re.search(r"generate \S+ (\S+)", "\n".join(lines)).group(1)
    number = assignment[-2:]
    (master,) = [p for p in conftest.chapters() if os.path.basename(p).startswith(number + "-")]
    name = os.path.basename(master)
    course_dir = None
    for line in lines:
        if line.startswith("#"):
            # The students hand in: alice the master (all answers right), bob the released version.
            submitted = os.path.join(course_dir, "submitted")
            for student, source in (("alice", master),
                                    ("bob", os.path.join(course_dir, "release", assignment, name))):
                os.makedirs(os.path.join(submitted, student, assignment))
                shutil.copy(source, os.path.join(submitted, student, assignment, name))
            continue
        t0 = time.monotonic()
        done = subprocess.run(["bash", "-c", line], cwd=ROOT, env=env, capture_output=True, text=True)
        conftest.MEASURED.append(("README instructor", conftest.DEFAULT_KERNEL, line.split("#")[0].strip()[:44],
                                  time.monotonic() - t0, None))
        assert done.returncode == 0, "%s\n%s%s" % (line, done.stdout[-3000:], done.stderr[-3000:])
        if course_dir is None:
            course_dir = os.path.join(home, re.search(r"init ~/(\S+)", line).group(1))
            chapters = sorted(os.path.basename(p) for p in conftest.chapters())
            assert sorted(os.listdir(os.path.join(course_dir, "source"))) == \
                ["chapter" + c[:2] for c in chapters]
            assert os.path.isfile(os.path.join(course_dir, "source", assignment, name))
    released = nbformat.read(os.path.join(course_dir, "release", assignment, name), as_version=4)
    assert not [c for c in released.cells if course.BEGIN in c.source], "the release holds a solution"

    master_points = course.check_points(name, nbformat.read(master, as_version=4))
    full = {"check-" + i.replace(".", "_"): float(p) for i, p in master_points.items()}
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + os.path.join(course_dir, "gradebook.db")) as gb:
        for student, expected in (("alice", full), ("bob", {k: 0.0 for k in full})):
            nb = gb.find_submission_notebook(name[:-len(".ipynb")], assignment, student)
            got = {g.name: g.score for g in nb.grades if g.name.startswith("check-")}
            assert got == expected, (student, got)
    for student in ("alice", "bob"):
        assert os.path.isfile(os.path.join(course_dir, "feedback", student, assignment, name[:-6] + ".html"))

    with open(os.path.join(course_dir, "grades", assignment, "grades.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["notebook"] for r in rows} == {name}, "the kit's grader graded other chapters too"
    kit = {(r["student"], "check-" + r["exercise"].replace(".", "_")): (float(r["points"]), r["status"])
           for r in rows}
    assert kit == {**{("alice", k): (v, "passed") for k, v in full.items()},
                   **{("bob", k): (0.0, "not attempted") for k in full}}, kit

"""Outputs never reach git (.gitattributes and notebooks/git-filter.sh, which install.sh runs).

  * The CI check: every notebook git tracks under the filter is committed stripped, i.e. the
    filter leaves it as it is (else a clone that installs the filter would show it modified).
  * In a git repository set up by git-filter.sh, a chapter saved the way JupyterLab saves it
    after a run (outputs, images, execution counts, the kernel's language_info, cell timings)
    leaves `git status` and `git diff` empty; a real edit shows as that edit alone, and what
    `git add` stores has no outputs. The test fixtures are left byte for byte.
  * Jupyter's own save (its FileContentsManager with the kit's pre-save hook,
    notebooks/jupyter/jupyter_server_config.py) writes a tracked chapter the way git commits it,
    so that `git status` stays clean even though git reports a file whose size changed as
    modified until it is added again: the file on disk is the committed one. An untracked
    notebook keeps its outputs.
  * install.sh has installed the filter in this checkout when it is a clone of its own, and left
    a linked worktree's shared config alone.
"""

import os
import shutil
import subprocess
import sys

import nbformat

import conftest

ROOT = os.path.dirname(conftest.NB_DIR)
FILTER = os.path.join(conftest.NB_DIR, "git-filter.sh")
LANGUAGE_INFO = {"name": "java", "version": "17.0.15+6-Debian-1deb12u1", "mimetype": "text/x-java-source",
                 "file_extension": ".jshell", "pygments_lexer": "java", "codemirror_mode": "java",
                 "nbconvert_exporter": "script"}  # what the fearec-java kernel reports
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def git(repo, *args, **kwargs):
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, "git %s: %s%s" % (" ".join(args), done.stdout, done.stderr)
    return done.stdout


def test_committed_notebooks_are_stripped():
    tracked = git(ROOT, "ls-files", "*.ipynb").split()
    attributes = git(ROOT, "check-attr", "filter", "--", *tracked).splitlines()
    filtered = [line.split(": ")[0] for line in attributes if line.endswith(": filter: nbstripout")]
    assert set(os.path.relpath(p, ROOT) for p in conftest.chapters()) <= set(filtered), attributes
    for rel in filtered:
        with open(os.path.join(ROOT, rel), "rb") as f:
            committed = f.read()
        stripped = subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", "-t"], input=committed,
                                  capture_output=True, check=True).stdout
        assert stripped == committed, "%s holds outputs or metadata the filter strips: commit it stripped " \
                                      "(notebooks/install.sh installs the filter)" % rel


def saved_after_a_run(nb):
    """nb as JupyterLab saves it after Run All: outputs, counts, language_info, timings."""
    nb = nbformat.from_dict(nb)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.metadata["execution"] = {"iopub.execute_input": "2026-12-07T02:00:00.000Z",
                                      "shell.execute_reply": "2026-12-07T02:00:01.000Z"}
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="output %d\n" % count),
                        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<image>"}),
                        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=count)]
    return nb


def filtered_clone(tmp_path):
    """A git repository with .gitattributes, git-filter.sh run in it, the smallest chapter and a
    fixture committed; returns (repository, chapter's path in it, fixture's path in it)."""
    repo = str(tmp_path / "clone")
    chapter = os.path.relpath(conftest.smallest_chapter(), ROOT)
    fixture = os.path.join("notebooks", "tests", "fixtures", "course", "submissions", "broken", "mini.ipynb")
    for rel in (".gitattributes", ".gitignore", "notebooks/git-filter.sh", chapter, fixture):
        os.makedirs(os.path.dirname(os.path.join(repo, rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(repo, rel))
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "test")
    done = subprocess.run([os.path.join(repo, "notebooks", "git-filter.sh"), sys.executable],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "stripped of their outputs" in done.stdout, done.stdout + done.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "as committed")
    assert git(repo, "status", "--porcelain") == ""
    return repo, chapter, fixture


def test_the_filter_keeps_outputs_out_of_commits(tmp_path):
    repo, chapter, fixture = filtered_clone(tmp_path)
    path = os.path.join(repo, chapter)
    master = nbformat.read(path, as_version=4)
    nbformat.write(saved_after_a_run(master), path)
    assert git(repo, "diff") == "", "outputs show in git diff"
    # git status names the file (its size changed) until it is added; adding stages nothing.
    git(repo, "add", chapter)
    assert git(repo, "status", "--porcelain") == ""

    edited = saved_after_a_run(master)
    first_markdown = next(c for c in edited.cells if c.cell_type == "markdown")
    first_markdown.source += "\n\nA sentence added."
    nbformat.write(edited, path)
    assert git(repo, "status", "--porcelain").split() == ["M", chapter]
    diff = git(repo, "diff")
    assert "+    \"A sentence added.\"" in diff, diff
    for leak in ("output 1", "image/png", "17.0.15", "\"execution_count\": 1", "iopub"):
        assert leak not in diff, diff
    git(repo, "add", chapter)
    staged = nbformat.reads(git(repo, "show", ":" + chapter), as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in staged.cells if c.cell_type == "code")
    assert staged.metadata["language_info"] == {"name": "java"}

    with open(os.path.join(repo, fixture), "a", encoding="utf-8") as f:
        f.write("more\n")
    assert " M " + fixture in git(repo, "status", "--porcelain"), "a fixture goes through the filter"


def test_install_set_up_this_checkout(tmp_path):
    configured = subprocess.run(["git", "config", "--get", "filter.nbstripout.clean"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
    own_clone = git(ROOT, "rev-parse", "--absolute-git-dir").strip() == \
        git(ROOT, "rev-parse", "--path-format=absolute", "--git-common-dir").strip()
    if own_clone:
        assert configured and "nbstripout" in configured, "install.sh did not install the filter"
    # A linked worktree's config is the clone's, shared with the other worktrees: left alone.
    repo = str(tmp_path / "repo")
    os.makedirs(os.path.join(repo, "notebooks"))
    shutil.copy2(FILTER, os.path.join(repo, "notebooks"))
    git(repo, "init", "-q")
    git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "x")
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "filter script")
    git(repo, "worktree", "add", "-q", str(tmp_path / "linked"))
    done = subprocess.run([str(tmp_path / "linked" / "notebooks" / "git-filter.sh"), sys.executable],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "linked worktree" in done.stdout, done.stdout + done.stderr
    assert subprocess.run(["git", "config", "--get", "filter.nbstripout.clean"], cwd=repo,
                          capture_output=True, text=True).stdout == ""


def test_jupyters_save_of_a_run_chapter_leaves_git_status_clean(tmp_path):
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config import Config

    repo, chapter, _ = filtered_clone(tmp_path)
    config = Config()
    with open(os.path.join(conftest.NB_DIR, "jupyter", "jupyter_server_config.py"), encoding="utf-8") as f:
        exec(compile(f.read(), f.name, "exec"), {"c": config, "get_config": lambda: config})
    manager = FileContentsManager(root_dir=repo, config=config)
    path = os.path.join(repo, chapter)
    with open(path, "rb") as f:
        committed = f.read()
    run = saved_after_a_run(nbformat.read(path, as_version=4))
    manager.save({"type": "notebook", "format": "json", "content": run}, chapter)
    with open(path, "rb") as f:
        assert f.read() == committed, "Jupyter saved the outputs of a tracked chapter"
    assert git(repo, "status", "--porcelain") == ""
    # A notebook git does not track keeps what it shows.
    manager.save({"type": "notebook", "format": "json", "content": run}, "notebooks/mine.ipynb")
    saved = nbformat.read(os.path.join(repo, "notebooks", "mine.ipynb"), as_version=4)
    assert any(c.get("outputs") for c in saved.cells if c.cell_type == "code")

"""binder/ as mybinder.org reads it: `repo2docker --no-build` works without a Docker engine and
prints the Dockerfile it would build, which is checked here (nothing is built or fetched)."""

import os
import subprocess
import sys

import conftest

ROOT = os.path.dirname(conftest.NB_DIR)
BINDER = os.path.join(ROOT, "binder")


def test_binder_installs_the_one_pinned_file_and_runs_the_install_script():
    with open(os.path.join(BINDER, "requirements.txt"), encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    assert lines == ["-r ../notebooks/requirements.txt"]
    with open(os.path.join(BINDER, "postBuild"), encoding="utf-8") as f:
        commands = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    assert "FEAREC_SKIP_APT=1 notebooks/install.sh --no-venv" in commands
    assert "data/download.sh" in commands


def test_repo2docker_reads_binder_as_intended():
    exe = os.path.join(os.path.dirname(sys.executable), "repo2docker")
    done = subprocess.run([exe, "--no-build", "--debug", "--no-run", "--user-id", "1000",
                           "--user-name", "jovyan", ROOT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    dockerfile = done.stdout + done.stderr
    with open(os.path.join(BINDER, "apt.txt"), encoding="utf-8") as f:
        apt = sorted(l.strip() for l in f if l.strip() and not l.startswith("#"))
    assert "apt-get install --yes --no-install-recommends %s" % " ".join(apt) in dockerfile
    with open(os.path.join(BINDER, "runtime.txt"), encoding="utf-8") as f:
        python = f.read().strip().split("-")[1]
    assert "python=%s" % python in dockerfile
    # pip runs after the whole repository is copied (the -r points outside binder/), then postBuild.
    copy = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    pip = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    post = dockerfile.index("RUN ./binder/postBuild")
    assert copy < pip < post

"""Shared set-up of the notebook tests (pytest, run by ./run-tests from notebooks/.venv).

A JupyterLab 4 server on 127.0.0.1 (started here, serving copies of the chapters under
notebooks/.out/lab/), Debian's Chromium driven by Playwright (never a browser of Playwright's
own), the chapters found by glob, and a timing/memory table printed at the end.
"""

import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
NB_DIR = os.path.dirname(TESTS)
sys.path.insert(0, NB_DIR)
OUT = os.path.join(NB_DIR, ".out")
KERNELS = os.path.join(NB_DIR, ".kernel", "share", "jupyter")
# This checkout's kernelspecs first (install.sh), whatever else is installed on the machine.
os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (KERNELS, os.environ.get("JUPYTER_PATH")) if p)
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
# The environment's own scripts first (nbgrader runs `alembic` from PATH).
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT_KERNEL = "fearec-java"
SECOND_KERNEL = "fearec-jjava"
MEMORY_LIMIT = 1.5 * 1024 ** 3

# What the tests measured, written to .out/measured-<worker>.json and printed by
# pytest_terminal_summary: (what, kernel, notebook, seconds, peak resident bytes or None).
MEASURED = []


def chapters():
    return sorted(glob.glob(os.path.join(NB_DIR, "[0-9][0-9]-*.ipynb")))


def smallest_chapter():
    """The chapter with the least code (for the one-chapter tests): chosen, not hard-coded."""
    def code_size(path):
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
        return sum(len("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code")
    return min(chapters(), key=code_size)


def chapter_ids(paths):
    return [os.path.splitext(os.path.basename(p))[0] for p in paths]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss(pid):
    """VmHWM of a process in bytes (its peak resident set)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc/%d/status" % pid)


def kernel_pid(kernel_id):
    """The pid of the kernel process whose connection file is kernel-<id>.json."""
    needle = ("kernel-%s.json" % kernel_id).encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/cmdline" % entry, "rb") as f:
                    if needle in f.read():
                        return int(entry)
            except OSError:
                continue
    raise AssertionError("no process runs kernel %s" % kernel_id)


class Server:
    """A Jupyter server (JupyterLab 4 and Notebook 7 UIs) on 127.0.0.1 serving `root`."""

    def __init__(self, root, log_path):
        self.root = root
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        settings = tempfile.mkdtemp(prefix="fearec-lab-settings-")
        # Every cell stays in the page (JupyterLab 4 otherwise renders only the visible ones)
        # and nothing is saved behind the test's back.
        for plugin, values in {
            "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
            "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
            "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                            "checkForUpdates": False},
        }.items():
            package, name = plugin.rsplit("/", 1)
            os.makedirs(os.path.join(settings, package), exist_ok=True)
            with open(os.path.join(settings, package, name + ".jupyterlab-settings"), "w") as f:
                json.dump(values, f)
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=settings,
                   JUPYTERLAB_WORKSPACES_DIR=tempfile.mkdtemp(prefix="fearec-lab-workspaces-"))
        jupyter = os.path.join(os.path.dirname(sys.executable), "jupyter")
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [jupyter, "lab", "--no-browser", "--ip=127.0.0.1", "--port=%d" % self.port,
             "--ServerApp.token=" + self.token, "--ServerApp.root_dir=" + root,
             "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
             "--LabApp.news_url=", "--allow-root"],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("/api/status")
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("the Jupyter server did not start; see %s" % log_path)
                time.sleep(0.5)

    def api(self, path, method="GET"):
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": "token " + self.token})
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
            return json.loads(body) if body else None

    def page_url(self, ui, path):
        # reset: no layout restored from an earlier page (JupyterLab would reopen its notebooks)
        return "%s/%s/%s?reset&token=%s" % (self.url, "lab/tree" if ui == "lab" else "notebooks", path, self.token)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def server():
    root = os.path.join(OUT, "lab")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    s = Server(root, os.path.join(OUT, "lab-server.log"))
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser_context():
    from playwright.sync_api import sync_playwright

    assert os.access(CHROMIUM, os.X_OK), "no %s (install.sh --browser installs Debian's chromium)" % CHROMIUM
    profile = tempfile.mkdtemp(prefix="fearec-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 1600})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context, server):
    page = browser_context.new_page()
    yield page
    page.close()
    # Every kernel a test started ends with it (memory, and the next test's page).
    for session in server.api("/api/sessions"):
        server.api("/api/sessions/" + session["id"], method="DELETE")


def measured_files():
    return sorted(glob.glob(os.path.join(OUT, "measured-*.json")))


def pytest_configure(config):
    # ./run-tests runs the test files in two pytest-xdist workers: each writes its measurements
    # to a file of its own, and the controlling process prints them all.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        for path in measured_files():
            os.remove(path)


def pytest_sessionfinish(session):
    if MEASURED:
        os.makedirs(OUT, exist_ok=True)
        name = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(os.path.join(OUT, "measured-%s.json" % name), "w") as f:
            json.dump(MEASURED, f, indent=1)


def pytest_terminal_summary(terminalreporter):
    rows = []
    for path in measured_files():
        with open(path) as f:
            rows += json.load(f)
    if not rows:
        return
    terminalreporter.section("notebook runs: wall time and kernel peak memory (VmHWM)")
    for what, kernel, name, seconds, rss in rows:
        terminalreporter.write_line("%-22s %-13s %-44s %6.1f s  %s" % (
            what, kernel, name, seconds, "%.0f MB" % (rss / 1e6) if rss else "-"))

"""What a learner meets first: `notebooks/open.sh` as the README gives it, in Debian's Chromium.

open.sh runs install.sh (which finds nothing to do: ./run-tests has installed everything) and
starts JupyterLab from the kit's environment with the settings install.sh wrote into it. The test
reads what open.sh prints, opens the one URL it prints, and checks in the page:

  * the server serves the student edition (notebooks/student/), and a chapter of it runs from
    top to bottom with every check "not attempted" (its stubs compile);
  * the launcher offers the kit's two kernels only (not Python 3, not JJava's own "java");
  * nbgrader's menu, panels and server extensions are absent;
  * no news pop-up covers the page (the shipped settings turn the news off);
  * `open.sh --solutions` serves the master chapters.

The only settings the test adds are user settings in a temporary folder that turn autosave off,
so that the learner's own copies in notebooks/student/ are left as they were.
"""

import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import pytest

import conftest
import course
import run_notebooks
import test_browser

OPEN_SH = os.path.join(conftest.NB_DIR, "open.sh")
START_LIMIT_S = 60  # install.sh with nothing to do and JupyterLab's start; a loaded machine included
KIT_KERNELS = {"fearec-java": "Java (FEARec kit)", "fearec-jjava": "Java (FEARec kit, JJava)"}


class OpenSh:
    """notebooks/open.sh running on a free port; .url is the one URL it printed."""

    def __init__(self, *args):
        settings = tempfile.mkdtemp(prefix="fearec-open-settings-")
        os.makedirs(os.path.join(settings, "@jupyterlab", "docmanager-extension"))
        with open(os.path.join(settings, "@jupyterlab", "docmanager-extension", "plugin.jupyterlab-settings"), "w") as f:
            json.dump({"autosave": False}, f)
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=settings,
                   JUPYTERLAB_WORKSPACES_DIR=tempfile.mkdtemp(prefix="fearec-open-workspaces-"))
        env.pop("JUPYTER_TOKEN", None)
        # The tests' own environment variables must not reach the server: it reads the kernels'
        # path from open.sh alone.
        env.pop("JUPYTER_PATH", None)
        t0 = time.monotonic()
        # open.sh's own extra-arguments hook: the test reads the page's model through window.jupyterapp.
        self.proc = subprocess.Popen([OPEN_SH, "--port", str(conftest.free_port()), *args, "--",
                                      "--LabApp.expose_app_in_browser=True"],
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # Everything it prints is read as it comes (the kernels it starts write to the same pipe,
        # which must never fill up).
        self.lines = []
        self.url = None
        found = threading.Event()

        def read():
            for line in self.proc.stdout:
                self.lines.append(line)
                urls = re.findall(r"https?://\S+", line)
                if urls and self.url is None:
                    self.url = urls[0]
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        found.wait(START_LIMIT_S + 60)
        if self.url is None:
            raise AssertionError("open.sh printed no URL:\n" + "".join(self.lines))
        self.seconds = time.monotonic() - t0
        time.sleep(3)  # what it prints right after the URL (its last line, any warning)
        self.start_lines = list(self.lines)

    def api(self, path):
        base, token = self.url.split("/lab?token=")
        req = urllib.request.Request(base + path, headers={"Authorization": "token " + token})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"null")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)  # Jupyter stops its kernels and exits
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def open_sh():
    server = OpenSh()
    yield server
    server.stop()


def test_open_sh_starts_fast_and_prints_one_url(open_sh):
    printed = "".join(open_sh.start_lines)
    conftest.MEASURED.append(("open.sh to its URL", "-", "install.sh with nothing to do", open_sh.seconds, None))
    assert "building the library" not in printed and "creating" not in printed, printed
    assert open_sh.seconds < START_LIMIT_S, "open.sh took %.0f s to print its URL:\n%s" % (open_sh.seconds, printed)
    # Nothing but the kit's own lines and the URL: no log of Jupyter's start-up, no warning.
    others = [l for l in open_sh.start_lines if not re.match(r"\[(install\.sh|git-filter\.sh|student_edition\.py|open\.sh)\] |    http", l)]
    assert not others, printed
    urls = re.findall(r"https?://\S+", printed)
    assert len(urls) == 1 and re.fullmatch(r"http://127\.0\.0\.1:\d+/lab\?token=[0-9a-f]{48}", urls[0]), printed
    assert open_sh.api("/api/status") is not None  # the printed token is the server's


def test_the_server_offers_the_student_edition_and_the_kits_kernels_only(open_sh):
    names = {item["name"] for item in open_sh.api("/api/contents")["content"]}
    chapters = {os.path.basename(p) for p in conftest.chapters()}
    assert chapters | {"README.md"} == names, names
    specs = open_sh.api("/api/kernelspecs")
    assert {name: spec["spec"]["display_name"] for name, spec in specs["kernelspecs"].items()} == KIT_KERNELS
    assert specs["default"] == conftest.DEFAULT_KERNEL
    # nbgrader's server extensions are not loaded: its formgrader and assignment list are unknown.
    for path in ("/formgrader", "/assignments"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            open_sh.api(path)
        assert missing.value.code == 404, path


def test_a_student_chapter_in_the_page_the_url_opens(browser_context, open_sh):
    page = browser_context.new_page()
    try:
        page.goto(open_sh.url)
        page.wait_for_function("() => window.jupyterapp && jupyterapp.shell.currentWidget", timeout=120_000)
        page.wait_for_selector(".jp-LauncherCard", timeout=60_000)
        # The launcher: the kit's two kernels, under their names, and nothing else to run code in.
        cards = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-LauncherCard'))
                                     .filter(c => ['Notebook', 'Console'].includes(c.dataset.category))
                                     .map(c => [c.dataset.category, c.title || c.innerText.trim()])""")
        assert sorted(map(tuple, cards)) == sorted([(category, name) for category in ("Notebook", "Console")
                                        for name in KIT_KERNELS.values()]), cards
        # nbgrader's menu and commands are gone.
        menus = page.evaluate("""() => Array.from(document.querySelectorAll('.lm-MenuBar-itemLabel'))
                                     .map(e => e.innerText.trim())""")
        assert "File" in menus and not [m for m in menus if "grader" in m.lower()], menus
        assert not page.evaluate("() => jupyterapp.commands.listCommands().filter(c => /nbgrader/i.test(c))")
        # No news pop-up (JupyterLab asks about news a moment after the page loads).
        page.wait_for_timeout(5000)
        toasts = page.evaluate("() => Array.from(document.querySelectorAll('.Toastify__toast')).map(t => t.innerText)")
        assert not toasts, toasts
        notification = open_sh.api("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        assert notification["schema"]["properties"]["fetchNews"]["default"] == "false", notification["schema"]["properties"]["fetchNews"]

        # A chapter of the student edition, run from the UI: it runs to the end and every check
        # says "not attempted".
        name = os.path.basename(conftest.smallest_chapter())
        t0 = time.monotonic()
        page.goto(open_sh.url.replace("/lab?", "/lab/tree/%s?reset&" % name))
        page.wait_for_function(
            """() => { const w = window.jupyterapp && jupyterapp.shell.currentWidget;
                       const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
                       return k && k.status === 'idle' && w.context.isReady; }""", timeout=120_000)
        assert page.evaluate("() => jupyterapp.shell.currentWidget.sessionContext.session.kernel.name") \
            == conftest.DEFAULT_KERNEL
        assert test_browser.run_all(page) is True
        conftest.MEASURED.append(("open.sh, student", conftest.DEFAULT_KERNEL, name, time.monotonic() - t0, None))
        page.screenshot(path=os.path.join(test_browser.SCREENSHOTS, "open-sh-student-%s.png" % name[:-6]))
        nb = test_browser.frontend_notebook(page)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                run_notebooks.check_cell(name, index, cell)
                assert not [o for o in cell.outputs if o.get("name") == "stderr"], (index, cell.outputs)
        checks = course.check_cells(nb)
        assert len(checks) >= 3
        for ident, index, cell in checks:
            assert course.STUB[-1] in nb.cells[index - 1].source, "exercise %s is not a stub" % ident
            (result,) = course.result_lines(cell)
            assert (result["status"], result["points"]) == ("not attempted", 0), (ident, result)
    finally:
        page.close()
        for session in open_sh.api("/api/sessions"):
            base, token = open_sh.url.split("/lab?token=")
            urllib.request.urlopen(urllib.request.Request(
                base + "/api/sessions/" + session["id"], method="DELETE",
                headers={"Authorization": "token " + token}), timeout=30)


def test_open_sh_solutions_serves_the_masters():
    server = OpenSh("--solutions")
    try:
        names = {item["name"] for item in server.api("/api/contents")["content"]}
        assert {os.path.basename(p) for p in conftest.chapters()} <= names and "student" in names, names
        assert "solutions included" in "".join(server.start_lines)
    finally:
        server.stop()

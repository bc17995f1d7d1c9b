"""The chapters in a real browser: Debian's Chromium (Playwright) against JupyterLab 4 and
Notebook 7 served by conftest.Server on 127.0.0.1.

Each run opens a copy of the chapter whose kernelspec names the kernel under test (so the UI
starts that kernel), runs all cells through the UI's own "Run All Cells" command, waits until
the kernel is idle and then checks what the page shows: no error and no stderr output, at least
one image with a natural size > 0, equations rendered by MathJax, every exercise's check at full
marks, and the chapter's expected strings (run_notebooks.check_outputs on the frontend's own
notebook model). The kernel's peak resident memory (VmHWM) must stay under 1.5 GB. A screenshot
of every run goes to notebooks/.out/screenshots/.
"""

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time

import nbformat
import pytest

import conftest
import course
import run_notebooks

SCREENSHOTS = os.path.join(conftest.OUT, "screenshots")
EXECUTED = os.path.join(conftest.OUT, "executed")
BOOK = os.path.join(conftest.OUT, "book")
RUN_TIMEOUT_S = 600
RESTARTS = 5
RESTART_LIMIT_S = 30
PROBE = 'System.out.println("restart probe " + (6 * 7));'


def copy_for(server, chapter, kernel, ui, cells_before=()):
    """Copy chapter into the server's root with kernelspec `kernel`; returns its relative path."""
    nb = nbformat.read(chapter, as_version=4)
    with open(os.path.join(conftest.KERNELS, "kernels", kernel, "kernel.json"), encoding="utf-8") as f:
        spec = json.load(f)
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": spec["display_name"], "language": "java"}
    nb.cells[0:0] = list(cells_before)
    rel = os.path.join("%s-%s" % (ui, kernel), os.path.basename(chapter))
    os.makedirs(os.path.join(server.root, os.path.dirname(rel)), exist_ok=True)
    nbformat.write(nb, os.path.join(server.root, rel))
    return rel


def open_notebook(page, server, ui, rel):
    """Open rel in the UI and wait for its kernel to be idle; returns the kernel id."""
    page.goto(server.page_url(ui, rel))
    page.wait_for_function(
        """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   const k = w && w.sessionContext && w.sessionContext.session
                             && w.sessionContext.session.kernel;
                   return k && k.status === 'idle' && w.context.isReady; }""",
        timeout=120_000)
    kernel_id = page.evaluate("() => jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")
    assert page.evaluate("() => jupyterapp.shell.currentWidget.context.path") == rel
    return kernel_id


def run_all(page):
    """The UI's "Run All Cells"; waits until every cell ran and the kernel is idle."""
    page.evaluate("""() => { window.__fearecRun = undefined;
        jupyterapp.commands.execute('notebook:run-all-cells').then(
            ok => { window.__fearecRun = ok; }, err => { window.__fearecRun = String(err); }); }""")
    page.wait_for_function("() => window.__fearecRun !== undefined", timeout=RUN_TIMEOUT_S * 1000)
    page.wait_for_function(
        "() => jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=60_000)
    return page.evaluate("() => window.__fearecRun")


def frontend_notebook(page):
    """The notebook as the frontend holds it (outputs included), as an nbformat node."""
    data = page.evaluate("() => jupyterapp.shell.currentWidget.context.model.toJSON()")
    return nbformat.from_dict(data)


def diagrams(chapter_nb):
    """How many diagrams (figure cells drawn by figures.py) the chapter shows."""
    return sum(1 for c in chapter_nb.cells if "figure" in (c.metadata.get("fearec") or {}))


def check_page(page, name, expected_diagrams=0):
    """What the page shows: returns (images, equations); raises on error or stderr outputs."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output img, .jp-RenderedMarkdown img'))
                      .every(i => i.complete)""", timeout=30_000)
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-RenderedMarkdown img'))
                                        .map(i => [i.naturalWidth, i.naturalHeight])""")
    assert len(figures) >= expected_diagrams, "%s: %d diagram(s) rendered, %d expected" % (name, len(figures), expected_diagrams)
    assert all(w > 0 and h > 0 for w, h in figures), "%s: a diagram did not render: %s" % (name, figures)
    images = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
                                       .map(i => [i.naturalWidth, i.naturalHeight])""")
    assert images, "%s: no image in the page" % name
    assert all(w > 0 and h > 0 for w, h in images), "%s: an image did not load: %s" % (name, images)
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-MarkdownOutput mjx-container').length > 0",
        timeout=30_000)
    equations = page.evaluate("() => document.querySelectorAll('.jp-MarkdownOutput mjx-container').length")
    assert page.evaluate("() => document.querySelectorAll('mjx-merror').length") == 0, \
        "%s: MathJax reports an error in an equation" % name
    bad = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.innerText.slice(0, 500))""")
    assert not bad, "%s: error or stderr output in the page:\n%s" % (name, "\n---\n".join(bad))
    return len(images), equations


def check_model(nb, name):
    """No error or stderr output, the expected strings and an image, every check at full marks."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        run_notebooks.check_cell(name, index, cell)
        assert cell.get("execution_count"), "%s: cell index %d did not run" % (name, index)
        stderr = [o.get("text", "") for o in cell.get("outputs", [])
                  if o.get("output_type") == "stream" and o.get("name") == "stderr"]
        assert not stderr, "%s: cell index %d wrote to stderr: %s" % (name, index, "".join(stderr)[:500])
    run_notebooks.check_outputs(name, nb)
    checks = course.check_cells(nb)
    assert len(checks) >= 2, "%s: fewer than two exercises" % name
    for ident, index, cell in checks:
        results = course.result_lines(cell)
        assert len(results) == 1, "%s: check %s printed %d result lines" % (name, ident, len(results))
        assert results[0]["points"] == results[0]["max_points"] == cell.metadata["fearec"]["points"], \
            "%s: the master's exercise %s scored %s" % (name, ident, results[0])


def run_chapter(page, server, chapter, kernel, ui):
    name = os.path.basename(chapter)
    rel = copy_for(server, chapter, kernel, ui)
    t0 = time.monotonic()
    kernel_id = open_notebook(page, server, ui, rel)
    pid = conftest.kernel_pid(kernel_id)
    ok = run_all(page)
    seconds = time.monotonic() - t0
    rss = conftest.peak_rss(pid)
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, "%s-%s-%s.png" % (ui, kernel, name[:-6])))
    conftest.MEASURED.append(("browser " + ui, kernel, name, seconds, rss))
    assert ok is True, "%s: Run All Cells ended with %r" % (name, ok)
    executed = frontend_notebook(page)
    check_model(executed, name)
    check_page(page, name, diagrams(nbformat.read(chapter, as_version=4)))
    assert rss < conftest.MEMORY_LIMIT, "%s: kernel peak memory %.0f MB >= 1.5 GB" % (name, rss / 1e6)
    # the executed chapter, for the book (test_book_in_the_browser renders these instead of running again)
    copies = os.path.join(EXECUTED, "%s-%s" % (ui, kernel))
    os.makedirs(copies, exist_ok=True)
    for cell in executed.cells:
        if cell.get("attachments", {}) is None:   # the frontend writes null where nbformat wants none
            del cell["attachments"]
    nbformat.write(executed, os.path.join(copies, name))


@pytest.mark.parametrize("chapter", conftest.chapters(), ids=conftest.chapter_ids(conftest.chapters()))
def test_chapter_in_jupyterlab(page, server, chapter):
    run_chapter(page, server, chapter, conftest.DEFAULT_KERNEL, "lab")


def test_second_kernel_in_jupyterlab(page, server):
    run_chapter(page, server, conftest.smallest_chapter(), conftest.SECOND_KERNEL, "lab")


def test_notebook7_smoke(page, server):
    run_chapter(page, server, conftest.smallest_chapter(), conftest.DEFAULT_KERNEL, "notebook")


def restart_from_ui(page):
    """Kernel > Restart Kernel..., confirmed in the dialog, as a user does."""
    page.evaluate("() => { jupyterapp.commands.execute('kernelmenu:restart'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click(timeout=10_000)


# CI restarts the default kernel; FEAREC_TEST_ALL_KERNELS=1 restarts the second one too (measured
# once to choose the default, notebooks/README.md).
@pytest.mark.parametrize("kernel", [conftest.DEFAULT_KERNEL]
                         + ([conftest.SECOND_KERNEL] if os.environ.get("FEAREC_TEST_ALL_KERNELS") == "1" else []))
def test_restarts(page, server, kernel):
    """5 restarts in a row from the UI; each back (idle) within 30 s, and the first cell run right
    after it shows its own output in its own cell, with execution count 1."""
    chapter = conftest.smallest_chapter()
    probe = nbformat.v4.new_code_cell(PROBE)
    rel = copy_for(server, chapter, kernel, "restarts", [probe])
    open_notebook(page, server, "lab", rel)
    for attempt in range(1, RESTARTS + 1):
        t0 = time.monotonic()
        restart_from_ui(page)
        page.wait_for_function(
            """() => { const s = jupyterapp.shell.currentWidget.sessionContext;
                       return s.session.kernel.status === 'idle' && !s.pendingInput; }""",
            timeout=RESTART_LIMIT_S * 1000)
        back = time.monotonic() - t0
        assert back < RESTART_LIMIT_S, "restart %d took %.1f s" % (attempt, back)
        # Run the probe, the first cell, at once: this is when the kernel got it wrong.
        page.evaluate("""() => { const p = jupyterapp.shell.currentWidget;
                                 p.content.activeCellIndex = 0;
                                 jupyterapp.commands.execute('notebook:run-cell'); }""")
        page.wait_for_function(
            """() => { const c = jupyterapp.shell.currentWidget.context.model.toJSON().cells[0];
                       return c.execution_count !== null && c.outputs.length > 0; }""",
            timeout=RESTART_LIMIT_S * 1000)
        cell = frontend_notebook(page).cells[0]
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert cell.execution_count == 1 and text == "restart probe 42\n", \
            "restart %d: first cell shows count %s, output %r" % (attempt, cell.execution_count, cell.outputs)
        conftest.MEASURED.append(("restart %d" % attempt, kernel, os.path.basename(chapter), back, None))
    page.screenshot(path=os.path.join(SCREENSHOTS, "restarts-%s.png" % kernel))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """An HTTP server for `directory` on 127.0.0.1 in a thread of this process; returns (server, url)."""
    handler = functools.partial(QuietHandler, directory=directory)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", conftest.free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, "http://127.0.0.1:%d" % httpd.server_address[1]


def typeset(page, name):
    """Waits until MathJax has typeset the page; returns (rendered equations, MathJax errors)."""
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.Queue", timeout=60_000)
    page.evaluate("() => { window.__typeset = false; MathJax.Hub.Queue(() => { window.__typeset = true; }); }")
    page.wait_for_function("() => window.__typeset === true", timeout=120_000)
    return page.evaluate("""() => [document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML').length,
                                   document.querySelectorAll('.MathJax_Error, merror').length]""")


def test_book_in_the_browser(browser_context):
    """notebooks/book.py renders the chapters (reusing the executed copies the chapter tests above
    saved), and every page of the book works in Chromium: it loads from a local server with no
    failed request, the navigation leads from the contents through every chapter in order and back,
    no error or stderr output, every image (charts and diagrams) loads, every equation is typeset by
    the local MathJax without an error."""
    shutil.rmtree(BOOK, ignore_errors=True)
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, os.path.join(conftest.NB_DIR, "book.py"), "--executed",
                           os.path.join(EXECUTED, "lab-" + conftest.DEFAULT_KERNEL), "--output", BOOK],
                          capture_output=True, text=True, timeout=3600)
    reused = done.stdout.count("executed copy reused")
    conftest.MEASURED.append(("book.py (%d reused)" % reused, conftest.DEFAULT_KERNEL, "all chapters", time.monotonic() - t0, None))
    assert done.returncode == 0, done.stdout + done.stderr
    with open(os.path.join(BOOK, "book.json"), encoding="utf-8") as f:
        pages = json.load(f)["pages"]
    chapters = conftest.chapters()
    assert [p["file"] for p in pages] == [os.path.basename(c)[:-len(".ipynb")] + ".html" for c in chapters]

    httpd, url = serve(BOOK)
    page = browser_context.new_page()
    failed = []
    # MathJax's combined configuration declares @font-face rules for the TeX fonts of its native-MathML
    # output, which jupyter-server-mathjax does not ship; the browser asks for two of them and the
    # equations are typeset by HTML-CSS with the STIX-Web fonts that are there (book.py). Only those
    # two requests may fail.
    missing_tex_fonts = "/_static/mathjax/fonts/HTML-CSS/TeX/otf/"
    def local(url):
        return url.startswith(url_prefix)

    url_prefix = "http://127.0.0.1:%d/" % httpd.server_address[1]
    page.on("request", lambda r: failed.append("outside the book: " + r.url)
            if r.url.startswith("http") and not local(r.url) else None)
    page.on("requestfailed", lambda r: failed.append(r.url)
            if local(r.url) and missing_tex_fonts not in r.url else None)
    page.on("response", lambda r: failed.append("%s %d" % (r.url, r.status))
            if r.status >= 400 and missing_tex_fonts not in r.url else None)
    try:
        page.goto(url + "/index.html")
        assert page.locator("ol.fearec-book-contents li").count() == len(pages)
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, "book-index.png"))
        for number, (entry, chapter) in enumerate(zip(pages, chapters)):
            with page.expect_navigation():
                page.locator("nav a[rel=next]").first.click()
            name = entry["file"]
            assert page.url.endswith("/" + name), "the next link led to %s, not %s" % (page.url, name)
            assert entry["title"] in page.locator("h1").first.inner_text(), name
            equations, errors = typeset(page, name)
            assert equations > 0 and errors == 0, "%s: %d equations typeset, %d MathJax errors" % (name, equations, errors)
            page.wait_for_function("() => Array.from(document.images).every(i => i.complete)", timeout=30_000)
            images = page.evaluate("() => Array.from(document.images).map(i => [i.naturalWidth, i.naturalHeight])")
            chapter_nb = nbformat.read(chapter, as_version=4)
            assert len(images) >= 1 + diagrams(chapter_nb), "%s: only %d images" % (name, len(images))
            assert all(w > 0 and h > 0 for w, h in images), "%s: an image did not load: %s" % (name, images)
            bad = page.evaluate("""() => Array.from(document.querySelectorAll(
                    '[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output.jp-mod-error'))
                    .map(e => e.innerText.slice(0, 300))""")
            assert not bad, "%s: error or stderr output in the book:\n%s" % (name, "\n---\n".join(bad))
            if number == 0:
                page.screenshot(path=os.path.join(SCREENSHOTS, "book-" + name[:-5] + ".png"))
        assert page.locator("nav a[rel=next]").count() == 0, "the last page has a next link"
        with page.expect_navigation():
            page.locator("nav a[rel=contents]").first.click()
        assert page.url.endswith("/index.html")
        assert not failed, "requests that failed: %s" % failed[:10]
    finally:
        page.close()
        httpd.shutdown()

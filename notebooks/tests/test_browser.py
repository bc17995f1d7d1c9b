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

import json
import os
import time

import nbformat
import pytest

import conftest
import course
import run_notebooks

SCREENSHOTS = os.path.join(conftest.OUT, "screenshots")
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


def check_page(page, name):
    """What the page shows: returns (images, equations); raises on error or stderr outputs."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
                      .every(i => i.complete)""", timeout=30_000)
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
    check_model(frontend_notebook(page), name)
    check_page(page, name)
    assert rss < conftest.MEMORY_LIMIT, "%s: kernel peak memory %.0f MB >= 1.5 GB" % (name, rss / 1e6)


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

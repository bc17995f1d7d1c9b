#!/usr/bin/env python3
"""Render the course as a book: every chapter executed, as HTML pages with all outputs and charts,
linked by a contents page and previous/next navigation, readable without running anything.

    notebooks/book.sh [--executed DIR] [--output DIR] [--kernel NAME] [--timeout S] [--repo-url URL]

(book.sh runs this file with the pinned environment of notebooks/install.sh.)

* Chapters are notebooks/[0-9][0-9]-*.ipynb, in name order.
* With --executed DIR, a chapter whose executed copy DIR/<name>.ipynb has the same cells as the
  chapter (sources and attachments; outputs aside) and whose every code cell ran is reused, after
  the checks of run_notebooks.py (no error output, no exception on stderr, an image, the chapter's
  expected strings). Any other chapter is executed here, headless, with those same checks, and its
  executed copy is saved to DIR for the next build. The browser tests save such copies
  (notebooks/.out/executed/lab-fearec-java/), so CI renders without running the chapters twice.
* A chapter that fails its checks stops the build (exit status 1): the book never shows an error.
* Pages are nbconvert's HTML (lab template) with the images embedded; equations are typeset by the
  MathJax that the pinned jupyter-server-mathjax package ships, copied next to the pages, so the
  book needs no network. Links between chapters point to the pages; links to the repository's other
  files (../docs/..., ../data/...) point to --repo-url (default: the repository of README's badge).

Output (default notebooks/.out/book/): index.html, one NN-name.html per chapter, _static/mathjax/
and book.json (the pages in order, for the tests). The exit status is 0 when every page was written.
"""

import argparse
import datetime
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

NB_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, NB_DIR)
import run_notebooks  # noqa: E402  (sets JUPYTER_PATH to this checkout's kernels first)

import nbformat  # noqa: E402

REPO_URL = "https://github.com/fearec-kit/fearec-java/blob/HEAD/"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
# jupyter-server-mathjax ships the STIX-Web fonts only (not MathJax's TeX fonts): say so before
# MathJax.js loads, or it asks for TeX font files that are not there and fails on some glyphs; and
# HTML-CSS output on every browser (the combined configuration would pick native MathML on Chromium).
MATHJAX_FONTS = ('<script>window.MathJax = {"HTML-CSS": {availableFonts: [], preferredFont: null, '
                 'webFont: "STIX-Web", imageFont: null}, SVG: {font: "STIX-Web"}, MMLorHTML: {prefer: "HTML"}};</script>\n')
STYLE = """
<link rel="icon" href="data:,">
<style>
  .fearec-book-nav { font-family: sans-serif; font-size: 15px; padding: 10px 24px;
                     border-bottom: 1px solid #ccc; background: #f7f7f7; display: flex; gap: 24px; }
  .fearec-book-nav.bottom { border-top: 1px solid #ccc; border-bottom: none; margin-top: 32px; }
  .fearec-book-nav a { text-decoration: none; }
  .fearec-book-nav .spacer { flex: 1; }
</style>
"""


def chapters():
    return sorted(glob.glob(os.path.join(NB_DIR, "[0-9][0-9]-*.ipynb")))


def cell_signature(nb):
    """What must agree for an executed copy to stand for a chapter: cell types, sources, attachments."""
    return [(c.cell_type, c.source.rstrip(), json.dumps(c.get("attachments", {}), sort_keys=True))
            for c in nb.cells]


def reusable(copy_path, chapter_nb):
    """The executed copy as a notebook node when it matches the chapter and ran completely, else None."""
    if not copy_path or not os.path.isfile(copy_path):
        return None
    try:
        copy = nbformat.read(copy_path, as_version=4)
    except Exception:  # noqa: BLE001 - a damaged copy is simply not reused
        return None
    if cell_signature(copy) != cell_signature(chapter_nb):
        return None
    if any(c.cell_type == "code" and not c.get("execution_count") for c in copy.cells):
        return None
    return copy


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def rewrite_links(body, pages, repo_url):
    """Chapter links to their pages; links to other repository files to repo_url."""
    def chapter(match):
        name = match.group(2)
        return '%s%s.html%s' % (match.group(1), name, match.group(3)) if name in pages else match.group(0)
    body = re.sub(r'(href=")(\d\d-[\w-]+)\.ipynb(["#])', chapter, body)
    return re.sub(r'href="\.\./([^"]+)"', lambda m: 'href="%s%s"' % (repo_url, m.group(1)), body)


def nav(position, entries, where):
    prev_link = ('<a rel="prev" href="%s.html">&larr; %s</a>' % (entries[position - 1][0], html.escape(entries[position - 1][1]))
                 if position > 0 else "<span></span>")
    next_link = ('<a rel="next" href="%s.html">%s &rarr;</a>' % (entries[position + 1][0], html.escape(entries[position + 1][1]))
                 if position + 1 < len(entries) else "<span></span>")
    return ('<nav class="fearec-book-nav %s">%s<span class="spacer"></span><a rel="contents" href="index.html">Contents</a>'
            '<span class="spacer"></span>%s</nav>' % (where, prev_link, next_link))


def render(nb, title, mathjax_url):
    """nbconvert's page, without the require.js it loads from a CDN (nothing in the course needs
    it); the book loads nothing from outside its folder."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", mathjax_url=mathjax_url)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = re.sub(r'<script src="https?://[^"]*require[^"]*"></script>', "", body)
    outside = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="(https?://[^"]*)"', body)
    if outside:
        raise SystemExit("book.py: a page would load %s from outside the book" % ", ".join(sorted(set(outside))))
    return body


def copy_mathjax(output):
    import jupyter_server_mathjax

    source = os.path.join(os.path.dirname(jupyter_server_mathjax.__file__), "static")
    target = os.path.join(output, "_static", "mathjax")
    if not os.path.isfile(os.path.join(target, "MathJax.js")):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


def commit():
    try:
        return subprocess.run(["git", "-C", NB_DIR, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def parse_args(argv):
    p = argparse.ArgumentParser(description="Render the executed course as HTML pages (see the module doc).")
    p.add_argument("--executed", metavar="DIR", help="reuse executed copies DIR/<chapter>.ipynb that match the chapters")
    p.add_argument("--output", metavar="DIR", default=os.path.join(NB_DIR, ".out", "book"),
                   help="where the pages go (default: notebooks/.out/book)")
    p.add_argument("--repo-url", default=REPO_URL, help="base URL for links to the repository's other files")
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell when a chapter is executed")
    run_notebooks.add_kernel_options(p)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths = chapters()
    if not paths:
        print("book.py: no chapters (notebooks/[0-9][0-9]-*.ipynb)", file=sys.stderr)
        return 2
    run_args = argparse.Namespace(kernel=args.kernel, timeout=args.timeout, start_timeout=args.start_timeout,
                                  start_retries=args.start_retries, verbose=args.verbose, executed_only=False,
                                  executed={})
    executed = []
    with tempfile.TemporaryDirectory(prefix="fearec-book-") as log_dir:
        for path in paths:
            stem = os.path.splitext(os.path.basename(path))[0]
            chapter_nb = nbformat.read(path, as_version=4)
            copy = reusable(os.path.join(args.executed, stem + ".ipynb") if args.executed else None, chapter_nb)
            try:
                if copy is not None:
                    copy.metadata["fearec"] = chapter_nb.metadata.get("fearec", {})   # the chapter's checks
                    for index, cell in enumerate(copy.cells):
                        if cell.cell_type == "code":
                            run_notebooks.check_cell(os.path.basename(path), index, cell)
                    info = run_notebooks.check_outputs(os.path.basename(path), copy) + "; executed copy reused"
                    nb = copy
                else:
                    info = run_notebooks.run_one(path, run_args, log_dir)
                    nb = run_args.executed[path]
                    if args.executed:   # the next build reuses it
                        os.makedirs(args.executed, exist_ok=True)
                        nbformat.write(nb, os.path.join(args.executed, stem + ".ipynb"))
            except run_notebooks.NotebookFailure as exc:
                print("FAIL %s\n  %s" % (os.path.basename(path), exc), flush=True)
                return 1
            print("OK   %s: %s" % (os.path.basename(path), info), flush=True)
            executed.append((stem, title_of(nb, stem), nb))

    os.makedirs(args.output, exist_ok=True)
    copy_mathjax(args.output)
    entries = [(stem, title) for stem, title, _ in executed]
    pages = {stem for stem, _ in entries}
    mathjax_url = "_static/mathjax/MathJax.js?config=" + MATHJAX_CONFIG
    for position, (stem, title, nb) in enumerate(executed):
        body = rewrite_links(render(nb, title, mathjax_url), pages, args.repo_url)
        body = body.replace("</head>", STYLE + "</head>", 1)
        body = body.replace('<script src="_static/mathjax/', MATHJAX_FONTS + '<script src="_static/mathjax/', 1)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav(position, entries, "top"), body, count=1)
        body = body.replace("</body>", nav(position, entries, "bottom") + "</body>", 1)
        with open(os.path.join(args.output, stem + ".html"), "w", encoding="utf-8") as f:
            f.write(body)

    built = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    items = "\n".join('<li><a href="%s.html">%s</a></li>' % (stem, html.escape(title)) for stem, title in entries)
    index = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>FEARec teaching kit: the course</title>%s
<style>body { font-family: sans-serif; max-width: 760px; margin: 32px auto; line-height: 1.5; padding: 0 16px; }</style>
</head><body>
<h1>FEARec teaching kit: the course</h1>
<p>The chapters of the kit's course, executed, with every output and chart, so that they can be read
without running them. To run them yourself, open the notebooks in JupyterLab (the repository's
<code>notebooks/open.sh</code>). Built %s from commit %s.</p>
<ol class="fearec-book-contents">
%s
</ol>
%s
</body></html>
""" % (STYLE, built, commit(), items,
       '<nav class="fearec-book-nav bottom"><span class="spacer"></span><a rel="next" href="%s.html">%s &rarr;</a></nav>'
       % (entries[0][0], html.escape(entries[0][1])))
    with open(os.path.join(args.output, "index.html"), "w", encoding="utf-8") as f:
        f.write(index)
    with open(os.path.join(args.output, "book.json"), "w", encoding="utf-8") as f:
        json.dump({"pages": [{"file": stem + ".html", "title": title} for stem, title in entries],
                   "built": built, "commit": commit()}, f, indent=1)
    print("book: %d chapters in %s (open index.html)" % (len(entries), args.output), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Execute the kit's notebooks headless with the fearec-java kernel and check them.

Run it with the pinned environment of notebooks/install.sh (nbclient, nbformat, nbconvert):

    notebooks/.venv/bin/python notebooks/run_notebooks.py [options] [NOTEBOOK.ipynb ...]

Without arguments it runs notebooks/[0-9]*.ipynb (the chapters) in name order.

A notebook passes when
  * its kernel starts (a kernel that fails to start is retried, see below),
  * no cell produces an error output or times out (default 300 s per cell),
  * no stderr stream output looks like a Java (or Python) exception,
  * at least one output is an image/png, unless the notebook's metadata says
    "fearec": {"require_image": false},
  * every string listed in the notebook's metadata "fearec": {"expect": ["...", ...]}
    appears somewhere in its outputs (stream text, text/plain, text/html, error values).

Kernel start-up race: rapaio-jupyter-kernel 3.0.1 sometimes never answers its first
kernel_info_request (its shell loop can end before it starts; measured here 2-3 failed
starts in 15-25 without the fix in notebooks/kernel-fix/, 0 in 40 with it). jupyter_client
then raises RuntimeError "Kernel didn't respond in N seconds". The runner waits
--start-timeout seconds (default 20; a good start takes 2-6 s) and retries a failed start
up to --start-retries times (default 3) with a fresh kernel, also when the fix is in place.
Only the start is retried: once a cell has run, any failure is the notebook's. When every
start fails, the end of the last kernel log is shown (e.g. a bad import in kernel-init.jsh).

The last line printed is always "N passed, M failed" (counting notebooks); CI reads it.
The exit status is 0 when no notebook failed, 1 otherwise, 2 for bad arguments.
"""

import argparse
import glob
import os
import re
import sys
import tempfile
import time

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
NB_DIR = os.path.dirname(os.path.abspath(__file__))
# install.sh writes this checkout's kernelspec under notebooks/.kernel/share/jupyter; put it
# first so a user-wide fearec-java installed from another checkout is not used by mistake.
LOCAL_JUPYTER = os.path.join(NB_DIR, ".kernel", "share", "jupyter")
if os.path.isdir(LOCAL_JUPYTER):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (LOCAL_JUPYTER, os.environ.get("JUPYTER_PATH")) if p)

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as exc:  # pragma: no cover - depends on the machine
    sys.exit(
        "run_notebooks.py: %s\nRun it with notebooks/.venv/bin/python after notebooks/install.sh "
        "(the pinned environment), or install nbclient/nbformat into this Python." % exc
    )

# stderr text that looks like an exception: a qualified Java/Python exception class name
# (java.lang.IllegalStateException: ..., ai.djl.engine.EngineException), a JVM stack frame,
# "Exception in thread", "Caused by:", or a Python traceback header. Ordinary warnings such
# as SLF4J's "SLF4J(W): No SLF4J providers were found." do not match.
EXCEPTION_RE = re.compile(
    r"(?m)(^Exception in thread \""
    r"|^\s*Caused by: "
    r"|^\s+at [\w$.<>/]+\(.*\)\s*$"
    r"|\b(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b"
    r"|^Traceback \(most recent call last\):)"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def strip_ansi(text):
    return ANSI_RE.sub("", text)


class NotebookFailure(Exception):
    """A notebook did not pass; the message says why."""


def die_with(parent):
    """What the kernel's process runs before it starts (Linux): it gets SIGKILL when the process
    `parent` (this one) ends, however it ends - even by SIGKILL, which the grader cannot catch to
    kill its kernels itself (an orphaned kernel would otherwise go on at full CPU)."""
    def request():
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent ended before the request took effect
            os._exit(1)
    return request


def start_kernel(nb, args, nb_path, log_dir):
    """Start a kernel for nb, retrying failed starts.

    Returns (client, exit_stack, attempt number, start seconds); closing the stack stops it.
    """
    from contextlib import ExitStack

    name = os.path.basename(nb_path)
    failures = []
    last_log = None
    for attempt in range(1, args.start_retries + 2):
        client = NotebookClient(
            nb,
            kernel_name=args.kernel,
            timeout=args.timeout,
            startup_timeout=args.start_timeout,
            allow_errors=False,
            shutdown_kernel="immediate",
            record_timing=True,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(nb_path))}},
        )
        log_path = os.path.join(log_dir, "%s.kernel-%d.log" % (name, attempt))
        log = open(log_path, "wb")
        stack = ExitStack()
        stack.callback(log.close)
        t0 = time.monotonic()
        try:
            # setup_kernel starts the process (kernel stdout/stderr -> log) and waits for
            # its kernel_info reply for at most startup_timeout seconds.
            # (The death signal follows the thread that starts the kernel; nbclient starts it
            # from this one, the main thread, which lives as long as the process.)
            launch = {"preexec_fn": die_with(os.getpid())} if sys.platform.startswith("linux") else {}
            stack.enter_context(client.setup_kernel(stdout=log, stderr=log, **launch))
            msg_id = client.kc.kernel_info()
            reply = client.wait_for_reply(msg_id)
            if reply is not None and "language_info" in reply["content"]:
                nb.metadata["language_info"] = reply["content"]["language_info"]
        except Exception as exc:  # noqa: BLE001 - any start failure is retried
            stack.close()
            try:
                if client.km is not None and client.km.has_kernel:
                    client.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
            elapsed = time.monotonic() - t0
            failures.append("%s: %s" % (type(exc).__name__, exc))
            print(
                "  kernel start attempt %d/%d failed after %.1f s: %s: %s"
                % (attempt, args.start_retries + 1, elapsed, type(exc).__name__, exc),
                flush=True,
            )
            last_log = log_path
            continue
        if args.verbose:
            print("  kernel started in %.1f s (attempt %d), kernelspec %s"
                  % (time.monotonic() - t0, attempt, client.km.kernel_spec.resource_dir))
        return client, stack, attempt, time.monotonic() - t0
    tail = ""
    try:
        if last_log:
            with open(last_log, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
            tail = "\n".join("    | " + line for line in lines[-25:])
    except OSError:
        pass
    raise NotebookFailure(
        "kernel '%s' failed to start %d times (%s)%s"
        % (args.kernel, len(failures), "; ".join(failures),
           "\n  last kernel log lines:\n" + tail if tail else "")
    )


def output_texts(output):
    """Text of one output for the expect-checks."""
    kind = output.get("output_type")
    if kind == "stream":
        yield output.get("text", "")
    elif kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        for mime in ("text/plain", "text/html", "text/markdown", "text/latex"):
            if mime in data:
                value = data[mime]
                yield "".join(value) if isinstance(value, list) else value
    elif kind == "error":
        yield "%s: %s" % (output.get("ename", ""), output.get("evalue", ""))


def describe_error(nb_name, index, output):
    tb = "\n".join(strip_ansi(line) for line in output.get("traceback", []))
    tb = "\n".join("    | " + line for line in tb.splitlines() if line.strip())
    return "%s: cell index %d raised %s: %s\n%s" % (
        nb_name, index, output.get("ename", "?"), output.get("evalue", ""), tb)


def check_cell(nb_name, index, cell):
    """Raise NotebookFailure for an error output or exception-like stderr in cell."""
    stderr = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            raise NotebookFailure(describe_error(nb_name, index, output))
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            stderr.append(strip_ansi(output.get("text", "")))
    text = "".join(stderr)
    if EXCEPTION_RE.search(text):
        shown = "\n".join("    | " + line for line in text.splitlines()[:30])
        raise NotebookFailure(
            "%s: cell index %d wrote an exception to stderr:\n%s" % (nb_name, index, shown))


def run_one(nb_path, args, log_dir):
    """Execute one notebook (or only check it, with --executed). Returns an info string; raises
    NotebookFailure."""
    name = os.path.basename(nb_path)
    nb = nbformat.read(nb_path, as_version=4)
    if args.executed_only:
        args.executed[nb_path] = nb
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                check_cell(name, index, cell)
        return check_outputs(name, nb) + "; executed before, not run again"
    client, stack, attempts, start_s = start_kernel(nb, args, nb_path, log_dir)
    t0 = time.monotonic()
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellExecutionError as exc:
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                if errors:
                    raise NotebookFailure(describe_error(name, index, errors[0])) from None
                raise NotebookFailure("%s: cell index %d raised %s: %s\n%s" % (
                    name, index, exc.ename, exc.evalue, exc.traceback)) from None
            except CellTimeoutError:
                raise NotebookFailure("%s: cell index %d did not finish within %d s (--timeout)"
                                      % (name, index, args.timeout)) from None
            except DeadKernelError as exc:
                raise NotebookFailure("%s: the kernel died while running cell index %d (%s)"
                                      % (name, index, exc)) from None
            check_cell(name, index, cell)
    finally:
        stack.close()
        args.executed[nb_path] = nb
    run_s = time.monotonic() - t0
    return "%s; kernel start %.1f s (attempt %d), cells %.1f s" % (
        check_outputs(name, nb), start_s, attempts, run_s)


def check_outputs(name, nb):
    """Raise NotebookFailure unless nb shows an image and every string its metadata expects."""
    meta = nb.metadata.get("fearec", {}) or {}
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    images = sum(1 for o in outputs
                 if o.get("output_type") in ("display_data", "execute_result")
                 and "image/png" in o.get("data", {}))
    if meta.get("require_image", True) and images == 0:
        raise NotebookFailure("%s: no image/png output (every notebook must show at least one "
                              "chart; set metadata fearec.require_image=false to opt out)" % name)
    expect = meta.get("expect", [])
    if isinstance(expect, str):
        expect = [expect]
    alltext = "\n".join(t for o in outputs for t in output_texts(o))
    missing = [s for s in expect if s not in alltext]
    if missing:
        raise NotebookFailure("%s: expected output not found: %s"
                              % (name, ", ".join(repr(s) for s in missing)))
    return "%d image(s), %d expected string(s) found" % (images, len(expect))


def save_copies(nb_path, args):
    nb = args.executed.get(nb_path)
    if nb is None:
        return
    stem = os.path.splitext(os.path.basename(nb_path))[0]
    if args.output:
        os.makedirs(args.output, exist_ok=True)
        nbformat.write(nb, os.path.join(args.output, stem + ".ipynb"))
    if args.html:
        from nbconvert import HTMLExporter

        os.makedirs(args.html, exist_ok=True)
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(args.html, stem + ".html"), "w", encoding="utf-8") as f:
            f.write(body)


def add_kernel_options(p):
    """The options start_kernel reads (grade.py has them too)."""
    p.add_argument("--kernel", default="fearec-java", help="kernelspec name (default: %(default)s)")
    p.add_argument("--start-timeout", type=int, default=20,
                   help="seconds to wait for a kernel to answer at start (default: %(default)s)")
    p.add_argument("--start-retries", type=int, default=3,
                   help="extra kernel starts after a failed one (default: %(default)s)")
    p.add_argument("-v", "--verbose", action="store_true", help="say more while running")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Execute notebooks with the fearec-java kernel and check their outputs.")
    p.add_argument("notebooks", nargs="*",
                   help="notebooks to run (default: notebooks/[0-9]*.ipynb in name order)")
    p.add_argument("--timeout", type=int, default=300,
                   help="seconds per cell (default: %(default)s)")
    add_kernel_options(p)
    p.add_argument("--output", metavar="DIR", help="save executed .ipynb copies in DIR")
    p.add_argument("--html", metavar="DIR", help="save executed copies rendered as HTML in DIR")
    p.add_argument("--executed", dest="executed_only", action="store_true",
                   help="the notebooks ran already (e.g. executed copies from grade.py): check "
                        "their outputs and save copies without running them again")
    args = p.parse_args(argv)
    if args.timeout <= 0 or args.start_timeout <= 0 or args.start_retries < 0:
        p.error("--timeout and --start-timeout must be positive, --start-retries >= 0")
    if args.notebooks:
        missing = [n for n in args.notebooks if not os.path.isfile(n)]
        if missing:
            p.error("no such notebook: %s" % ", ".join(missing))
    else:
        args.notebooks = sorted(glob.glob(os.path.join(NB_DIR, "[0-9]*.ipynb")))
    args.executed = {}
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.notebooks:
        print("no notebooks to run (notebooks/[0-9]*.ipynb matched nothing)")
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="fearec-nb-") as log_dir:
        for nb_path in args.notebooks:
            print("RUN  %s" % nb_path, flush=True)
            t0 = time.monotonic()
            try:
                info = run_one(nb_path, args, log_dir)
            except NotebookFailure as exc:
                failed += 1
                print("FAIL %s (%.1f s)\n  %s" % (nb_path, time.monotonic() - t0, exc), flush=True)
            else:
                passed += 1
                print("PASS %s (%.1f s): %s" % (nb_path, time.monotonic() - t0, info), flush=True)
            try:
                save_copies(nb_path, args)
            except Exception as exc:  # noqa: BLE001 - a report copy must not hide the result
                print("  could not save copies of %s: %s: %s" % (nb_path, type(exc).__name__, exc))
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

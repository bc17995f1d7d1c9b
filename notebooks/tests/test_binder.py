"""binder/ as mybinder.org reads it, and binder/postBuild as it runs there.

No container runtime works on the project's machines (podman installs but cannot run
containers), so the image itself is never built here. What comes closest:

  * `repo2docker --no-build` prints the Dockerfile it would build, which is checked (Python, the
    apt packages, pip on the pinned file after the whole repository is copied, then postBuild);
  * postBuild itself runs, as repo2docker runs it: in a copy of the repository (the files git
    tracks or would add), in a HOME of its own that starts empty (Maven ignores $HOME and reads
    the Java property user.home, so MAVEN_OPTS sets -Duser.home to it as well), with a Python
    environment of its own whose sys.prefix is a temporary folder (where the kernelspecs and
    settings go; it sees the pinned packages through a .pth file, as repo2docker's environment
    holds them), and with the data host unreachable (https_proxy points at a closed port), which
    must not fail the build. Maven Central is stood in for by a local HTTP server that serves
    this machine's Maven cache and the Maven distribution the wrapper downloads, so that nothing
    is fetched from the network.
"""

import glob
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import zipfile

import pytest

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
    # The download is tried, and its failure only leaves the synthetic data (run below).
    assert "if ! data/download.sh; then" in commands and "data/download.sh" not in commands


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


class MavenCentral:
    """A local HTTP stand-in for Maven Central: this machine's Maven cache (~/.m2/repository)
    and the Maven distribution zip the wrapper downloads (made from the wrapper's unpacked copy)."""

    def __init__(self, overlay):
        cache = os.path.expanduser("~/.m2/repository")
        wrapper = sorted(glob.glob(os.path.expanduser("~/.m2/wrapper/dists/apache-maven-*/*/bin/mvn")))
        if not os.path.isdir(cache) or not wrapper:
            pytest.fail("no Maven cache or wrapper distribution in ~/.m2 (./run-tests runs Maven first)")
        with open(os.path.join(ROOT, ".mvn", "wrapper", "maven-wrapper.properties"), encoding="utf-8") as f:
            url = re.search(r"^distributionUrl=(\S+)$", f.read(), re.M).group(1)
        path = url.split("/maven2/", 1)[1]               # org/apache/maven/apache-maven/V/apache-maven-V-bin.zip
        version = path.split("/")[4]
        home = [os.path.dirname(os.path.dirname(m)) for m in wrapper if "apache-maven-%s/" % version in m]
        assert home, "the wrapper's Maven %s is not in ~/.m2/wrapper" % version
        zipped = os.path.join(overlay, path)
        os.makedirs(os.path.dirname(zipped))
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
            for dirpath, _, files in os.walk(home[0]):
                for name in files:
                    full = os.path.join(dirpath, name)
                    z.write(full, os.path.join("apache-maven-%s" % version, os.path.relpath(full, home[0])))

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, request_path):
                rel = request_path.split("?", 1)[0].lstrip("/")
                for root in (overlay, cache):
                    candidate = os.path.join(root, rel)
                    if os.path.isfile(candidate):
                        return candidate
                return os.path.join(overlay, "missing")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def repository_copy(target):
    """The files git tracks or would add (what a fresh clone plus local edits holds)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        source = os.path.join(ROOT, rel)
        if os.path.isfile(source):
            os.makedirs(os.path.dirname(os.path.join(target, rel)), exist_ok=True)
            shutil.copy2(source, os.path.join(target, rel))


def binder_like_environment(env_dir):
    """A Python environment of its own (sys.prefix = env_dir) that sees the pinned packages, with
    its own jupyter scripts and the jjava package's data files, as repo2docker's holds them."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", env_dir], check=True)
    site = subprocess.run([os.path.join(env_dir, "bin", "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with open(os.path.join(site, "pinned-packages.pth"), "w") as f:
        f.write(sysconfig.get_paths()["purelib"] + "\n")
    python = os.path.join(env_dir, "bin", "python")
    scripts = os.path.dirname(sys.executable)
    for name in os.listdir(scripts):
        if name.startswith("jupyter"):
            with open(os.path.join(scripts, name), encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines(True)
            if lines and lines[0].startswith("#!") and "python" in lines[0]:
                with open(os.path.join(env_dir, "bin", name), "w", encoding="utf-8") as f:
                    f.writelines(["#!%s\n" % python] + lines[1:])
                os.chmod(os.path.join(env_dir, "bin", name), 0o755)
    kernels = os.path.join(env_dir, "share", "jupyter", "kernels")
    os.makedirs(kernels)
    os.symlink(os.path.join(sys.prefix, "share", "jupyter", "kernels", "java"), os.path.join(kernels, "java"))
    return python


@pytest.fixture(scope="module")
def post_build(tmp_path_factory):
    """Runs binder/postBuild once; returns (repository copy, HOME, environment, completed process)."""
    tmp = tmp_path_factory.mktemp("binder")
    repo, home, env_dir = str(tmp / "repo"), str(tmp / "home"), str(tmp / "env")
    os.makedirs(home)
    repository_copy(repo)
    python = binder_like_environment(env_dir)
    central = MavenCentral(str(tmp / "central"))
    settings = str(tmp / "maven-settings.xml")
    with open(settings, "w") as f:
        f.write("<settings><mirrors><mirror><id>stand-in</id><mirrorOf>*</mirrorOf><url>%s</url>"
                "</mirror></mirrors></settings>\n" % central.url)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "PYTHON", "MAVEN", "MVNW", "VIRTUAL_ENV")) and k.lower() not in
           ("http_proxy", "https_proxy", "no_proxy", "all_proxy")}
    system_path = [p for p in os.environ["PATH"].split(os.pathsep) if p != os.path.dirname(sys.executable)]
    proxy = "http://127.0.0.1:%d" % closed.getsockname()[1]
    env.update(HOME=home, PATH=os.pathsep.join([os.path.dirname(python)] + system_path),
               MAVEN_OPTS="-Duser.home=" + home, MAVEN_ARGS="-s " + settings, MVNW_REPOURL=central.url,
               https_proxy=proxy, HTTPS_PROXY=proxy)
    try:
        t0 = time.monotonic()
        done = subprocess.run([os.path.join(repo, "binder", "postBuild")], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=1200)
        conftest.MEASURED.append(("binder/postBuild", "-", "clean HOME, local Maven Central",
                                  time.monotonic() - t0, None))
    finally:
        central.stop()
        closed.close()
    return repo, home, env_dir, python, env, done


def test_postbuild_survives_an_unreachable_data_host(post_build):
    repo, home, _, _, _, done = post_build
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-5000:]
    assert "download.sh: error: could not fetch Beauty.txt" in log, log[-3000:]
    assert "postBuild: data/download.sh failed; chapter 1 will use the synthetic data" in log
    assert not glob.glob(os.path.join(repo, "data", "*.txt*")), "a partial download was left behind"
    # Maven's repository went into the clean HOME (not the machine's) and was dropped at the end.
    assert os.path.isdir(os.path.join(home, ".m2", "wrapper")) and not os.path.exists(os.path.join(home, ".m2", "repository"))
    assert os.path.isfile(os.path.expanduser("~/.m2/repository/org/knowm/xchart/xchart/3.8.8/xchart-3.8.8.jar"))


def test_postbuild_leaves_the_kernels_settings_and_student_edition_binder_opens(post_build):
    repo, _, env_dir, python, env, done = post_build
    assert done.returncode == 0
    specs = json.loads(subprocess.run([os.path.join(env_dir, "bin", "jupyter"), "kernelspec", "list", "--json"],
                                      env=env, capture_output=True, text=True, check=True).stdout)["kernelspecs"]
    for name in (conftest.DEFAULT_KERNEL, conftest.SECOND_KERNEL):
        assert specs[name]["resource_dir"].startswith(env_dir), specs[name]
        assert repo in json.dumps(specs[name]["spec"]), "%s does not use the image's own jars" % name
    for settings in ("etc/jupyter/jupyter_server_config.json", "etc/jupyter/labconfig/page_config.json",
                     "share/jupyter/lab/settings/overrides.d/fearec-kit.json"):
        assert os.path.isfile(os.path.join(env_dir, settings)), settings
    # The Binder badge's urlpath is the student edition postBuild wrote.
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        urlpath = re.search(r"mybinder\.org/v2/gh/[^)]*\?urlpath=lab/tree/([^)\s]+)\)", f.read()).group(1)
    served = os.path.join(repo, urlpath)
    chapters = sorted(os.path.basename(p) for p in conftest.chapters())
    assert sorted(n for n in os.listdir(served) if n.endswith(".ipynb")) == chapters
    # The image's default kernel runs the kit: one cell, through the environment's own kernelspec.
    code = ("import nbformat, nbclient; nb = nbformat.v4.new_notebook(); "
            "nb.cells.append(nbformat.v4.new_code_cell('System.out.println(FrequencyRamp.of(50, 2, 0.6).band(0));')); "
            "nbclient.NotebookClient(nb, kernel_name='fearec-java', timeout=120, startup_timeout=60).execute(); "
            "print(nb.cells[0].outputs[0]['text'])")
    ran = subprocess.run([python, "-c", code], cwd=served, env=env, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0 and "[10, 26)" in ran.stdout, ran.stdout + ran.stderr

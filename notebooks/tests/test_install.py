"""install.sh waits for another apt or dpkg process instead of failing at once (./run-tests used
to die in apt-get on a machine still installing its updates).

Nothing is installed here: a stand-in apt-get first on PATH behaves as apt does with a lock held
by another process (it holds a real flock on a file of the test's): without `-o
DPkg::Lock::Timeout=N` it fails at once with apt's "Could not get lock" message, with it it waits
up to N seconds. (That apt 2.6 itself waits so was checked by hand against a lock file of its
own.) A second stand-in is an apt that ignores the option, as old ones do for the package lists'
lock: install.sh tries again until its own limit. install.sh is made to need a package by a
JAVA_HOME whose java says it is Java 11; after apt-get it finds that Java again and stops with
its message, which ends the test.
"""

import fcntl
import os
import subprocess
import threading
import time

import pytest

import conftest

INSTALL = os.path.join(conftest.NB_DIR, "install.sh")
HOLD_S = 3
APT = r"""#!/bin/bash
# apt-get as apt behaves with its lock held by another process ($LOCK, flock).
timeout=0
for a in "$@"; do case "$a" in DPkg::Lock::Timeout=*) timeout=${a#*=} ;; esac; done
[ "$IGNORES_TIMEOUT" = 1 ] && timeout=0
echo "apt-get $*" >> "$LOG"
if [ "$timeout" -gt 0 ]; then got=(flock -w "$timeout" "$LOCK" true); else got=(flock -n "$LOCK" true); fi
if ! "${got[@]}"; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  echo "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?" >&2
  echo "failed at $SECONDS s" >> "$LOG"
  exit 100
fi
echo "done after $SECONDS s" >> "$LOG"
"""
JAVA = r"""#!/bin/sh
echo "    java.specification.version = 11" >&2
echo 'openjdk version "11.0.2"' >&2
"""


def script(path, text):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o755)


@pytest.mark.skipif(os.geteuid() != 0, reason="install.sh calls apt-get through sudo when not root")
@pytest.mark.parametrize("ignores_timeout", [False, True], ids=["apt waits", "old apt, install.sh retries"])
def test_apt_get_waits_for_the_lock(tmp_path, ignores_timeout):
    bin_dir, java_home = tmp_path / "bin", tmp_path / "jdk"
    os.makedirs(bin_dir)
    os.makedirs(java_home / "bin")
    script(bin_dir / "apt-get", APT)
    script(java_home / "bin" / "java", JAVA)
    lock, log = tmp_path / "lock", tmp_path / "apt.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env.update(PATH=os.pathsep.join([str(bin_dir)] + [p for p in os.environ["PATH"].split(os.pathsep)
                                                     if p != os.path.dirname(os.path.abspath(os.sys.executable))]),
               JAVA_HOME=str(java_home), LOCK=str(lock), LOG=str(log), FEAREC_APT_LOCK_WAIT="60",
               IGNORES_TIMEOUT="1" if ignores_timeout else "0")
    env.pop("FEAREC_SKIP_APT", None)
    held = open(lock, "w")
    fcntl.flock(held, fcntl.LOCK_EX)  # another process's apt run
    threading.Timer(HOLD_S, lambda: (fcntl.flock(held, fcntl.LOCK_UN), held.close())).start()
    t0 = time.monotonic()
    done = subprocess.run([INSTALL], env=env, capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - t0
    output = done.stdout + done.stderr
    with open(log) as f:
        calls = f.read()
    assert "apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends openjdk-17-jdk-headless" in calls, calls
    assert calls.rstrip().splitlines()[-1].startswith("done after"), calls
    assert seconds >= HOLD_S - 0.5, "apt-get returned before the lock was free"
    if ignores_timeout:
        assert "another apt or dpkg process holds its lock; waiting" in output, output
    else:
        assert "Could not get lock" not in output and calls.count("apt-get ") == 1, output + calls
    # The stand-in installed nothing, so install.sh finds the same Java 11 and says so.
    assert done.returncode == 1 and "is Java 11; the kit needs 17 or newer" in output, output

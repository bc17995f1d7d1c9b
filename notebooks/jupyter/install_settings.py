#!/usr/bin/env python3
"""Write the kit's Jupyter settings (the JSON files next to this script) into the Python
environment that runs it (sys.prefix), where Jupyter reads them for every server started from
that environment: open.sh's, Binder's and the tests'. install.sh runs it.

  * jupyter_server_config.json -> {prefix}/etc/jupyter/jupyter_server_config.json: the launcher
    and Kernel > Change Kernel offer only the kit's kernels (KernelSpecManager.allowed_kernelspecs;
    the environment also holds ipykernel's "Python 3" and the jjava package's own "java", which
    does not see the kit), with fearec-java the default (MultiKernelManager.default_kernel_name,
    else "python3"), and nbgrader's server extensions are off (students need none).
  * page_config.json -> {prefix}/etc/jupyter/labconfig/page_config.json: nbgrader's JupyterLab
    and Notebook 7 extension (its menu and panels) is disabled.
  * overrides.json -> {prefix}/share/jupyter/lab/settings/overrides.d/fearec-kit.json: JupyterLab's
    defaults: no news pop-up, no update check.
  * jupyter_server_config.py -> {prefix}/etc/jupyter/jupyter_server_config.py: a notebook git
    tracks and strips on commit is saved stripped, so running a master leaves `git status`
    clean (the file says why).

The JSON files are shared with other packages' settings: the kit's keys are merged into what is
there. The .py file is put between marker lines, replacing the kit's earlier block and keeping
anything else. A user's own settings (~/.jupyter, JupyterLab's settings editor) still win.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = {
    "jupyter_server_config.json": ("etc", "jupyter", "jupyter_server_config.json"),
    "page_config.json": ("etc", "jupyter", "labconfig", "page_config.json"),
    "overrides.json": ("share", "jupyter", "lab", "settings", "overrides.d", "fearec-kit.json"),
}


def merged(old, new):
    out = dict(old)
    for key, value in new.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


BEGIN = "# >>> fearec kit (notebooks/jupyter/install_settings.py; replaced on every install)\n"
END = "# <<< fearec kit\n"


def install_python_config(prefix):
    with open(os.path.join(HERE, "jupyter_server_config.py"), encoding="utf-8") as f:
        block = BEGIN + f.read() + END
    target = os.path.join(prefix, "etc", "jupyter", "jupyter_server_config.py")
    old = ""
    if os.path.exists(target):
        with open(target, encoding="utf-8") as f:
            old = f.read()
        if BEGIN in old and END in old:
            old = old[:old.index(BEGIN)] + old[old.index(END) + len(END):]
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        f.write(old + ("\n" if old and not old.endswith("\n") else "") + block)
    os.replace(target + ".tmp", target)
    print("[install_settings.py] %s" % target)


def main(prefix=sys.prefix):
    install_python_config(prefix)
    for name, parts in TARGETS.items():
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            settings = json.load(f)
        target = os.path.join(prefix, *parts)
        old = {}
        if name != "overrides.json" and os.path.exists(target):
            with open(target, encoding="utf-8") as f:
                old = json.load(f)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target + ".tmp", "w", encoding="utf-8") as f:
            json.dump(merged(old, settings), f, indent=1, sort_keys=True)
            f.write("\n")
        os.replace(target + ".tmp", target)
        print("[install_settings.py] %s" % target)
    return 0


if __name__ == "__main__":
    sys.exit(main())

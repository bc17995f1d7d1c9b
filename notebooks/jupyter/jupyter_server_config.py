# The kit's Jupyter server code setting (install_settings.py puts it into the environment's
# etc/jupyter/jupyter_server_config.py): a notebook that git tracks and strips on commit (the
# nbstripout filter of .gitattributes, installed by notebooks/git-filter.sh) is saved the way git
# would commit it, outputs and execution counts left out. So running a master chapter, whose
# outputs JupyterLab saves every two minutes, leaves `git status` clean: git reports a file whose
# size changed as modified even when its filter makes it equal to the commit. The outputs stay on
# screen until the notebook is closed. Notebooks git does not track (the student edition, a copy
# elsewhere) keep their outputs, and without the filter configured nothing is changed.
import os
import subprocess


def fearec_save_as_git_commits(model, path, contents_manager, **kwargs):
    if model.get("type") != "notebook" or not model.get("content"):
        return
    try:
        os_path = contents_manager._get_os_path(path)
        folder = os.path.dirname(os_path)

        def git(*args):
            return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)

        top = git("rev-parse", "--show-toplevel").stdout.strip()
        if not top or not git("check-attr", "filter", "--", os_path).stdout.rstrip().endswith(": filter: nbstripout"):
            return
        if git("ls-files", "--error-unmatch", "--", os_path).returncode != 0:
            return
        clean = git("config", "--get", "filter.nbstripout.clean").stdout.strip()
        if not clean:
            return
        import nbformat

        text = nbformat.writes(nbformat.from_dict(model["content"]), version=nbformat.NO_CONVERT) + "\n"
        done = subprocess.run(clean, shell=True, cwd=top, input=text, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            contents_manager.log.warning("fearec kit: git's notebook filter failed on %s: %s", path, done.stderr)
            return
        model["content"] = nbformat.reads(done.stdout, as_version=nbformat.NO_CONVERT)
    except Exception as exc:  # noqa: BLE001 - a failed strip must never lose the save
        contents_manager.log.warning("fearec kit: %s saved as it is (%s)", path, exc)


# The server applies its configuration again when its extensions load, which sets the hook a
# second time; traitlets warns about that on stderr, harmlessly.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="Overriding existing pre_save_hook")
c.ContentsManager.pre_save_hook = fearec_save_as_git_commits  # noqa: F821 - c comes from the config loader

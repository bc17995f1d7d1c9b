#!/usr/bin/env bash
# Installs the git filter that strips outputs from notebooks (nbstripout, from the pinned
# environment), so that running a chapter, which saves its outputs into the file, leaves
# `git status` clean, and no output, execution count or kernel version reaches a commit.
# install.sh runs it; so can anyone, at any time (it is idempotent).
#
# Usage: notebooks/git-filter.sh PYTHON     (PYTHON: the environment's python, with nbstripout)
#
# .gitattributes (tracked) marks *.ipynb with filter=nbstripout and diff=ipynb; this writes the
# definition of that filter into the git config of this clone: what a notebook is reduced to on
# `git add` and `git status` (nbstripout --keep-id: outputs and execution counts cleared, cell ids
# kept, and the kernel's details in metadata.language_info dropped but its name, as the masters
# have it) and how `git diff` shows notebooks (the same, stripped). Where the kit is not a git
# clone of its own, nothing is done. In a linked worktree (git worktree add) the clone's config
# is shared by every worktree, so it is left alone unless git's per-worktree config is on
# (git config extensions.worktreeConfig true): then the filter goes into this worktree's config.
set -euo pipefail
NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$NB_DIR/.." && pwd -P)
say() { printf '[git-filter.sh] %s\n' "$*"; }

[ $# -eq 1 ] || { echo "usage: notebooks/git-filter.sh PYTHON" >&2; exit 2; }
PY=$1
"$PY" -m nbstripout --version >/dev/null 2>&1 || { echo "git-filter.sh: no nbstripout in $PY's environment" >&2; exit 1; }
command -v git >/dev/null 2>&1 || { say "git is not installed: no filter"; exit 0; }
cd "$ROOT"
if ! top=$(git rev-parse --show-toplevel 2>/dev/null); then
  say "$ROOT is not a git checkout: no filter"
  exit 0
fi
if [ "$(cd "$top" && pwd -P)" != "$ROOT" ]; then
  say "the kit lies inside another repository ($top), whose config is not the kit's: no filter"
  exit 0
fi
if [ "$(git rev-parse --absolute-git-dir)" = "$(git rev-parse --path-format=absolute --git-common-dir)" ]; then
  scope=--local
elif [ "$(git config --bool extensions.worktreeConfig 2>/dev/null || true)" = true ]; then
  scope=--worktree
else
  say "a linked worktree, whose git config is shared with the other worktrees: no filter here"
  say "(git config extensions.worktreeConfig true, then run notebooks/git-filter.sh $PY again)"
  exit 0
fi

quoted=$(printf "'%s'" "${PY//\'/\'\\\'\'}")
strip="$quoted -m nbstripout --keep-id"
keys="metadata.language_info.version metadata.language_info.mimetype metadata.language_info.file_extension"
keys="$keys metadata.language_info.pygments_lexer metadata.language_info.codemirror_mode"
keys="$keys metadata.language_info.nbconvert_exporter"
changed=0
set_config() {
  if [ "$(git config "$scope" --get "$1" 2>/dev/null || true)" != "$2" ]; then
    git config "$scope" "$1" "$2"
    changed=1
  fi
}
set_config filter.nbstripout.clean "$strip"
set_config filter.nbstripout.smudge cat
set_config filter.nbstripout.required true
set_config filter.nbstripout.extrakeys "$keys"
set_config diff.ipynb.textconv "$strip -t"
if [ "$changed" = 1 ]; then
  say "notebooks are stripped of their outputs when git reads them (git config $scope filter.nbstripout.*)"
fi

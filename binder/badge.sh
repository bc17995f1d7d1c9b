#!/usr/bin/env bash
# Points the README's Binder badge at the GitHub repository this clone was taken from (the
# `origin` remote, or the URL given as the only argument), e.g. after publishing a fork:
#   binder/badge.sh                                   # uses `git remote get-url origin`
#   binder/badge.sh https://github.com/you/fearec-java
# The badge opens the student edition of the chapters in JupyterLab
# (urlpath=lab/tree/notebooks/student, written by postBuild); the repository must
# be public for mybinder.org to build it. The pom's <url> names the kit's own public home.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-$(git remote get-url origin 2>/dev/null || true)}
[ -n "$url" ] || { echo "badge.sh: no origin remote; give the GitHub URL as argument" >&2; exit 2; }
# https://github.com/OWNER/REPO(.git) or git@github.com:OWNER/REPO(.git) -> OWNER/REPO
repo=$(printf '%s\n' "$url" | sed -E 's#^(https://github\.com/|git@github\.com:)##; s#\.git$##; s#/$##')
if ! printf '%s\n' "$repo" | grep -Eq '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$'; then
  echo "badge.sh: '$url' is not a GitHub repository URL (https://github.com/OWNER/REPO)" >&2
  exit 2
fi
badge="[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/$repo/HEAD?urlpath=lab/tree/notebooks/student)"
sed -i -E "s#^\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\(.*\)\$#$badge#" README.md
grep -qF "$badge" README.md || { echo "badge.sh: no Binder badge line found in README.md" >&2; exit 1; }
echo "README.md: $badge"

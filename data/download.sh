#!/usr/bin/env bash
# Fetches the four preprocessed benchmark files used by FEARec and its predecessors (Beauty,
# Sports_and_Outdoors, Toys_and_Games, Yelp; one user per line, 5-core, ids 1..|I|) from the
# public GitHub repository salesforce/ICLRec and verifies their SHA-256 checksums, so that every
# user of the kit trains and evaluates on byte-identical data. See data/README.md.
set -euo pipefail

BASE_URL="https://raw.githubusercontent.com/salesforce/ICLRec/master/data"
NAMES=(Beauty Sports_and_Outdoors Toys_and_Games Yelp)

usage() {
  cat <<'USAGE'
Usage: data/download.sh [--from DIR] [TARGET_DIR]

Downloads Beauty.txt, Sports_and_Outdoors.txt, Toys_and_Games.txt and Yelp.txt into TARGET_DIR
(default: the directory of this script) and checks their SHA-256 checksums.

  --from DIR   copy the files from DIR instead of downloading them (offline machines, or to
               verify an existing copy); the same checksums are enforced
  -h, --help   show this help

Files already present with the right checksum are left alone. A file that is present with a
different checksum is an error: the script never overwrites it.
USAGE
}

die() {
  echo "download.sh: error: $*" >&2
  exit 1
}

# Checksums of the files in salesforce/ICLRec (master), identical to the project's shared copies.
expected_sha256() {
  case "$1" in
    Beauty) echo 226cce9c3105299ca0db9615d7d3fb32b3175e90da43100ae352599f0f0107b8 ;;
    Sports_and_Outdoors) echo 2a095e0648872beb9982408958290f5d655db5be2911c3756b5446de9f0b8de2 ;;
    Toys_and_Games) echo 176c680c688d497598c4a89a03b402c0fe78d795e5db335c2e78dd5f2d778a3f ;;
    Yelp) echo 724b219106b81dd2349027da997334ddb6da9fe2f152ad6e0d97a93170f7caed ;;
    *) die "no checksum for $1" ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    die "neither sha256sum nor shasum is installed"
  fi
}

# fetch NAME DEST: puts NAME.txt at DEST, from --from DIR or from GitHub.
fetch() {
  if [[ -n "$from" ]]; then
    [[ -f "$from/$1.txt" ]] || die "$from/$1.txt does not exist"
    cat "$from/$1.txt" >"$2" # not cp: a copy of a read-only file would be read-only too
  elif command -v curl >/dev/null 2>&1; then
    curl --fail --location --silent --show-error --retry 3 --output "$2" "$BASE_URL/$1.txt"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --tries=3 --output-document="$2" "$BASE_URL/$1.txt"
  else
    die "neither curl nor wget is installed (or use --from DIR)"
  fi
}

from=""
target=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from)
      [[ $# -ge 2 ]] || die "--from needs a directory"
      from="$2"
      shift 2
      ;;
    --from=*)
      from="${1#--from=}"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
      [[ -z "$target" ]] || die "more than one target directory given"
      target="$1"
      shift
      ;;
  esac
done
target="${target:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
[[ -z "$from" || -d "$from" ]] || die "--from: $from is not a directory"
mkdir -p "$target"

for name in "${NAMES[@]}"; do
  dest="$target/$name.txt"
  expected="$(expected_sha256 "$name")"
  if [[ -e "$dest" ]]; then
    actual="$(sha256_of "$dest")"
    [[ "$actual" == "$expected" ]] ||
      die "$dest exists but its SHA-256 is $actual, expected $expected; remove it or choose another target"
    echo "ok       $dest (already present)"
    continue
  fi
  partial="$dest.part"
  trap 'rm -f "$partial"' EXIT
  fetch "$name" "$partial" || die "could not fetch $name.txt"
  actual="$(sha256_of "$partial")"
  if [[ "$actual" != "$expected" ]]; then
    rm -f "$partial"
    die "CHECKSUM MISMATCH for $name.txt: got $actual, expected $expected (file discarded)"
  fi
  mv "$partial" "$dest"
  trap - EXIT
  echo "verified $dest"
done
echo "All ${#NAMES[@]} datasets are in $target."

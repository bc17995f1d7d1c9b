#!/usr/bin/env bash
# Trains the rows of docs/results.md one after another, each to early stopping (up to 1000 epochs),
# niced, one libtorch thread: a finished row (results.json) is skipped, an interrupted one resumed
# (--resume), a missing one started. Run two of these at once, each with its own rows, to use two
# cores. Every row writes RUNS/DATASET-sSEED-ROW/.
#
# Usage: experiments/evidence.sh RUNS DATA_FILE SEED ROW [ROW ...]
#   ROW: sasrec-bce | sasrec-ce | duorec | fearec-arch | fearec
#   e.g. experiments/evidence.sh ~/fearec-runs data/Beauty.txt 2020 fearec sasrec-ce
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
kit=$(cd "$(dirname "$0")/.." && pwd)
runs=$1 data=$(realpath "$2") seed=$3
shift 3
name=$(basename "$data"); name=${name%.*}
export FEAREC_JAVA_OPTS="${FEAREC_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1}"
for row in "$@"; do
  case "$row" in
    sasrec-bce) args=(--model sasrec --set loss=bce) ;;
    sasrec-ce) args=(--model sasrec) ;;
    duorec) args=(--model duorec) ;;
    fearec-arch) args=(--model fearec --set contrastive=none --set frequency_weight=0) ;;
    fearec) args=(--model fearec) ;;
    *) echo "evidence.sh: unknown row '$row' (sasrec-bce, sasrec-ce, duorec, fearec-arch, fearec)" >&2; exit 2 ;;
  esac
  dir="$runs/$name-s$seed-$row"
  if [ -f "$dir/results.json" ]; then
    echo "evidence.sh: $dir finished, skipped"
  elif [ -d "$dir/checkpoint" ]; then
    nice "$kit/fearec" train --resume "$dir" --epochs 1000
  else
    nice "$kit/fearec" train --data "$data" --epochs 1000 --seed "$seed" --output "$dir" --overwrite "${args[@]}"
  fi
done

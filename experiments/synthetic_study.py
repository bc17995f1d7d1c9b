#!/usr/bin/env python3
"""The synthetic study of docs/results.md: where does FEARec's frequency machinery help?

Trains every cell of a small grid on the kit's embedded synthetic data with `./fearec train`,
several seeds per cell, and writes two CSV files (one row per run, one row per cell with mean,
standard deviation, min and max over the seeds) that docs/results.md and chapter 6 read.

The grid probes FEARec's inductive bias:
  periods  one period shared by every user (5) vs a period of each user's own (2-7). FEARec picks
           its top-k lags once per training batch, so a shared period is the case it is built for.
  users    few vs many (200, 1000, 4000 by default): how much data the extra machinery needs.
  models   SASRec; DuoRec (SASRec + us_x); FEARec as the paper (alpha = 0.1, us_x, frequency L1);
           FEARec without the contrastive and frequency terms (the architecture alone); and, on
           the 1000-user cells, FEARec with alpha = 0 (frequency branch only) and alpha = 1 (time
           branch only); on the 200-user cells, DuoRec with its contrastive pair changed (un: two
           dropout views of one sequence; su: the sequence and its semantic positive), which
           separates the two halves of us_x when it collapses, and SASRec, DuoRec, FEARec and
           FEARec's architecture trained 50 epochs instead of 10 (the -50ep models: does the
           collapse end with more training, and does the models' ordering hold?). The -batch-lags
           models score FEARec (and its architecture alone) with the lags of the batch average
           outside training too (inference_lags = batch), the lags it trains with: the authors'
           per-sample lags at inference differ from those of training (docs/model.md section 4).
Every cell uses N = 20 and 10 epochs, as the README's main job (the -50ep models: 50). Seeds change
the data and the training together (synthetic_seed = seed = s), so no result rests on one dataset.

Runs are resumable: a run whose results.json exists is not trained again, and a run interrupted
mid-way continues from its last checkpoint (`fearec train --resume`), so an interrupted study
continues where it stopped. A run recorded in the committed synthetic-runs.csv of --out counts as
finished too (its row is kept as it is), so a study continued on another machine, without the run
directories, trains only the cells that are missing. The CSV files are rewritten after every
run and keep every recorded row, also those outside --users and --seeds. Processes sharing the
grid with --shard merge their rows into the files they find; `--only-summary` once they have all
ended collects every finished run again from the run directories. Usage (from anywhere):

    experiments/synthetic_study.py [--runs DIR] [--out DIR] [--seeds 1,2,3] [--users 200,1000,4000]
                                   [--models M,...] [--fearec COMMAND] [--shard I/N] [--only-summary]
"""

import argparse
import csv
import fcntl
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PERIODS = {"shared": "5", "own": "2-7"}

# name -> extra `fearec train` arguments
MODELS = {
    "sasrec": ["--model", "sasrec"],
    "duorec": ["--model", "duorec"],
    "fearec": ["--model", "fearec"],
    "fearec-arch": ["--model", "fearec", "--set", "contrastive=none", "--set", "frequency_weight=0"],
    "fearec-batch-lags": ["--model", "fearec", "--set", "inference_lags=batch"],
    "fearec-arch-batch-lags": ["--model", "fearec", "--set", "contrastive=none", "--set",
                               "frequency_weight=0", "--set", "inference_lags=batch"],
    "fearec-alpha0": ["--model", "fearec", "--set", "time_weight=0"],
    "fearec-alpha1": ["--model", "fearec", "--set", "time_weight=1"],
    "duorec-un": ["--model", "duorec", "--set", "contrastive=un"],
    "duorec-su": ["--model", "duorec", "--set", "contrastive=su"],
    "sasrec-50ep": ["--model", "sasrec"],
    "duorec-50ep": ["--model", "duorec"],
    "fearec-50ep": ["--model", "fearec"],
    "fearec-arch-50ep": ["--model", "fearec", "--set", "contrastive=none", "--set", "frequency_weight=0"],
}
# models trained at some sizes only (the rest at every size): model -> users
LONG = ("sasrec-50ep", "duorec-50ep", "fearec-50ep", "fearec-arch-50ep")
ONLY_AT = {"fearec-alpha0": {1000}, "fearec-alpha1": {1000}, "duorec-un": {200}, "duorec-su": {200},
           "fearec-batch-lags": {200, 1000}, **{model: {200} for model in LONG}}
# every model trains 10 epochs but the LONG ones (does us_x's collapse end with more training,
# and does the ordering of the models hold?)
EPOCHS = 10
EPOCHS_OF = {model: 50 for model in LONG}

# Fewest items any cell allows: a motif holds distinct items and every item must occur in some
# motif, so items <= users * smallest period (200 * 2).
ITEMS = 400
COMMON = ["--max-length", "20", "--set", f"synthetic_items={ITEMS}"]

RUN_FIELDS = [
    "periods", "users", "model", "seed", "best_epoch", "test_HR@10", "test_NDCG@10",
    "test_NDCG@20", "valid_NDCG@10", "pop_test_NDCG@10", "first_cross_entropy",
    "last_cross_entropy", "last_contrastive", "train_s",
]


def cells(users, seeds, models=tuple(MODELS)):
    """Smallest datasets first, so an interrupted study has its cheap cells complete."""
    for n in sorted(users):
        for periods in PERIODS:
            for model in models:
                if n not in ONLY_AT.get(model, {n}):
                    continue
                for seed in seeds:
                    yield periods, n, model, seed


def train(fearec, run_dir, periods, users, model, seed):
    """Trains one cell into run_dir, or continues it there if an interrupted run left its
    checkpoint; stops the study if the run fails."""
    # a checkpoint is written after every epoch, as checkpoint/ (checkpoint.old/ while replaced)
    if any((run_dir / name).is_dir() for name in ("checkpoint", "checkpoint.old")):
        args = [fearec, "train", "--resume", str(run_dir)]
    else:  # --overwrite: a run stopped before its first epoch ended leaves nothing to keep
        args = [fearec, "train", *MODELS[model], *COMMON, "--epochs", str(EPOCHS_OF.get(model, EPOCHS)),
                "--set", f"synthetic_users={users}", "--set", f"synthetic_periods={PERIODS[periods]}",
                "--set", f"synthetic_seed={seed}", "--seed", str(seed), "--output", str(run_dir),
                "--overwrite"]
    log = run_dir.with_suffix(".log")
    run_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.time()
    with open(log, "w") as out:
        code = subprocess.call(args, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    if code != 0:
        sys.exit(f"{run_dir.name}: fearec train exited with {code}; see {log}")
    print(f"{run_dir.name}: {time.time() - started:.0f} s", flush=True)


def record(run_dir, periods, users, model, seed):
    """A run's row, its figures rounded as the CSV holds them, so that a summary comes out the
    same whether a row was read from its run directory or from the committed file."""
    results = json.loads((run_dir / "results.json").read_text())
    with open(run_dir / "epochs.csv") as f:
        epochs = list(csv.DictReader(f))
    row = {
        "periods": periods, "users": users, "model": model, "seed": seed,
        "best_epoch": results["bestEpoch"],
        "test_HR@10": results["test"]["HR@10"],
        "test_NDCG@10": results["test"]["NDCG@10"],
        "test_NDCG@20": results["test"]["NDCG@20"],
        "valid_NDCG@10": results["validation"]["NDCG@10"],
        "pop_test_NDCG@10": results["popularityTest"]["NDCG@10"],
        "first_cross_entropy": float(epochs[0]["cross_entropy"]),
        "last_cross_entropy": float(epochs[-1]["cross_entropy"]),
        "last_contrastive": float(epochs[-1]["contrastive"]),
        "train_s": round(results["trainSeconds"], 1),
    }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}


def recorded_rows(path):
    """The rows of an earlier synthetic-runs.csv, by (periods, users, model, seed); {} if none."""
    if not path.exists():
        return {}
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            typed = {k: (v if k in ("periods", "model")
                         else int(v) if k in ("users", "seed", "best_epoch") else float(v))
                     for k, v in r.items()}
            rows[(typed["periods"], typed["users"], typed["model"], typed["seed"])] = typed
    return rows


def grid_order(key):
    """Rows sorted as cells() yields them; a recorded model or period no longer in the grid last."""
    periods, users, model, seed = key
    rank = lambda names, name: list(names).index(name) if name in names else len(names)
    return users, rank(PERIODS, periods), rank(MODELS, model), seed


def summarise(rows):
    groups = {}
    for r in rows:
        groups.setdefault((r["periods"], r["users"], r["model"]), []).append(r)
    summary = []
    for (periods, users, model), runs in groups.items():
        ndcg = [r["test_NDCG@10"] for r in runs]
        hr = [r["test_HR@10"] for r in runs]
        summary.append({
            "periods": periods, "users": users, "model": model, "seeds": len(runs),
            "NDCG@10_mean": statistics.mean(ndcg),
            "NDCG@10_sd": statistics.stdev(ndcg) if len(ndcg) > 1 else math.nan,
            "NDCG@10_min": min(ndcg), "NDCG@10_max": max(ndcg),
            "HR@10_mean": statistics.mean(hr),
            "pop_NDCG@10_mean": statistics.mean(r["pop_test_NDCG@10"] for r in runs),
            "last_contrastive_mean": statistics.mean(r["last_contrastive"] for r in runs),
            "train_s_mean": statistics.mean(r["train_s"] for r in runs),
        })
    return summary


def save(out, rows):
    """Both CSV files from every row known: those of this invocation, those recorded earlier and
    those another shard has written since. Shards run at the same time, so the files are re-read,
    merged and replaced under a lock, never seen half written."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".synthetic-study.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        known = recorded_rows(out / "synthetic-runs.csv")
        known.update(rows)
        ordered = [known[k] for k in sorted(known, key=grid_order)]
        write(out / "synthetic-runs.csv", ordered, RUN_FIELDS)
        summary = summarise(ordered)
        write(out / "synthetic-summary.csv", summary, list(summary[0]) if summary else ["periods"])
    return len(ordered)


def write(path, rows, fields):
    """Writes beside path and then renames, so that a reader sees the old file or the new one."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            # a one-seed cell has no spread: an empty field, which CSV readers take as missing
            w.writerow({k: ("" if isinstance(v, float) and math.isnan(v)
                            else f"{v:.4f}" if isinstance(v, float) else v) for k, v in r.items()})
    os.replace(partial, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=Path, default=Path.home() / "fearec-runs" / "synthetic-study",
                   help="where the runs are written (default ~/fearec-runs/synthetic-study)")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "results",
                   help="where the CSV files go (default docs/results)")
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--users", default="200,1000,4000")
    p.add_argument("--models", default=",".join(MODELS),
                   help="the models to train, of " + ", ".join(MODELS) + " (default all)")
    p.add_argument("--fearec", default=str(ROOT / "fearec"),
                   help="the command that trains (default the kit's ./fearec)")
    p.add_argument("--shard", default="0/1",
                   help="I/N: train only every N-th cell starting at I, so N processes (one per"
                        " core) can share the grid; the summary always covers every finished run")
    p.add_argument("--only-summary", action="store_true",
                   help="summarise the finished runs, train nothing")
    a = p.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    users = [int(u) for u in a.users.split(",")]
    models = a.models.split(",")
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        p.error(f"--models: unknown {', '.join(unknown)}; expected some of {', '.join(MODELS)}")
    os.environ.setdefault(
        "FEAREC_JAVA_OPTS", "-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")
    shard, shards = (int(x) for x in a.shard.split("/"))
    # Rows recorded earlier are all kept, also those outside this invocation's --users and
    # --seeds; a run whose directory holds results replaces its recorded row.
    rows = recorded_rows(a.out / "synthetic-runs.csv")
    for i, (periods, n, model, seed) in enumerate(cells(users, seeds, models)):
        run_dir = a.runs / f"{periods}-u{n}-{model}-s{seed}"
        key = (periods, n, model, seed)
        if (run_dir / "results.json").exists():
            rows[key] = record(run_dir, periods, n, model, seed)
        elif key not in rows and not a.only_summary and i % shards == shard:
            train(a.fearec, run_dir, periods, n, model, seed)
            rows[key] = record(run_dir, periods, n, model, seed)
            save(a.out, rows)  # after every run, so that a study stopped early loses nothing
    print(f"{save(a.out, rows)} runs summarised into {a.out}/synthetic-summary.csv")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Beauty table of docs/results.md, from the run directories of `fearec train`.

For every row it copies the run's epochs.csv to docs/results/beauty-ROW.csv (the validation curves
the notebooks read), writes the test metrics of all rows to docs/results/beauty-test.csv (the
table chapter 6 of the course reads), and prints one markdown table row: test metrics of the best validation epoch
(from results.json, written when a run ends or is ended with `--resume DIR --epochs K`), best
epoch, epochs run, whether early stopping ended it, training time and samples/s. A row whose
run has no results.json yet is printed with its validation curve only. A row whose run directory
is missing (a continuation on another machine) keeps its line of the committed beauty-test.csv, and
its curve file stays as it is.

    experiments/beauty_table.py [--runs DIR] [--out DIR]
"""

import argparse
import csv
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# row name -> (run directory name, what the row isolates)
ROWS = {
    "sasrec-bce": ("beauty-sasrec-bce", "SASRec, original objective (BCE, 1 sampled negative, every position)"),
    "sasrec-ce": ("beauty-sasrec-ce", "SASRec, cross-entropy over all items"),
    "duorec": ("beauty-duorec", "DuoRec (SASRec + us_x)"),
    "fearec-arch": ("beauty-fearec-nocl", "FEARec without contrastive and frequency loss"),
    "fearec": ("beauty-fearec", "FEARec, paper settings"),
}
METRICS = ["HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20"]


def epochs(run):
    with open(run / "epochs.csv") as f:
        return list(csv.DictReader(f))


def row(name, label, run):
    log = epochs(run)
    best = max(log, key=lambda r: float(r["valid_NDCG@10"])) if log else None
    results = run / "results.json"
    if results.exists():
        r = json.loads(results.read_text())
        cells = [f"{r['test'][m]:.4f}" for m in METRICS]
        state = "early stop" if r["stoppedEarly"] else "ended by hand"
        hours = r["trainSeconds"] / 3600
        speed = f"{r['samplesPerSecond']:.0f}"
        popularity = r["popularityTest"]
    else:
        cells = ["–"] * len(METRICS)
        state = "running"
        hours = sum(float(e["train_s"]) for e in log) / 3600
        speed = "–"
        popularity = None
    best_epoch = best["epoch"] if best else "–"
    valid = f"{float(best['valid_NDCG@10']):.4f}" if best else "–"
    line = (f"| {label} | {' | '.join(cells)} | {valid} | {best_epoch} | {len(log)} | {state} "
            f"| {hours:.1f} | {speed} |")
    record = [name, label] + [("" if c == "–" else c) for c in cells] + [
        "" if valid == "–" else valid, "" if best_epoch == "–" else best_epoch, len(log), state]
    return line, popularity, record


CSV_HEADER = (["row", "label"] + [f"test_{m}" for m in METRICS]
              + ["best_valid_NDCG@10", "best_epoch", "epochs_run", "ended_by"])


def committed_rows(path):
    """The rows of an earlier beauty-test.csv by row name; {} if there is none."""
    if not path.exists():
        return {}
    with open(path) as f:
        return {r["row"]: r for r in csv.DictReader(f)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=Path, default=Path.home() / "fearec-runs")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "results")
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    lines = []
    records = []
    popularity = None
    committed = committed_rows(a.out / "beauty-test.csv")
    for name, (directory, label) in ROWS.items():
        run = a.runs / directory
        if not (run / "epochs.csv").exists():
            if name in committed:
                kept = committed[name]
                records.append([kept[h] for h in CSV_HEADER])
                lines.append(f"| {label} | " + " | ".join(kept[f"test_{m}"] or "–" for m in METRICS)
                             + f" | {kept['best_valid_NDCG@10'] or '–'} | {kept['best_epoch'] or '–'}"
                             f" | {kept['epochs_run']} | {kept['ended_by']} | (kept) | (kept) |")
            continue
        shutil.copyfile(run / "epochs.csv", a.out / f"beauty-{name}.csv")
        line, pop, record = row(name, label, run)
        popularity = popularity or pop
        lines.append(line)
        records.append(record)
    print("| row | " + " | ".join(f"test {m}" for m in METRICS)
          + " | best valid NDCG@10 | best epoch | epochs run | ended by | train h | samples/s |")
    print("|---" * (len(METRICS) + 7) + "|")
    if popularity is None and "popularity" in committed:
        popularity = {m: float(committed["popularity"][f"test_{m}"]) for m in METRICS}
    if popularity:
        print("| popularity | " + " | ".join(f"{popularity[m]:.4f}" for m in METRICS)
              + " | – | – | – | – | – | – |")
    print("\n".join(lines))
    with open(a.out / "beauty-test.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_HEADER)
        if popularity:
            w.writerow(["popularity", "popularity"] + [f"{popularity[m]:.4f}" for m in METRICS]
                       + ["", "", "", ""])
        w.writerows(records)


if __name__ == "__main__":
    main()

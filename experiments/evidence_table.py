#!/usr/bin/env python3
"""The tables of docs/results.md §1, from the run directories that experiments/evidence.sh writes.

A run directory is RUNS/DATASET-sSEED-ROW (e.g. ~/fearec-runs/Beauty-s2020-fearec). For every run
this script

- copies its epochs.csv (loss terms and validation metrics under both ranking protocols, per
  epoch) to OUT/runs/DATASET-sSEED-ROW.csv;
- records, per ranking protocol, the test metrics of its best validation epoch from results.json
  (written when a run ends, or is ended with `fearec train --resume DIR --epochs K`) in
  OUT/evidence-test.csv, together with the popularity baseline of the same data and protocol.
  A run without results.json yet has no row there (the chapters and tables read finished runs
  only); its state is printed instead (below);

and prints, per dataset and protocol, every row's mean ± s.d. over its seeds and the paired
differences (over the seeds both rows have) that answer the page's questions, then the state of
every run that has not ended (epochs finished, its best epoch so far, the patience it has used),
for docs/results.md's run state. Runs whose
directories are not on this machine keep their rows of the committed evidence-test.csv, so a
session can add seeds without the runs of earlier sessions; a finished row is replaced only when a
new run of the same dataset, seed, row and protocol has finished too.

    experiments/evidence_table.py [--runs DIR] [--out DIR]
"""

import argparse
import csv
import json
import re
import shutil
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# row name -> what the row isolates (docs/results.md §1, the commands of experiments/evidence.sh)
ROWS = {
    "popularity": "popularity",
    "sasrec-bce": "SASRec, original objective (BCE, 1 sampled negative, every position)",
    "sasrec-ce": "SASRec, cross-entropy over all items",
    "duorec": "DuoRec (SASRec + us_x)",
    "fearec-arch": "FEARec without contrastive and frequency loss",
    "fearec": "FEARec, paper settings",
}
PROTOCOLS = ["history kept", "history removed"]
METRICS = ["HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20"]
HEADER = (["dataset", "seed", "row", "label", "protocol"] + [f"test_{m}" for m in METRICS]
          + ["best_valid_NDCG@10", "best_epoch", "epochs_run", "ended_by"])
# the questions of docs/results.md: (row a, row b) -> a − b, paired by seed
PAIRS = [("fearec", "sasrec-ce"), ("fearec", "duorec"), ("fearec-arch", "sasrec-ce"),
         ("duorec", "sasrec-ce"), ("sasrec-ce", "sasrec-bce")]
RUN_NAME = re.compile(r"^(?P<dataset>.+)-s(?P<seed>\d+)-(?P<row>[a-z-]+)$")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def valid_column(protocol, metric="NDCG@10"):
    """epochs.csv's column of a validation metric under a protocol (see eval.RankingProtocol)."""
    return f"valid_{metric}" if protocol == "history kept" else f"valid_nohistory_{metric}"


def settings(run):
    """config.properties of a run directory (key = value lines, # comments)."""
    pairs = (line.split("=", 1) for line in (run / "config.properties").read_text().splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def run_state(found):
    """The markdown table of the runs in found that have not ended (no results.json)."""
    lines = ["| run | epochs finished | best epoch so far | its valid NDCG@10, history kept / removed | epochs without improvement / patience |",
             "|---|---|---|---|---|"]
    for run in found:
        if (run / "results.json").exists():
            continue
        epochs = read_csv(run / "epochs.csv")
        config = settings(run)
        selecting = "history removed" if config.get("exclude_history") == "true" else "history kept"
        if epochs:
            best = max(epochs, key=lambda e: float(e[valid_column(selecting)]))
            since = len(epochs) - int(best["epoch"])
            lines.append(f"| `{run.name}` | {len(epochs)} | {best['epoch']} | "
                         f"{float(best[valid_column('history kept')]):.4f} / "
                         f"{float(best[valid_column('history removed')]):.4f} | "
                         f"{since} / {config.get('patience', '?')} |")
        else:
            lines.append(f"| `{run.name}` | 0 | – | – | – |")
    return "\n".join(lines) if len(lines) > 2 else "No run is unfinished."


def run_records(run, dataset, seed, row):
    """The evidence rows of one run directory: one per protocol, plus popularity's."""
    epochs = read_csv(run / "epochs.csv") if (run / "epochs.csv").exists() else []
    results = run / "results.json"
    r = json.loads(results.read_text()) if results.exists() else None
    selecting = r["selectedBy"] if r else "history kept"
    best = max(epochs, key=lambda e: float(e[valid_column(selecting)])) if epochs else None
    state = ("early stop" if r["stoppedEarly"] else "ended by hand") if r else ""
    out = []
    for protocol in PROTOCOLS:
        record = {"dataset": dataset, "seed": seed, "row": row, "label": ROWS[row],
                  "protocol": protocol, "epochs_run": len(epochs), "ended_by": state}
        if best is not None and best.get(valid_column(protocol)):
            record["best_valid_NDCG@10"] = best[valid_column(protocol)]
            record["best_epoch"] = best["epoch"]
        if r:
            metrics = r["protocols"][protocol]
            record.update({f"test_{m}": f"{metrics['test'][m]:.4f}" for m in METRICS})
            pop = {"dataset": dataset, "seed": "", "row": "popularity", "label": ROWS["popularity"],
                   "protocol": protocol}
            pop.update({f"test_{m}": f"{metrics['popularityTest'][m]:.4f}" for m in METRICS})
            out.append(pop)
        out.append(record)
    return out


def key(record):
    return (record["dataset"], str(record["seed"]), record["row"], record["protocol"])


def collect(runs, committed):
    """Committed rows, replaced by those of every run directory found under runs."""
    records = {key(r): r for r in committed}
    found = []
    for run in sorted(p for p in runs.iterdir() if p.is_dir()) if runs.is_dir() else []:
        m = RUN_NAME.match(run.name)
        if not m or m["row"] not in ROWS or not (run / "epochs.csv").exists():
            continue
        found.append(run)
        for record in run_records(run, m["dataset"], m["seed"], m["row"]):
            if not record.get("test_NDCG@10"):
                continue  # not finished: a committed row of the same run stays until it has
            records[key(record)] = {h: str(record.get(h, "")) for h in HEADER}
    order = {name: i for i, name in enumerate(ROWS)}
    rows = sorted(records.values(), key=lambda r: (r["dataset"], PROTOCOLS.index(r["protocol"]),
                                                   order[r["row"]], r["seed"]))
    return rows, found


def mean_sd(values):
    """'0.0435' for one value, '0.0435 ± 0.0012 (n = 3)' for several (sample s.d.)."""
    if len(values) == 1:
        return f"{values[0]:.4f} (n = 1)"
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f} (n = {len(values)})"


def test_values(rows, dataset, protocol, row, metric="NDCG@10"):
    """seed -> test metric of the finished runs of one row."""
    return {r["seed"]: float(r[f"test_{metric}"]) for r in rows
            if (r["dataset"], r["protocol"], r["row"]) == (dataset, protocol, row)
            and r[f"test_{metric}"] and r["row"] != "popularity"}


def paired(rows, dataset, protocol, a, b, metric="NDCG@10"):
    """The differences a − b over the seeds both rows have finished, in seed order."""
    va, vb = test_values(rows, dataset, protocol, a, metric), test_values(rows, dataset, protocol, b, metric)
    return [va[s] - vb[s] for s in sorted(set(va) & set(vb))]


def summary(rows):
    """The markdown tables of docs/results.md §1: means over seeds and paired differences."""
    lines = []
    for dataset in sorted({r["dataset"] for r in rows}):
        for protocol in PROTOCOLS:
            lines.append(f"\n{dataset}, {protocol} — test, best validation epoch, mean ± s.d. over seeds\n")
            lines.append("| row | HR@10 | NDCG@10 | NDCG@20 | seeds |")
            lines.append("|---|---|---|---|---|")
            for row in ROWS:
                if row == "popularity":
                    pop = [r for r in rows if (r["dataset"], r["protocol"], r["row"])
                           == (dataset, protocol, row)]
                    if pop:
                        lines.append(f"| popularity | {pop[0]['test_HR@10']} | {pop[0]['test_NDCG@10']}"
                                     f" | {pop[0]['test_NDCG@20']} | – |")
                    continue
                cells = []
                for metric in ("HR@10", "NDCG@10", "NDCG@20"):
                    v = test_values(rows, dataset, protocol, row, metric)
                    cells.append(mean_sd([v[s] for s in sorted(v)]) if v else "–")
                seeds = sorted(test_values(rows, dataset, protocol, row))
                lines.append(f"| {ROWS[row]} | " + " | ".join(cells) + f" | {', '.join(seeds) or '–'} |")
            lines.append(f"\n{dataset}, {protocol} — paired differences of test NDCG@10\n")
            lines.append("| difference | per seed | mean ± s.d. |")
            lines.append("|---|---|---|")
            for a, b in PAIRS:
                d = paired(rows, dataset, protocol, a, b)
                if d:
                    lines.append(f"| {a} − {b} | " + ", ".join(f"{x:+.4f}" for x in d)
                                 + f" | {mean_sd(d)} |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=Path, default=Path.home() / "fearec-runs")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "results")
    a = p.parse_args()
    table = a.out / "evidence-test.csv"
    rows, found = collect(a.runs, read_csv(table) if table.exists() else [])
    (a.out / "runs").mkdir(parents=True, exist_ok=True)
    for run in found:
        shutil.copyfile(run / "epochs.csv", a.out / "runs" / f"{run.name}.csv")
    with open(table, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER)
        w.writeheader()
        w.writerows(rows)
    print(summary(rows))
    print("\nUnfinished runs under %s\n" % a.runs)
    print(run_state(found))


if __name__ == "__main__":
    main()

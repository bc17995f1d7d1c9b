"""experiments/synthetic_study.py end to end, with a stand-in for `fearec train`.

The stand-in writes the two files the study reads (results.json, epochs.csv) with metrics that
follow from the cell's arguments, and logs every call, so that the tests can check what the study
trains, what it skips and what it writes, without training anything.
"""

import csv
import json
import math
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

STUDY = Path(__file__).resolve().parent.parent / "synthetic_study.py"

# NDCG@10 = seed / 10 + users / 10^5, so that every run has its own, predictable value.
STAND_IN = textwrap.dedent("""\
    #!{python}
    import json, sys, time
    from pathlib import Path
    args = sys.argv[1:]
    value = lambda flag: args[args.index(flag) + 1]
    with open(Path(sys.argv[0]).with_suffix(".calls"), "a") as log:
        log.write(" ".join(args) + "\\n")
    if "--resume" in args:  # the run's own settings, as fearec train --resume reads them
        out = Path(value("--resume"))
        args = json.loads((out / "args.json").read_text())
    else:
        out = Path(value("--output"))
        out.mkdir(parents=True, exist_ok="--overwrite" in args)
        (out / "args.json").write_text(json.dumps(args))
    sets = dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "--set")
    seed, users, epochs = int(value("--seed")), int(sets["synthetic_users"]), int(value("--epochs"))
    time.sleep(0.05)  # long enough for two shards to interleave their writes
    ndcg = seed / 10 + users / 1e5
    metrics = {{"HR@10": 2 * ndcg, "NDCG@10": ndcg, "NDCG@20": ndcg + 0.01}}
    (out / "epochs.csv").write_text("epoch,cross_entropy,contrastive\\n"
        + "".join(f"{{e}},{{6 - e / 10}},{{seed}}\\n" for e in range(1, epochs + 1)))
    (out / "results.json").write_text(json.dumps({{
        "bestEpoch": epochs, "test": metrics, "validation": metrics,
        "popularityTest": {{"NDCG@10": 0.05}}, "trainSeconds": 1.0}}))
""")


@pytest.fixture
def fearec(tmp_path):
    path = tmp_path / "fearec"
    path.write_text(STAND_IN.format(python=sys.executable))
    path.chmod(0o755)
    return path


def started(fearec, tmp_path, *args):
    return subprocess.Popen([sys.executable, str(STUDY), "--fearec", str(fearec),
                             "--runs", str(tmp_path / "runs"), "--out", str(tmp_path / "out"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process):
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def study(fearec, tmp_path, *args):
    return finished(started(fearec, tmp_path, *args))


def calls(fearec):
    log = fearec.with_suffix(".calls")
    return log.read_text().splitlines() if log.exists() else []


def runs_csv(tmp_path):
    with open(tmp_path / "out" / "synthetic-runs.csv") as f:
        return {(r["periods"], int(r["users"]), r["model"], int(r["seed"])): r for r in csv.DictReader(f)}


def summary_csv(tmp_path):
    with open(tmp_path / "out" / "synthetic-summary.csv") as f:
        return {(r["periods"], int(r["users"]), r["model"]): r for r in csv.DictReader(f)}


def test_trains_every_cell_once_and_records_it(fearec, tmp_path):
    study(fearec, tmp_path, "--users", "200", "--seeds", "1,2")
    rows = runs_csv(tmp_path)
    # 2 periods x (5 models at every size + fearec-batch-lags, duorec-un, duorec-su and the four
    # -50ep models) x 2 seeds
    assert len(rows) == 2 * 12 * 2 == len(calls(fearec))
    assert float(rows[("own", 200, "sasrec", 2)]["test_NDCG@10"]) == pytest.approx(0.202)
    long = [c for c in calls(fearec) if "--epochs 50" in c]
    assert len(long) == 2 * 4 * 2 and all("--output" in c and "50ep-s" in c for c in long)
    # the alpha models train at 1000 users only
    assert not any("time_weight" in c for c in calls(fearec))
    # a second invocation finds every run finished and trains nothing
    study(fearec, tmp_path, "--users", "200", "--seeds", "1,2")
    assert len(calls(fearec)) == 48


def test_models_limits_the_models_trained_and_refuses_unknown_ones(fearec, tmp_path):
    study(fearec, tmp_path, "--users", "1000,4000", "--seeds", "1", "--models",
          "fearec-batch-lags,fearec-arch-batch-lags")
    # fearec-batch-lags trains at 200 and 1000 users only, fearec-arch-batch-lags at every size
    assert sorted(runs_csv(tmp_path)) == sorted(
        [(p, 1000, "fearec-batch-lags", 1) for p in ("shared", "own")]
        + [(p, n, "fearec-arch-batch-lags", 1) for p in ("shared", "own") for n in (1000, 4000)])
    assert all("inference_lags=batch" in c for c in calls(fearec))
    done = subprocess.run([sys.executable, str(STUDY), "--fearec", str(fearec), "--models",
                           "fearec,fearec-batch"], capture_output=True, text=True)
    assert done.returncode == 2 and "--models: unknown fearec-batch; expected some of" in done.stderr


def test_summary_has_mean_and_sample_sd_over_seeds(fearec, tmp_path):
    study(fearec, tmp_path, "--users", "200", "--seeds", "1,2,3")
    cell = summary_csv(tmp_path)[("shared", 200, "fearec")]
    ndcg = [0.102, 0.202, 0.302]
    assert int(cell["seeds"]) == 3
    assert float(cell["NDCG@10_mean"]) == pytest.approx(statistics.mean(ndcg), abs=1e-4)
    # the sample standard deviation, by hand: deviations -0.1, 0, 0.1 over n - 1 = 2
    assert float(cell["NDCG@10_sd"]) == pytest.approx(math.sqrt(0.02 / 2), abs=1e-4)
    assert float(cell["last_contrastive_mean"]) == pytest.approx(2.0)


def test_recorded_rows_outside_the_invocation_are_kept_and_not_retrained(fearec, tmp_path):
    study(fearec, tmp_path, "--users", "1000", "--seeds", "1")
    # a study continued on another machine: the run directories are gone, the CSV is not
    for run in (tmp_path / "runs").iterdir():
        if run.is_dir():
            (run / "results.json").unlink()
    before = len(calls(fearec))
    study(fearec, tmp_path, "--users", "200,1000", "--seeds", "1")
    rows = runs_csv(tmp_path)
    trained_now = calls(fearec)[before:]
    assert trained_now and all("synthetic_users=200" in c for c in trained_now)
    assert ("shared", 1000, "fearec-alpha1", 1) in rows  # recorded, not retrained
    # an invocation over 200 users only writes the files again with the 1000-user rows in them
    study(fearec, tmp_path, "--users", "200", "--seeds", "2")
    assert ("own", 1000, "sasrec", 1) in runs_csv(tmp_path)
    assert ("own", 1000, "sasrec") in summary_csv(tmp_path)


def test_shards_running_together_split_the_grid_and_keep_each_others_rows(fearec, tmp_path):
    # two processes at once, each writing the files after every run of its own
    shards = [started(fearec, tmp_path, "--users", "200", "--seeds", "1", "--shard", f"{i}/2")
              for i in range(2)]
    for shard in shards:
        finished(shard)
    outputs = [c.split("--output ")[1] for c in calls(fearec)]
    assert len(outputs) == len(set(outputs)) == 24
    assert len(runs_csv(tmp_path)) == 24
    # --only-summary trains nothing and rebuilds the same files from the run directories
    rows = runs_csv(tmp_path)
    study(fearec, tmp_path, "--users", "200", "--seeds", "1", "--only-summary")
    assert len(calls(fearec)) == 24 and runs_csv(tmp_path) == rows


def test_a_failing_run_stops_the_study_with_its_log(tmp_path):
    failing = tmp_path / "fearec"
    failing.write_text("#!/bin/sh\necho 'settings: unknown key' >&2\nexit 2\n")
    failing.chmod(0o755)
    done = subprocess.run([sys.executable, str(STUDY), "--fearec", str(failing), "--runs",
                           str(tmp_path / "runs"), "--out", str(tmp_path / "out"), "--users", "200",
                           "--seeds", "1"], capture_output=True, text=True)
    assert done.returncode != 0
    assert "shared-u200-sasrec-s1: fearec train exited with 2" in done.stderr
    log = tmp_path / "runs" / "shared-u200-sasrec-s1.log"
    assert "unknown key" in log.read_text() and str(log) in done.stderr


def test_a_summary_is_the_same_from_run_directories_and_from_the_committed_rows(fearec, tmp_path):
    # figures with more than four decimals, 0.50003, 0.50006, 0.50009: their standard deviation
    # is 0.00003, that of the rounded 0.5000, 0.5001, 0.5001 is 0.00006
    fearec.write_text(fearec.read_text().replace("ndcg = seed / 10 + users / 1e5",
                                                 "ndcg = 0.5 + seed * 3e-5"))
    study(fearec, tmp_path, "--users", "200", "--seeds", "1,2,3")
    from_runs = (tmp_path / "out" / "synthetic-summary.csv").read_text()
    for run in (tmp_path / "runs").iterdir():
        if run.is_dir():
            (run / "results.json").unlink()
    study(fearec, tmp_path, "--users", "200", "--seeds", "1,2,3", "--only-summary")
    assert (tmp_path / "out" / "synthetic-summary.csv").read_text() == from_runs


def test_an_interrupted_run_continues_from_its_checkpoint_and_one_without_starts_again(fearec, tmp_path):
    study(fearec, tmp_path, "--users", "200", "--seeds", "1")
    resumed, restarted = tmp_path / "runs" / "own-u200-fearec-s1", tmp_path / "runs" / "own-u200-sasrec-s1"
    expected = runs_csv(tmp_path)
    (tmp_path / "out" / "synthetic-runs.csv").unlink()  # no recorded rows: the run directories count
    for run in (resumed, restarted):
        (run / "results.json").unlink()
    (resumed / "checkpoint").mkdir()  # stopped after an epoch; restarted: before its first ended
    before = len(calls(fearec))
    study(fearec, tmp_path, "--users", "200", "--seeds", "1")
    first_time = next(c for c in calls(fearec)[:before] if f"--output {restarted} " in c)
    assert sorted(calls(fearec)[before:]) == sorted([f"train --resume {resumed}", first_time])
    assert runs_csv(tmp_path) == expected

"""experiments/evidence_table.py on hand-made run directories, checked against hand-worked figures."""

import csv
import json
import math
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "evidence_table.py"
METRICS = ["HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20"]


def metrics(ndcg10):
    return {m: (ndcg10 if m == "NDCG@10" else 0.5) for m in METRICS}


def make_run(runs, name, kept, removed, finished=True, valid=((0.01, 0.02), (0.03, 0.05))):
    """A run whose test NDCG@10 is `kept` / `removed`; valid = per-epoch (kept, removed)."""
    run = runs / name
    run.mkdir(parents=True, exist_ok=True)
    (run / "config.properties").write_text("# effective settings\nmodel = fearec\npatience = 10\n"
                                           "exclude_history = false\n")
    header = ["epoch", "loss", "valid_NDCG@10", "valid_nohistory_NDCG@10", "improved"]
    with open(run / "epochs.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i, (k, r) in enumerate(valid, start=1):
            w.writerow([i, 1.0, k, r, "true"])
    if finished:
        results = {"selectedBy": "history kept", "stoppedEarly": True, "protocols": {
            "history kept": {"test": metrics(kept), "popularityTest": metrics(0.005)},
            "history removed": {"test": metrics(removed), "popularityTest": metrics(0.006)}}}
        (run / "results.json").write_text(json.dumps(results))


def read_lines(path):
    return path.read_text().splitlines()


def run_docs(runs, out, args):
    return subprocess.run([sys.executable, str(SCRIPT), "--runs", str(runs), "--out", str(out)] + args,
                          capture_output=True, text=True)


def run_script(runs, out):
    done = run_docs(runs, out, [])
    done.check_returncode()
    with open(out / "evidence-test.csv", newline="") as f:
        return done.stdout, list(csv.DictReader(f))


def test_both_protocols_seeds_and_paired_differences(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    # FEARec − SASRec-CE with history kept: +0.002 (2020), −0.001 (2021) → mean 0.0005,
    # s.d. sqrt(((0.0015)² + (0.0015)²) / 1) = 0.0021
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    make_run(runs, "Beauty-s2021-fearec", 0.041, 0.052)
    make_run(runs, "Beauty-s2020-sasrec-ce", 0.042, 0.050)
    make_run(runs, "Beauty-s2021-sasrec-ce", 0.042, 0.051)
    make_run(runs, "Beauty-s2022-sasrec-ce", 0.040, 0.049, finished=False)
    stdout, rows = run_script(runs, out)

    kept = {(r["seed"], r["row"]): r for r in rows if r["protocol"] == "history kept"}
    removed = {(r["seed"], r["row"]): r for r in rows if r["protocol"] == "history removed"}
    assert kept[("2020", "fearec")]["test_NDCG@10"] == "0.0440"
    assert removed[("2020", "fearec")]["test_NDCG@10"] == "0.0550"
    assert kept[("", "popularity")]["test_NDCG@10"] == "0.0050"
    assert removed[("", "popularity")]["test_NDCG@10"] == "0.0060"
    # the best epoch is chosen by the selecting protocol; each protocol reports its own value there
    assert kept[("2020", "fearec")]["best_epoch"] == "2"
    assert removed[("2020", "fearec")]["best_valid_NDCG@10"] == "0.05"
    # a run still going has no row (its state is printed instead)
    assert ("2022", "sasrec-ce") not in kept and ("2022", "sasrec-ce") not in removed
    # 95 % interval: 0.0005 ± 12.706 · 0.0021213 / √2 = 0.0005 ± 0.0191; the sign changes
    assert ("| fearec − sasrec-ce | +0.0020, -0.0010 | 0.0005 ± 0.0021 (n = 2) | -0.0186 to +0.0196 "
            "| no: the sign changes between seeds |") in stdout
    assert "| SASRec, cross-entropy over all items | 0.5000 ± 0.0000 (n = 2) | 0.0420 ± 0.0000 (n = 2)" in stdout
    # history removed: +0.005, +0.001 → 0.0030 ± 0.0028
    # same sign, but 0.0030 ± 12.706 · 0.0028284 / √2 = 0.0030 ± 0.0254 includes 0
    assert ("| fearec − sasrec-ce | +0.0050, +0.0010 | 0.0030 ± 0.0028 (n = 2) | -0.0224 to +0.0284 "
            "| not shown: same sign in every seed, interval includes 0 |") in stdout
    # curves: a finished run's beside the rows, one still going apart
    assert (out / "runs" / "Beauty-s2021-fearec.csv").exists()
    assert not (out / "runs" / "Beauty-s2022-sasrec-ce.csv").exists()
    assert (out / "runs" / "unfinished" / "Beauty-s2022-sasrec-ce.csv").exists()


def test_a_dataset_without_a_common_seed_says_so_instead_of_an_empty_table(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    make_run(runs, "Toys-s2020-sasrec-bce", 0.024, 0.034)
    make_run(runs, "Toys-s2021-sasrec-ce", 0.040, 0.050)  # another seed: nothing to pair with
    stdout, _ = run_script(runs, out)
    removed = stdout.split("**Toys, history removed**: paired differences")[1]
    assert removed.strip().startswith("of test NDCG@10 (a − b, per seed)\n\nNone yet: no two rows")
    assert "| difference |" not in stdout


def test_a_difference_that_holds_in_three_seeds_survives(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    # history kept: +0.002, +0.003, +0.004 → mean 0.003, s.d. 0.001,
    # 0.003 ± 4.303 · 0.001 / √3 = 0.003 ± 0.00248 → 0.0005 to 0.0055
    for seed, (f, s) in {2020: (0.044, 0.042), 2021: (0.045, 0.042), 2022: (0.046, 0.042)}.items():
        make_run(runs, f"Beauty-s{seed}-fearec", f, 0.05)
        make_run(runs, f"Beauty-s{seed}-sasrec-ce", s, 0.05)
    stdout, _ = run_script(runs, out)
    assert ("| fearec − sasrec-ce | +0.0020, +0.0030, +0.0040 | 0.0030 ± 0.0010 (n = 3) | +0.0005 to +0.0055 "
            "| yes: same sign in every seed, interval excludes 0 |") in stdout, stdout


def test_the_t_quantiles_match_the_t_distribution():
    """T975 against the Student t density integrated numerically (Simpson's rule)."""
    sys.path.insert(0, str(SCRIPT.parent))
    from evidence_table import T975

    def cdf(x, df, steps=20000):
        c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
        f = lambda t: c * (1 + t * t / df) ** (-(df + 1) / 2)
        h = x / steps
        area = f(0) + f(x) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, steps))
        return 0.5 + area * h / 3

    for df, t in T975.items():
        assert abs(cdf(t, df) - 0.975) < 2e-5, (df, t, cdf(t, df))


def test_rows_of_runs_not_on_this_machine_are_kept(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    run_script(runs, out)
    # a later session has only a new seed's directory: the 2020 rows stay, the new ones join
    other = tmp_path / "later"
    make_run(other, "Beauty-s2021-fearec", 0.041, 0.052)
    _, rows = run_script(other, out)
    seeds = sorted({r["seed"] for r in rows if r["row"] == "fearec"})
    assert seeds == ["2020", "2021"]
    assert len([r for r in rows if r["row"] == "popularity"]) == 2  # one per protocol


def test_a_finished_row_stays_until_its_new_run_has_finished(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    run_script(runs, out)
    again = tmp_path / "again"
    make_run(again, "Beauty-s2020-fearec", 0.030, 0.040, finished=False)
    _, rows = run_script(again, out)
    fearec = [r for r in rows if r["row"] == "fearec" and r["protocol"] == "history kept"]
    assert [r["test_NDCG@10"] for r in fearec] == ["0.0440"]
    # and so does its curve; the new run's waits in unfinished/ until it ends, then replaces it
    assert len(read_lines(out / "runs" / "Beauty-s2020-fearec.csv")) == 3
    make_run(again, "Beauty-s2020-fearec", 0.030, 0.040, finished=False,
             valid=((0.01, 0.02), (0.03, 0.05), (0.04, 0.06), (0.02, 0.03)))
    run_script(again, out)
    assert len(read_lines(out / "runs" / "unfinished" / "Beauty-s2020-fearec.csv")) == 5
    assert len(read_lines(out / "runs" / "Beauty-s2020-fearec.csv")) == 3
    (again / "Beauty-s2020-fearec" / "results.json").write_text(
        (runs / "Beauty-s2020-fearec" / "results.json").read_text())
    run_script(again, out)
    assert len(read_lines(out / "runs" / "Beauty-s2020-fearec.csv")) == 5
    assert not (out / "runs" / "unfinished" / "Beauty-s2020-fearec.csv").exists()


def test_unfinished_runs_are_listed_with_their_state(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    # best (history kept, the selecting protocol) at epoch 2 of 4: 2 epochs without improvement
    make_run(runs, "Beauty-s2021-duorec", 0, 0, finished=False,
             valid=((0.01, 0.09), (0.04, 0.05), (0.03, 0.06), (0.02, 0.07)))
    stdout, _ = run_script(runs, out)
    state = stdout[stdout.index("Unfinished runs"):]
    assert "| `Beauty-s2021-duorec` | 4 | 2 | 0.0400 / 0.0500 | 2 / 10 |" in state, state
    assert "Beauty-s2020-fearec" not in state, state


def doc_with(*names):
    return "".join(f"text\n<!-- generated by experiments/evidence_table.py: {n} -->\nstale\n"
                   f"<!-- end of {n} -->\n" for n in names)


def test_generated_blocks_of_the_docs_are_filled_and_checked(tmp_path):
    runs, out, doc = tmp_path / "runs", tmp_path / "out", tmp_path / "results.md"
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    make_run(runs, "Beauty-s2020-sasrec-ce", 0.042, 0.050)
    doc.write_text(doc_with("Beauty, history kept", "Beauty, history removed", "Beauty, over seeds"))
    assert run_docs(runs, out, ["--docs", str(doc)]).returncode == 0
    text = doc.read_text()
    assert "stale" not in text and text.startswith("text\n<!-- generated by")
    # history removed: test NDCG@10 0.055, the others 0.5; best epoch 2 (valid 0.03 kept → 0.05 removed)
    assert ("| FEARec, paper settings | 2020 | 0.5000 | 0.5000 | 0.5000 | 0.5000 | 0.0550 | 0.5000 "
            "| 0.0500 | 2 | 2 | early stop |") in text, text
    assert "| popularity | – | 0.5000 | 0.5000 | 0.5000 | 0.5000 | 0.0060 | 0.5000 | – | – | – | – |" in text
    assert "| fearec − sasrec-ce | +0.0050 | 0.0050 (n = 1) |" in text  # history removed, 0.055 − 0.050
    ok = run_docs(runs, out, ["--check", str(doc)])
    assert ok.returncode == 0, ok.stderr
    # one changed figure: the check names the block and rewrites nothing
    doc.write_text(text.replace("| 0.0550 |", "| 0.0551 |"))
    bad = run_docs(runs, out, ["--check", str(doc)])
    assert bad.returncode == 1 and "out of date" in bad.stderr and "Beauty, history removed" in bad.stderr
    assert "| 0.0551 |" in doc.read_text()


def test_unknown_missing_or_unclosed_blocks_stop_the_script(tmp_path):
    runs, out, doc = tmp_path / "runs", tmp_path / "out", tmp_path / "results.md"
    make_run(runs, "Beauty-s2020-fearec", 0.044, 0.055)
    doc.write_text(doc_with("Toys, history kept"))
    done = run_docs(runs, out, ["--docs", str(doc)])
    assert done.returncode == 1 and "no data for the block(s) Toys, history kept" in done.stderr
    assert not (out / "evidence-test.csv").exists()  # checked before anything is written
    doc.write_text("<!-- generated by experiments/evidence_table.py: Beauty, history kept -->\n| old |\n")
    done = run_docs(runs, out, ["--docs", str(doc)])
    assert done.returncode == 1 and "has no end marker (Beauty, history kept)" in done.stderr
    assert doc.read_text().endswith("| old |\n")
    # a dataset with finished runs but no blocks on the page: named, with the markers to add
    make_run(runs, "Toys-s2020-fearec", 0.030, 0.040)
    doc.write_text(doc_with("Beauty, history kept", "Beauty, history removed", "Beauty, over seeds"))
    done = run_docs(runs, out, ["--docs", str(doc)])
    assert done.returncode == 1, done.stdout
    assert ("no place for the block(s) Toys, history kept, Toys, history removed, Toys, over seeds"
            in done.stderr and "'<!-- end of Toys, over seeds -->'" in done.stderr)
    assert "stale" in doc.read_text() and not (out / "evidence-test.csv").exists()


def test_the_committed_results_page_agrees_with_the_committed_csv():
    root = SCRIPT.parent.parent
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", str(root / "docs" / "results.md"),
                           "--out", str(root / "docs" / "results")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def first_word(source):
    """The name a source goes by on the page and in published.csv: "BSARec's re-runs" and "BSARec re-runs" -> "BSARec"."""
    return re.match(r"\w+", source).group()


def published_cells(page):
    """(source's first word, model) -> the HR@10 / NDCG@10 cells of the page's published-row tables,
    those whose header starts with '| source |', without a remark in brackets (the kit's rows left out)."""
    cells, header = {}, None
    for line in page.splitlines():
        if line.startswith("| source |"):
            header = [c.strip() for c in line.strip("|").split("|")]
        elif header and line.startswith("|") and not line.startswith("|---"):
            row = [c.strip() for c in line.strip("|").split("|")]
            source = first_word(row[0])
            if source != "kit":
                for model, cell in zip(header[1:], row[1:]):
                    cells.setdefault((source, model), []).append(cell.split(" (")[0])
        elif not line.startswith("|"):
            header = None
    return cells


def test_the_published_rows_on_the_results_page_are_those_of_published_csv():
    root = SCRIPT.parent.parent
    results = root / "docs" / "results"
    with open(results / "published.csv", newline="") as f:
        published = list(csv.DictReader(f))
    with open(results / "evidence-test.csv", newline="") as f:
        datasets = {r["dataset"] for r in csv.DictReader(f)}
    cells = published_cells((root / "docs" / "results.md").read_text())
    shown = [r for r in published if r["dataset"] in datasets]
    assert {r["dataset"] for r in shown} == datasets
    for r in shown:
        assert r["protocol"] in ("history kept", "history removed", "unknown"), r
        key = (first_word(r["source"]), r["model"])
        assert "%s / %s" % (r["HR@10"], r["NDCG@10"]) in cells.get(key, []), (key, cells.get(key))
    # and every published cell on the page is a row of the CSV
    assert sum(len(v) for v in cells.values()) == len(shown)

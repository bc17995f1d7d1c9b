"""The kit's FEARec against RecBole's, whose source names the authors' code as its reference, on
identical weights and inputs, in float64 with dropout off.

Each case builds RecBole's FEARec (recbole 1.2.1) with a small configuration and random weights
from a fixed seed, runs it on a batch of right-padded sequences with their semantic positives,
writes the weights and inputs to a JSON file, and has the kit compute the same things from them
(lib/src/test/java/io/github/fearec/reference/RecBoleParity.java, one JVM for all cases, the
kit without acceleration and by both of its routes). Compared: the frequency ramp's bands, the
user vectors in training (batch-shared lags) and in inference (per-sample lags), the scores of
every item, the cross-entropy, the InfoNCE term, the frequency L1 term, the full us_x loss and the
gradient of that loss for every parameter.

The kit's documented departures from the authors' code (docs/model.md section 12) are asserted as
what they are: the padding row's gradient (item 8), the frequency L1 term on and off (item 1), an
odd N (item 5) and L = 1 (item 4).

One change is made to RecBole for every float64 comparison, and it changes precision only: its
FEARec builds spectra in boxes hard-coded as complex64 (torch.cfloat), which refuse a float64
model's complex128 spectra, so the test runs that module with torch.cfloat meaning complex128.
RecBole exactly as published runs in float32 and agrees with the kit to float32 precision
(test_published_recbole_in_float32_agrees_to_float32_precision).

Run alone: reference/install.sh, then reference/.venv/bin/python -m pytest reference (see
reference/README.md).
"""

import json
import os
import shutil
import subprocess
import time
import types
from pathlib import Path

import numpy as np
import pytest
import torch
from recbole.data.interaction import Interaction
from recbole.model.sequential_recommender import fearec as recbole_fearec

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib" / "target"

# Agreement: the largest absolute difference of an array, relative to the largest magnitude of
# RecBole's array (entries near zero would make an entry-wise ratio meaningless). Both sides
# compute in float64; the differences measured are 1e-16 to 2e-14 (reference/README.md).
TOLERANCE = 1e-10
# RecBole as published, in float32, against the kit in float64 (measured: up to 3e-7 for values,
# 1.2e-6 for gradients).
FLOAT32_TOLERANCE = 1e-4
# A departure must show as a difference far above rounding.
DIFFERENT = 1e-4

# RecBole's field names (its defaults); only these reach the model.
FIELDS = {
    "USER_ID_FIELD": "user_id",
    "ITEM_ID_FIELD": "item_id",
    "LIST_SUFFIX": "_list",
    "ITEM_LIST_LENGTH_FIELD": "item_length",
    "NEG_PREFIX": "neg_",
}
ITEM_ID = "item_id"
ITEM_SEQ = "item_id_list"
ITEM_SEQ_LEN = "item_length"


# ------------------------------------------------------------------ the cases


class Case:
    """One configuration, its batch and semantic positives, in RecBole's terms and the kit's."""

    def __init__(self, name, *, n, layers, ratio, dual, std=True, alpha=0.0, topk=1.0,
                 fredom=True, lmd=0.1, tau=1.0, items=12, d=8, heads=2, inner=16, seed=0,
                 recompute="never", lengths, positive_lengths):
        self.name = name
        self.n = n
        self.fredom = fredom
        self.items = items
        rng = np.random.default_rng(seed)
        batch = len(lengths)
        # distinct targets, so that RecBole's positive lookup (same target) finds exactly the one
        # positive written for each row
        targets = rng.choice(np.arange(1, items + 1), size=batch, replace=False)
        self.batch = self._sequences(rng, lengths, targets)
        self.positives = self._sequences(rng, positive_lengths, targets)
        self.recbole = dict(
            FIELDS,
            MAX_ITEM_LIST_LENGTH=n,
            device=torch.device("cpu"),
            n_layers=layers,
            n_heads=heads,
            hidden_size=d,
            inner_size=inner,
            hidden_dropout_prob=0.0,
            attn_dropout_prob=0.0,
            hidden_act="gelu",
            layer_norm_eps=1e-12,
            initializer_range=0.02,
            loss_type="CE",
            lmd=lmd,
            lmd_sem=lmd,
            contrast="us_x",
            tau=tau,
            sim="dot",
            fredom=fredom,
            fredom_type="us_x" if fredom else None,
            train_batch_size=batch,
            topk_factor=topk,
            global_ratio=ratio,
            dual_domain=dual,
            std=std,
            spatial_ratio=alpha,
            use_filter=False,
        )
        self.kit_model = {
            "max_length": n,
            "hidden_size": d,
            "num_layers": layers,
            "num_heads": heads,
            "inner_size": inner,
            "hidden_dropout": 0,
            "attention_dropout": 0,
            "global_ratio": ratio,
            "dual_domain": dual,
            "topk_factor": topk,
            "layer_norm_eps": 1e-12,
            "inference_lags": "sample",
        }
        if dual:
            self.kit_model.update({"std": std, "time_weight": alpha})
        # the kit's us_x with the frequency L1 at RecBole's hard-coded weight 0.1 when RecBole's
        # fredom is on, without it (the authors' run script) when it is off
        self.kit_train = {
            "contrastive": "us_x",
            "contrastive_weight": lmd,
            "temperature": tau,
            "frequency_weight": 0.1 if fredom else 0,
            # the step that keeps both contrasted views, or the one that replays the dropout
            # view in the backward pass (docs/model.md section 11): the same gradients
            "recompute_view": recompute,
        }
        self.seed = seed

    def _sequences(self, rng, lengths, targets):
        ids = np.zeros((len(lengths), self.n), dtype=np.int64)
        for row, length in enumerate(lengths):
            ids[row, :length] = rng.integers(1, self.items + 1, size=length)
        return {"ids": ids, "lengths": np.array(lengths), "targets": np.array(targets)}


CASES = [
    # global ramp (gamma = 0.6 > 1/L), hybrid attention with a band-limited time branch, the
    # paper's objective with the frequency L1 term
    Case("global-dual", n=8, layers=2, ratio=0.6, dual=True, std=True, alpha=0.3, seed=1,
         lengths=[3, 8, 5, 1], positive_lengths=[6, 2, 8, 4]),
    # local ramp (gamma = 0.3 <= 1/L), three layers, frequency attention only, k = 5 lags,
    # the authors' run script's objective (no frequency L1), other lambda and tau, and the kit's
    # step that recomputes the dropout view
    Case("local-frequency-only", n=20, layers=3, ratio=0.3, dual=False, topk=2.0, fredom=False,
         lmd=0.2, tau=0.7, items=15, seed=2, recompute="always",
         lengths=[7, 20, 12, 1, 15], positive_lengths=[20, 3, 9, 14, 6]),
    # the time branch on every bin (std off), equal weights of both branches
    Case("global-dual-all-bins", n=10, layers=2, ratio=0.7, dual=True, std=False, alpha=0.5,
         seed=3, lengths=[10, 4, 7], positive_lengths=[2, 10, 5]),
]
# docs/model.md section 12 item 5: an odd N
ODD = Case("odd-length", n=9, layers=2, ratio=0.6, dual=False, seed=4,
           lengths=[4, 9, 6], positive_lengths=[9, 3, 5])

# docs/model.md section 12 item 4: one layer (the kit's bands only; RecBole cannot build it)
ONE_LAYER = Case("one-layer", n=8, layers=1, ratio=0.6, dual=False, seed=6,
                 lengths=[3], positive_lengths=[5])

# the kit without acceleration (docs/model.md as written: FFTs, the last layer at every position)
# and by both of its routes (the last layer at the user positions), docs/model.md section 11
ROUTES = ["none", "paper", "short_sequence"]


# ------------------------------------------------------------------ RecBole's side


class _Torch(types.ModuleType):
    """torch as RecBole's FEARec module sees it during the test: complex boxes in complex128, and
    optionally inverse FFTs of length N instead of the default 2(M - 1)."""

    def __init__(self, irfft_length=None):
        super().__init__("torch")
        self.cfloat = torch.cdouble
        if irfft_length is not None:
            def irfft(x, n=None, dim=-1, norm=None):
                return torch.fft.irfft(x, n=irfft_length if n is None else n, dim=dim, norm=norm)
            self.fft = types.SimpleNamespace(rfft=torch.fft.rfft, irfft=irfft)

    def __getattr__(self, name):
        return getattr(torch, name)


class _Dataset:
    """What RecBole's FEARec reads from a dataset: the item count (padding included) and, as the
    training interactions, the semantic positives, one per target."""

    def __init__(self, case):
        self.items = case.items + 1
        p = case.positives
        self.inter_feat = {
            ITEM_ID: torch.tensor(p["targets"]),
            ITEM_SEQ: torch.tensor(p["ids"]),
            ITEM_SEQ_LEN: torch.tensor(p["lengths"]),
        }

    def num(self, field):
        assert field == ITEM_ID
        return self.items


class Reference:
    """RecBole's FEARec for a case with the case's weights, and the torch its module sees while it
    computes: float64 with complex128 boxes (patched=True), or exactly as published."""

    def __init__(self, case, weights=None, irfft_length=None, dtype=torch.float64, patched=True):
        self.case = case
        self.model = recbole_fearec.FEARec(case.recbole, _Dataset(case)).to(dtype)
        self.weights = draw_weights(self.model, case.seed) if weights is None else weights
        with torch.no_grad():
            for name, p in self.model.named_parameters():
                p.copy_(torch.from_numpy(self.weights[name]))
        self.torch = _Torch(irfft_length) if patched else torch

    def outputs(self):
        """Everything the kit computes too: user vectors, scores, the loss and its terms, and
        the gradient of the loss (calculate_loss, as RecBole trains) for every parameter."""
        model, case = self.model, self.case
        seqs = torch.tensor(case.batch["ids"])
        lengths = torch.tensor(case.batch["lengths"])
        out = {}
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(recbole_fearec, "torch", self.torch)
            with torch.no_grad():
                model.train()
                out["users_train"] = model.forward(seqs, lengths)
                model.eval()
                out["users_eval"] = model.forward(seqs, lengths)
                out["scores_eval"] = model.full_sort_predict(interaction(case.batch))
                # the loss terms from RecBole's own pieces, in training mode
                model.train()
                h = model.forward(seqs, lengths)
                logits = h @ model.item_embedding.weight.T
                out["ce"] = model.loss_fct(logits, torch.tensor(case.batch["targets"]))
                aug = model.forward(seqs, lengths)
                sem = model.forward(torch.tensor(case.positives["ids"]),
                                    torch.tensor(case.positives["lengths"]))
                nce_logits, nce_labels = model.info_nce(
                    aug, sem, temp=model.tau, batch_size=len(lengths), sim=model.sim)
                out["contrastive"] = model.aug_nce_fct(nce_logits, nce_labels)
            model.train()
            model.zero_grad()
            loss = model.calculate_loss(interaction(case.batch))
            loss.backward()
        out["total"] = loss.detach()
        values = {key: value.numpy() for key, value in out.items()}
        values["grads"] = {name: p.grad.numpy().copy() for name, p in model.named_parameters()}
        return values


def draw_weights(model, seed):
    """Weights larger than RecBole's N(0, 0.02), so that every path carries a visible value and
    gradient; biases and LayerNorm parameters away from 0 and 1, so that their mapping is checked."""
    rng = np.random.default_rng(100 + seed)
    weights = {}
    for name, p in model.named_parameters():
        shape = tuple(p.shape)
        if name.endswith("LayerNorm.weight"):
            w = 1 + 0.1 * rng.standard_normal(shape)
        elif name.endswith("bias"):
            w = 0.1 * rng.standard_normal(shape)
        else:
            w = 0.3 * rng.standard_normal(shape)
        weights[name] = w
    return weights


def interaction(batch):
    return Interaction({
        ITEM_ID: torch.tensor(batch["targets"]),
        ITEM_SEQ: torch.tensor(batch["ids"]),
        ITEM_SEQ_LEN: torch.tensor(batch["lengths"]),
    })


# ------------------------------------------------------------------ the kit's side


def kit_classpath():
    needed = [LIB / "test-classes" / "io/github/fearec/reference/RecBoleParity.class",
              LIB / "classes", LIB / "lib"]
    missing = [str(p.relative_to(ROOT)) for p in needed if not p.exists()]
    if missing:
        pytest.fail("the kit is not built (missing " + ", ".join(missing) + "); run "
                    "./mvnw -B -pl lib package -DskipTests (reference/install.sh does)")
    return os.pathsep.join([str(LIB / "test-classes"), str(LIB / "classes"), str(LIB / "lib" / "*")])


def java():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        pytest.fail("no java on PATH (and no JAVA_HOME)")
    return found


def run_kit(paths):
    """One JVM computes every case; returns what it wrote for each."""
    env = dict(os.environ)
    # the kit's runtime environment (bin/runtime-env.sh): offline DJL, passive OpenMP waits
    env.update(DJL_OFFLINE="true", OMP_WAIT_POLICY="PASSIVE", TORCH_CPP_LOG_LEVEL="ERROR")
    cmd = [java(), "-Xmx1g", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
           "-cp", kit_classpath(), "io.github.fearec.reference.RecBoleParity", *map(str, paths)]
    started = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"RecBoleParity exited with {done.returncode}:\n{done.stdout}\n{done.stderr}")
    print(f"kit: {len(paths)} cases in {time.monotonic() - started:.1f} s")
    return [json.loads(p.with_name(p.stem + ".kit.json").read_text()) for p in paths]


def case_file(directory, case, weights=None):
    spec = {
        "model": case.kit_model,
        "train": case.kit_train,
        "num_items": case.items,
        "routes": ROUTES,
        "batch": {k: v.tolist() for k, v in case.batch.items()},
        "positives": {k: v.tolist() for k, v in case.positives.items()},
    }
    if weights is not None:
        spec["weights"] = {name: {"shape": list(w.shape), "values": w.ravel().tolist()}
                           for name, w in weights.items()}
    path = directory / f"{case.name}.json"
    path.write_text(json.dumps(spec))
    return path


# ------------------------------------------------------------------ comparing


# The largest difference seen per kind of float64 comparison, and the size of each departure,
# printed at the end of the run (the numbers reference/README.md quotes).
MEASURED = {}


def measured(kind, value, worst=max):
    MEASURED[kind] = worst(MEASURED.get(kind, value), value)


def error(kit, reference):
    """max |kit - reference| / max |reference|."""
    kit = np.asarray(kit, dtype=np.float64).ravel()
    reference = np.asarray(reference, dtype=np.float64).ravel()
    assert kit.shape == reference.shape, f"{kit.shape} vs {reference.shape}"
    scale = float(np.max(np.abs(reference)))
    assert scale > 0, "a reference array of zeros checks nothing"
    return float(np.max(np.abs(kit - reference)) / scale)


def assert_agree(label, kit, reference, tolerance=TOLERANCE, kind=None):
    e = error(kit, reference)
    if kind is not None:
        measured(f"float64 agreement, {kind}", e)
    assert e <= tolerance, f"{label}: kit and RecBole differ by {e:.3g} (relative), tolerance {tolerance:g}"


def assert_departs(label, kit, reference, kind):
    e = error(kit, reference)
    measured(f"departure, {kind}", e, min)
    assert e > DIFFERENT, f"{label}: expected the departure, but kit and RecBole differ by only {e:.3g}"


def assert_gradients_agree(label, kit, reference, tolerance=TOLERANCE, zero=1e-12):
    """Every parameter's gradient, relative to its own size; a gradient below `zero` times the
    model's largest is 0 in exact arithmetic (the key bias in both branches and the query bias in
    the frequency branch shift a row of scores by a constant, which a softmax ignores), and must
    then be below that on both sides."""
    assert set(kit) == set(reference)
    largest = max(float(np.max(np.abs(g))) for g in reference.values())
    for name, ref in reference.items():
        k = np.asarray(kit[name]).reshape(ref.shape)
        if np.max(np.abs(ref)) < zero * largest:
            assert np.max(np.abs(k)) < zero * largest, f"{label} d/d {name}: 0 in RecBole, not in the kit"
        else:
            assert_agree(f"{label} d/d {name}", k, ref, tolerance,
                         kind="gradients" if tolerance == TOLERANCE else None)


class _Summary:
    """Prints MEASURED after the run's results (a plugin, registered by the fixture below)."""

    def pytest_terminal_summary(self, terminalreporter):
        if MEASURED:
            terminalreporter.write_sep(
                "-", "kit vs RecBole: largest difference where they agree, smallest where they depart")
            for kind, value in sorted(MEASURED.items()):
                terminalreporter.write_line(f"{kind}: {value:.2g}")


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    if not request.config.pluginmanager.has_plugin("recbole-parity-summary"):
        request.config.pluginmanager.register(_Summary(), "recbole-parity-summary")


@pytest.fixture(scope="module")
def computed(tmp_path_factory):
    """RecBole's outputs for every case and the kit's, without acceleration and by both routes (one
    JVM for all)."""
    directory = tmp_path_factory.mktemp("recbole-parity")
    results = {}
    paths = []
    for case in CASES:
        reference = Reference(case)
        published = reference.outputs()
        # the same model without padding_idx (docs/model.md section 12 item 8)
        reference.model.item_embedding.padding_idx = None
        results[case.name] = {"recbole": published, "recbole_no_padding_idx": reference.outputs(),
                              "reference": reference}
        paths.append(case_file(directory, case, reference.weights))
    # odd N: RecBole as published (inverse FFTs of length N - 1), and with length N
    published = Reference(ODD)
    with_n = Reference(ODD, published.weights, irfft_length=ODD.n)
    with_n.model.item_embedding.padding_idx = None
    results[ODD.name] = {"recbole": published.outputs(), "recbole_irfft_n": with_n.outputs()}
    paths.append(case_file(directory, ODD, published.weights))
    results[ONE_LAYER.name] = {}
    paths.append(case_file(directory, ONE_LAYER))
    for path, kit in zip(paths, run_kit(paths)):
        results[path.stem]["kit"] = kit
    return results


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bands_are_recboles(computed, case):
    model = computed[case.name]["reference"].model
    recbole = [[layer.hybrid_attention.left, layer.hybrid_attention.right]
               for layer in model.item_encoder.layer]
    assert computed[case.name]["kit"]["bands"] == recbole


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_forward_agrees(computed, case, route):
    r = computed[case.name]["recbole"]
    kit = computed[case.name]["kit"]["routes"][route]
    for key in ("users_train", "users_eval", "scores_eval"):
        assert_agree(f"{case.name} {route} {key}", kit[key], r[key], kind=key)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_loss_agrees(computed, case, route):
    """The full us_x loss and its terms. RecBole's total is calculate_loss itself; its frequency
    term is what the total holds beyond CE + lambda * InfoNCE, at its hard-coded weight 0.1."""
    r = computed[case.name]["recbole"]
    loss = computed[case.name]["kit"]["routes"][route]["loss"]
    label = f"{case.name} {route}"
    assert_agree(label + " total", loss["total"], r["total"], kind="loss")
    assert_agree(label + " cross-entropy", loss["ce"], r["ce"], kind="loss")
    assert_agree(label + " InfoNCE", loss["contrastive"], r["contrastive"], kind="loss")
    lmd = case.recbole["lmd_sem"]
    frequency = (r["total"] - r["ce"] - lmd * r["contrastive"]) / 0.1
    if case.fredom:
        # docs/model.md section 12 item 1: the paper's term, which RecBole computes with fredom on
        assert frequency > 0.01, "the frequency L1 term should be far from 0 here"
        assert_agree(label + " frequency L1", loss["frequency"], frequency, kind="loss")
    else:
        # the authors' run script: fredom off, no frequency term; the kit with frequency_weight=0
        assert abs(frequency) < 1e-12
        assert loss["frequency"] == 0


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_gradients_agree_except_the_padding_row(computed, case, route):
    """Every parameter's gradient of the full loss agrees, except row 0 of the item table, which
    RecBole's lookup (padding_idx=0) keeps from learning through padding positions and the kit's
    does not (docs/model.md section 12 item 8): there the kit's gradient is RecBole's without
    padding_idx, and differs from RecBole's as published."""
    r = computed[case.name]["recbole"]
    unpadded = computed[case.name]["recbole_no_padding_idx"]
    grads = computed[case.name]["kit"]["routes"][route]["grads"]
    label = f"{case.name} {route}"
    table = "item_embedding.weight"
    kit_table = np.asarray(grads[table]).reshape(r["grads"][table].shape)
    others = {name: g for name, g in grads.items() if name != table}
    others["rows 1..|I| of " + table] = kit_table[1:]
    reference = {name: g for name, g in r["grads"].items() if name != table}
    reference["rows 1..|I| of " + table] = r["grads"][table][1:]
    assert_gradients_agree(label, others, reference)
    assert_agree(f"{label} d/d row 0 of {table}, RecBole without padding_idx", kit_table[0],
                 unpadded["grads"][table][0], kind="gradients")
    assert_departs(f"{label} d/d row 0 of {table}", kit_table[0], r["grads"][table][0],
                   "the padding row's gradient")


@pytest.mark.parametrize("route", ROUTES)
def test_odd_length_agrees_only_with_inverse_ffts_of_length_n(computed, route):
    """docs/model.md section 12 item 5: with an odd N, RecBole's inverse FFTs (default length
    2(M - 1) = N - 1) give other lag scores than the kit's (length N): the outputs differ. Given
    length N, RecBole agrees with the kit in everything (padding row aside, item 8)."""
    c = computed[ODD.name]
    kit = c["kit"]["routes"][route]
    for key in ("users_train", "users_eval"):
        assert_departs(f"odd N {route} {key}", kit[key], c["recbole"][key], f"odd N, {key}")
        assert_agree(f"odd N, inverse FFTs of length N, {route} {key}", kit[key],
                     c["recbole_irfft_n"][key], kind=key)
    assert_agree(f"odd N {route} scores", kit["scores_eval"], c["recbole_irfft_n"]["scores_eval"],
                 kind="scores_eval")
    assert_agree(f"odd N {route} loss", kit["loss"]["total"], c["recbole_irfft_n"]["total"],
                 kind="loss")
    assert_gradients_agree(f"odd N {route}", kit["grads"], c["recbole_irfft_n"]["grads"])


def test_odd_length_with_the_time_branch_fails_in_recbole(monkeypatch):
    """docs/model.md section 12 item 5: with an odd N and dual_domain on, RecBole's time branch
    gets N - 1 positions from its inverse FFTs and cannot add the N x N attention mask."""
    case = Case("odd-dual", n=9, layers=2, ratio=0.6, dual=True, alpha=0.3, seed=5,
                lengths=[4, 9], positive_lengths=[9, 3])
    reference = Reference(case)
    monkeypatch.setattr(recbole_fearec, "torch", reference.torch)
    with pytest.raises(RuntimeError, match="size of tensor"):
        reference.model.forward(torch.tensor(case.batch["ids"]), torch.tensor(case.batch["lengths"]))


def test_one_layer_cannot_be_built_in_recbole_and_keeps_every_bin_in_the_kit(computed):
    """docs/model.md section 12 item 4: RecBole's ramp divides by L - 1 in every mode, so a
    one-layer FEARec fails at construction; the kit's single layer keeps all M bins."""
    with pytest.raises(ZeroDivisionError):
        recbole_fearec.FEARec(ONE_LAYER.recbole, _Dataset(ONE_LAYER))
    assert computed[ONE_LAYER.name]["kit"]["bands"] == [[0, ONE_LAYER.n // 2 + 1]]


def test_published_recbole_cannot_run_in_float64(computed):
    """Why the float64 comparisons run RecBole's FEARec with torch.cfloat meaning complex128: as
    published, its complex64 boxes refuse the complex128 spectra of a float64 model."""
    case = CASES[0]
    reference = Reference(case, computed[case.name]["reference"].weights, patched=False)
    with pytest.raises(RuntimeError, match="dtypes match"):
        reference.outputs()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_published_recbole_in_float32_agrees_to_float32_precision(computed, case):
    """RecBole's FEARec exactly as published, in float32, on the same weights and inputs agrees
    with the kit's float64 results to float32 rounding: the complex128 boxes change the precision
    of the comparison, nothing else."""
    reference = Reference(case, computed[case.name]["reference"].weights, dtype=torch.float32,
                          patched=False)
    reference.model.item_embedding.padding_idx = None  # docs/model.md section 12 item 8
    published = reference.outputs()
    kit = computed[case.name]["kit"]["routes"]["paper"]
    for key in ("users_train", "users_eval", "scores_eval", "total"):
        value = kit["loss"]["total"] if key == "total" else kit[key]
        assert_agree(f"float32 {case.name} {key}", value, published[key], FLOAT32_TOLERANCE)
    assert_gradients_agree(f"float32 {case.name}", kit["grads"], published["grads"],
                           FLOAT32_TOLERANCE, zero=1e-6)

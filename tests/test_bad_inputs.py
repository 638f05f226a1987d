"""The bad-input corpus: every loader is fed the files of tests/bad_inputs/ (written by tests/make_bad_inputs.py) and
every public function inputs of wrong shapes, sizes and types; each must raise a MotionalignError whose message names
the file or argument and the problem. The number of bad inputs tried per loader and function is printed at the end
of the session (conftest.py)."""
import json, math
from pathlib import Path
import numpy as np
import pytest
import torch
from motionalign.core import Motion, MotionSet, MotionalignError, expect_error
from motionalign.data import io, render, sampling, transforms
from motionalign import dtw, metrics, softdtw
from motionalign.train import fit
import make_bad_inputs

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
LOADERS = dict(load_alphapose=io.load_alphapose, load_alphapose_dataset=io.load_alphapose_dataset,
               load_mat_patches=io.load_mat_patches, load_penn_action=io.load_penn_action, load_bvh=io.load_bvh,
               load_npz=io.load_npz)


def _corpus_cases():
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text())
    return [pytest.param(e, id=f"{e['loader']}:{e['path']}") for e in manifest]


@pytest.mark.parametrize("entry", _corpus_cases())
def test_loader_rejects_bad_file(entry, bad_input_tally):
    "Each corpus file raises a MotionalignError naming the file (or the phase file beside it) and the problem."
    bad_input_tally(entry["loader"])
    path = CORPUS / entry["path"]
    expect_error(lambda: LOADERS[entry["loader"]](path, **entry.get("kwargs", {})), path.stem, *entry["words"])


def test_corpus_is_what_the_script_writes(tmp_path):
    "The committed corpus is exactly what tests/make_bad_inputs.py writes (byte for byte)."
    make_bad_inputs.write_corpus(tmp_path)
    ours = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(CORPUS) for p in CORPUS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert ours == committed
    for rel in ours: assert (tmp_path / rel).read_bytes() == (CORPUS / rel).read_bytes(), rel


# ------------------------------------------------------------------ inputs of public functions

_rng = np.random.default_rng(0)
Z = _rng.normal(size=(6, 3))


def _kp(T=20, J=17, subject="S1", take=0, action="a", **kw):
    x = np.concatenate([_rng.normal(size=(T, J, 2)) * 10 + 50, np.ones((T, J, 1))], -1)
    kw.setdefault("skeleton", "coco17" if J == 17 else None)   # the helper's 17-joint motions are COCO-17
    return Motion(x, subject=subject, take=take, action=action, **kw)


def _labelled(T, subject, take=0, action="a"):
    return _kp(T, subject=subject, take=take, action=action, phase=np.arange(T) * 3 // T, progress=np.linspace(0, 1, T),
               start=0, end=T - 1)


KP = _kp()
PATCHES = Motion(_rng.random((5, 1, 8, 8)), subject="S1")
SET = MotionSet([_labelled(20, "S1"), _labelled(24, "S2"), _labelled(22, "S3")])
E3 = [_rng.normal(size=(len(m), 4)) for m in SET]
L3 = [m.phase for m in SET]

F = {}  # group -> list of (id, fn, words)
def bad(group, id, fn, *words): F.setdefault(group, []).append((id, fn, words))

# core.Motion / MotionSet
bad("core.Motion", "x 2-D", lambda: Motion(np.zeros((5, 3))), "Motion.x", "(5, 3)")
bad("core.Motion", "x 5 channels", lambda: Motion(np.zeros((5, 17, 5))), "Motion.x", "(5, 17, 5)")
bad("core.Motion", "x no frames", lambda: Motion(np.zeros((0, 17, 3))), "Motion.x", "empty")
bad("core.Motion", "x ragged", lambda: Motion([[[0, 0, 1]] * 17, [[0, 0, 1]] * 16]), "Motion.x")
bad("core.Motion", "x strings", lambda: Motion(np.full((2, 17, 3), "a")), "Motion.x", "real numbers")
bad("core.Motion", "x complex", lambda: Motion(np.ones((2, 17, 3)) * 1j), "Motion.x", "complex")
bad("core.Motion", "x None", lambda: Motion(None), "Motion.x")
bad("core.Motion", "x NaN", lambda: Motion(np.full((2, 17, 3), np.nan)), "Motion.x", "NaN")
bad("core.Motion", "x inf", lambda: Motion(np.full((2, 1, 8, 8), np.inf)), "Motion.x", "NaN/inf")
bad("core.Motion", "negative confidence", lambda: Motion(-np.ones((2, 17, 3))), "negative confidences")
bad("core.Motion", "phase length", lambda: Motion(KP.x, phase=np.zeros(3)), "Motion.phase", "(3,)")
bad("core.Motion", "phase strings", lambda: Motion(KP.x, phase=["a"] * 20), "Motion.phase")
bad("core.Motion", "phase fractional", lambda: Motion(KP.x, phase=np.full(20, 0.5)), "Motion.phase", "integer")
bad("core.Motion", "progress NaN", lambda: Motion(KP.x, progress=np.full(20, np.nan)), "Motion.progress", "NaN")
bad("core.Motion", "progress > 1", lambda: Motion(KP.x, progress=np.full(20, 2.0)), "Motion.progress", "[0, 1]")
bad("core.Motion", "fps 0", lambda: Motion(KP.x, fps=0), "Motion.fps", "0")
bad("core.Motion", "fps text", lambda: Motion(KP.x, fps="30"), "Motion.fps", "'30'")
bad("core.Motion", "fps NaN", lambda: Motion(KP.x, fps=float("nan")), "Motion.fps", "nan")
bad("core.Motion", "start beyond", lambda: Motion(KP.x, start=20), "Motion.start", "20")
bad("core.Motion", "start fractional", lambda: Motion(KP.x, start=2.5), "Motion.start", "2.5")
bad("core.Motion", "start text", lambda: Motion(KP.x, start="3"), "Motion.start", "'3'")
bad("core.Motion", "start after end", lambda: Motion(KP.x, start=9, end=3), "start", "end")
bad("core.Motion", "coords of patches", lambda: PATCHES.coords, "patches")
bad("core.MotionSet", "not iterable", lambda: MotionSet(5), "MotionSet", "int")
bad("core.MotionSet", "not motions", lambda: MotionSet([KP, np.zeros(3)]), "item 1", "ndarray")
bad("core.MotionSet", "duplicate", lambda: MotionSet([KP, KP]), "twice")
bad("core.MotionSet", "index text", lambda: SET["S1"], "MotionSet index", "'S1'")
bad("core.MotionSet", "select unknown field", lambda: SET.select(person="S1"), "select", "person")
bad("core.MotionSet", "loso unknown subject", lambda: list(SET.loso(["S9"])), "loso", "S9")
bad("core.MotionSet", "split_random frac 1", lambda: SET.split_random(1.0), "test_frac", "1.0")
bad("core.MotionSet", "split_random frac text", lambda: SET.split_random("0.2"), "test_frac", "'0.2'")
bad("core.MotionSet", "split_random by", lambda: SET.split_random(by="take"), "by", "take")
bad("core.MotionSet", "split_unseen one action", lambda: SET.split_unseen(), "n_unseen")
bad("core.MotionSet", "split_unseen n text", lambda: SET.split_unseen(n_unseen="1"), "n_unseen", "'1'")
bad("core.MotionSet", "split_unseen unknown", lambda: SET.split_unseen(unseen=["zzz"]), "split_unseen", "zzz")

# dtw
bad("dtw.cost_matrix", "a 1-D", lambda: dtw.cost_matrix(np.zeros(3), Z), "a (3,)")
bad("dtw.cost_matrix", "a 4-D", lambda: dtw.cost_matrix(np.zeros((1, 2, 3, 3)), Z), "(1, 2, 3, 3)")
bad("dtw.cost_matrix", "feature dims", lambda: dtw.cost_matrix(np.zeros((4, 2)), Z), "(4, 2)", "(6, 3)")
bad("dtw.cost_matrix", "batch sizes", lambda: dtw.cost_matrix(np.zeros((2, 4, 3)), np.zeros((3, 4, 3))), "(2, 4, 3)", "(3, 4, 3)")
bad("dtw.cost_matrix", "batch vs single", lambda: dtw.cost_matrix(np.zeros((2, 4, 3)), Z), "(2, 4, 3)", "(6, 3)")
bad("dtw.cost_matrix", "strings", lambda: dtw.cost_matrix([["a", "b"]], Z), "a", "numbers")
bad("dtw.cost_matrix", "ragged", lambda: dtw.cost_matrix([[1.0, 2.0], [3.0]], Z), "a")
bad("dtw.cost_matrix", "metric", lambda: dtw.cost_matrix(Z, Z, "manhattan"), "metric", "manhattan")
bad("dtw.dtw", "a empty", lambda: dtw.dtw(np.zeros((0, 3)), Z), "a must be", "(0, 3)")
bad("dtw.dtw", "a 3-D", lambda: dtw.dtw(np.zeros((2, 4, 3)), Z), "a must be", "(2, 4, 3)")
bad("dtw.dtw", "b None", lambda: dtw.dtw(Z, None), "b must", "NoneType")
bad("dtw.dtw", "feature dims", lambda: dtw.dtw(Z, np.zeros((4, 2))), "feature dims", "(4, 2)")
bad("dtw.dtw", "strings", lambda: dtw.dtw(Z, np.full((3, 3), "x")), "b", "numbers")
bad("dtw.dtw", "complex", lambda: dtw.dtw(Z, Z * 1j), "b", "complex")
bad("dtw.dtw", "ragged", lambda: dtw.dtw([[1.0, 2.0], [3.0]], Z), "a")
bad("dtw.dtw", "NaN", lambda: dtw.dtw(Z, np.full((2, 3), np.nan)), "b holds 6 NaN")
bad("dtw.dtw", "band negative", lambda: dtw.dtw(Z, Z, band=-1), "band", "-1")
bad("dtw.dtw", "band text", lambda: dtw.dtw(Z, Z, band="wide"), "band", "'wide'")
bad("dtw.dtw", "band too narrow", lambda: dtw.dtw(Z[:2], np.zeros((30, 3)), band=1), "band=1", "too narrow")
bad("dtw.dtw", "metric", lambda: dtw.dtw(Z, Z, metric="L1"), "metric", "L1")
bad("dtw.dtw", "overflow", lambda: dtw.dtw(Z * 1e200, -Z * 1e200), "overflowed")
bad("dtw.dtw_batch", "not a list", lambda: dtw.dtw_batch(5, 5), "seqs_a", "int")
bad("dtw.dtw_batch", "one array", lambda: dtw.dtw_batch(Z, Z), "seqs_a", "(6, 3)")
bad("dtw.dtw_batch", "counts differ", lambda: dtw.dtw_batch([Z, Z], [Z]), "2 and 1")
bad("dtw.dtw_batch", "empty lists", lambda: dtw.dtw_batch([], []), "non-zero")
bad("dtw.dtw_batch", "empty sequence", lambda: dtw.dtw_batch([Z], [np.zeros((0, 3))]), "seqs_b[0]", "(0, 3)")
bad("dtw.dtw_batch", "None item", lambda: dtw.dtw_batch([Z, None], [Z, Z]), "seqs_a[1]")
bad("dtw.dtw_batch", "complex item", lambda: dtw.dtw_batch([Z], [Z * 1j]), "seqs_b[0]", "complex")
bad("dtw.dtw_batch", "feature dims", lambda: dtw.dtw_batch([Z], [np.zeros((4, 2))]), "seqs_a[0]", "(4, 2)")
bad("dtw.dtw_batch", "NaN", lambda: dtw.dtw_batch([Z, Z], [Z, np.full((5, 3), np.nan)]), "seqs_b[1] holds 15 NaN")
bad("dtw.dtw_batch", "bands count", lambda: dtw.dtw_batch([Z], [Z], band=[1, 2]), "2 widths for 1 pairs")
bad("dtw.dtw_batch", "band text in list", lambda: dtw.dtw_batch([Z], [Z], band=["x"]), "band", "'x'")
bad("dtw.dtw_batch", "metric", lambda: dtw.dtw_batch([Z], [Z], metric=None), "metric", "None")
bad("dtw.dtw_from_cost", "1-D", lambda: dtw.dtw_from_cost(np.zeros(4)), "C", "(4,)")
bad("dtw.dtw_from_cost", "empty matrix", lambda: dtw.dtw_from_cost(np.zeros((3, 0))), "C must be", "(3, 0)")
bad("dtw.dtw_from_cost", "empty list", lambda: dtw.dtw_from_cost([]), "C", "no cost matrix")
bad("dtw.dtw_from_cost", "text", lambda: dtw.dtw_from_cost("abc"), "C", "str")
bad("dtw.dtw_from_cost", "strings in list", lambda: dtw.dtw_from_cost([np.full((2, 2), "a")]), "C[0]", "numbers")
bad("dtw.dtw_from_cost", "NaN", lambda: dtw.dtw_from_cost(np.full((2, 2), np.nan)), "C holds 4 NaN")
bad("dtw.dtw_from_cost", "band too narrow", lambda: dtw.dtw_from_cost(np.zeros((2, 30)), band=1), "band=1", "too narrow")
bad("dtw.dtw_from_cost", "band text", lambda: dtw.dtw_from_cost(np.zeros((3, 3)), band="x"), "band", "'x'")
bad("dtw.subsequence_dtw", "query empty", lambda: dtw.subsequence_dtw(np.zeros((0, 3)), Z), "query must be", "(0, 3)")
bad("dtw.subsequence_dtw", "series NaN", lambda: dtw.subsequence_dtw(Z, np.full((9, 3), np.nan)), "series holds 27 NaN")
bad("dtw.subsequence_dtw", "feature dims", lambda: dtw.subsequence_dtw(Z, np.zeros((9, 2))), "(6, 3)", "(9, 2)")
bad("dtw.subsequence_dtw", "series strings", lambda: dtw.subsequence_dtw(Z, [["a"] * 3] * 9), "series", "numbers")
bad("dtw.subsequence_dtw", "metric", lambda: dtw.subsequence_dtw(Z, Z, metric="hamming"), "metric", "hamming")
bad("dtw.start_frame", "standard 3-D", lambda: dtw.start_frame(Z, np.zeros((2, 3, 3))), "query must be", "(2, 3, 3)")
bad("dtw.start_frame", "learner empty", lambda: dtw.start_frame(np.zeros((0, 3)), Z), "series must be", "(0, 3)")
bad("dtw.start_frame", "feature dims", lambda: dtw.start_frame(np.zeros((30, 4)), Z), "(6, 3)", "(30, 4)")

# softdtw
X2 = torch.zeros(2, 5, 3)
bad("softdtw.soft_dtw", "gamma 0", lambda: softdtw.soft_dtw(X2, X2, gamma=0), "gamma", "0")
bad("softdtw.soft_dtw", "gamma NaN", lambda: softdtw.soft_dtw(X2, X2, gamma=float("nan")), "gamma", "nan")
bad("softdtw.soft_dtw", "gamma text", lambda: softdtw.soft_dtw(X2, X2, gamma="0.1"), "gamma", "'0.1'")
bad("softdtw.soft_dtw", "x 1-D", lambda: softdtw.soft_dtw(torch.zeros(5), X2), "x must be", "(5,)")
bad("softdtw.soft_dtw", "x 4-D", lambda: softdtw.soft_dtw(torch.zeros(1, 2, 5, 3), X2), "x must be", "(1, 2, 5, 3)")
bad("softdtw.soft_dtw", "feature dims", lambda: softdtw.soft_dtw(X2, torch.zeros(2, 5, 4)), "(2, 5, 3)", "(2, 5, 4)")
bad("softdtw.soft_dtw", "batch sizes", lambda: softdtw.soft_dtw(X2, torch.zeros(3, 5, 3)), "(2, 5, 3)", "(3, 5, 3)")
bad("softdtw.soft_dtw", "no frames", lambda: softdtw.soft_dtw(torch.zeros(2, 0, 3), X2), "x must be", "(2, 0, 3)")
bad("softdtw.soft_dtw", "inf", lambda: softdtw.soft_dtw(X2, torch.full((2, 4, 3), math.inf)), "y holds 24 NaN/inf")
bad("softdtw.soft_dtw", "strings", lambda: softdtw.soft_dtw([["a"] * 3] * 5, X2[0]), "x", "numbers")
bad("softdtw.soft_dtw", "complex", lambda: softdtw.soft_dtw(X2 * 1j, X2), "x", "complex")
bad("softdtw.soft_dtw", "x_lens too long", lambda: softdtw.soft_dtw(X2, X2, x_lens=[5, 6]), "x_lens", "[1, 5]")
bad("softdtw.soft_dtw", "x_lens count", lambda: softdtw.soft_dtw(X2, X2, x_lens=[5]), "x_lens", "(1,)")
bad("softdtw.soft_dtw", "x_lens zero", lambda: softdtw.soft_dtw(X2, X2, x_lens=[5, 0]), "x_lens", "[1, 5]")
bad("softdtw.soft_dtw", "x_lens fractional", lambda: softdtw.soft_dtw(X2, X2, x_lens=[5.0, 2.5]), "x_lens", "float")
bad("softdtw.soft_dtw", "y_lens mask gaps", lambda: softdtw.soft_dtw(X2, X2, y_lens=torch.tensor([[1, 0, 1, 0, 0]] * 2).bool()), "y_lens", "prefix")
bad("softdtw.soft_dtw", "band too narrow", lambda: softdtw.soft_dtw(torch.zeros(2, 3, 3), torch.zeros(2, 30, 3), band=2), "too narrow", "band >= 7")
bad("softdtw.soft_dtw", "band text", lambda: softdtw.soft_dtw(X2, X2, band="x"), "band", "'x'")
bad("softdtw.soft_dtw", "metric", lambda: softdtw.soft_dtw(X2, X2, metric="l1"), "metric", "l1")
bad("softdtw.soft_dtw", "overflow", lambda: softdtw.soft_dtw(torch.full((5, 3), 1e200, dtype=torch.float64), -torch.full((5, 3), 1e200, dtype=torch.float64)), "x", "y", "too large")
bad("softdtw.soft_dtw_from_cost", "1-D", lambda: softdtw.soft_dtw_from_cost(torch.zeros(4)), "C must be", "(4,)")
bad("softdtw.soft_dtw_from_cost", "NaN", lambda: softdtw.soft_dtw_from_cost(torch.full((3, 3), math.nan)), "C holds 9 NaN")
bad("softdtw.soft_dtw_from_cost", "strings", lambda: softdtw.soft_dtw_from_cost([["a"]]), "C", "numbers")
bad("softdtw.SoftDTW", "gamma 0", lambda: softdtw.SoftDTW(gamma=0.0), "gamma", "0.0")
bad("softdtw.SoftDTW", "gamma inf", lambda: softdtw.SoftDTW(gamma=math.inf), "gamma", "inf")
bad("softdtw.SoftDTW", "gamma text", lambda: softdtw.SoftDTW(gamma="1"), "gamma", "'1'")
bad("softdtw.SoftDTW", "x 1-D", lambda: softdtw.SoftDTW()(torch.zeros(5), X2), "x must be", "(5,)")
bad("softdtw.SoftDTW", "lengths", lambda: softdtw.SoftDTW()(X2, X2, [9, 9]), "x_lens", "[1, 5]")

# metrics
bad("metrics.kendalls_tau", "one sequence", lambda: metrics.kendalls_tau([Z]), "at least 2")
bad("metrics.kendalls_tau", "1-D sequences", lambda: metrics.kendalls_tau([np.zeros(20), np.zeros(20)]), "[T, D]")
bad("metrics.kendalls_tau", "dims differ", lambda: metrics.kendalls_tau([np.zeros((20, 2)), np.zeros((20, 3))]), "[T, D]", "(20, 3)")
bad("metrics.kendalls_tau", "empty sequence", lambda: metrics.kendalls_tau([np.zeros((20, 2)), np.zeros((0, 2))]), "embs[1]", "empty")
bad("metrics.kendalls_tau", "NaN", lambda: metrics.kendalls_tau([np.zeros((20, 2)), np.full((20, 2), np.nan)]), "embs[1]", "NaN")
bad("metrics.kendalls_tau", "strings", lambda: metrics.kendalls_tau([np.zeros((20, 2)), np.full((20, 2), "a")]), "embs[1]", "numbers")
bad("metrics.kendalls_tau", "not a list", lambda: metrics.kendalls_tau(7), "embs", "int")
bad("metrics.kendalls_tau", "too short for stride", lambda: metrics.kendalls_tau([Z, Z]), "stride 5", "6 frames")
bad("metrics.kendalls_tau", "stride 0", lambda: metrics.kendalls_tau(E3, stride=0), "stride", "0")
bad("metrics.kendalls_tau", "stride fractional", lambda: metrics.kendalls_tau(E3, stride=2.5), "stride", "2.5")
bad("metrics.kendalls_tau", "variant", lambda: metrics.kendalls_tau(E3, variant="c"), "variant", "'c'")
bad("metrics.kendalls_tau", "distance", lambda: metrics.kendalls_tau(E3, distance="l1"), "l1")
bad("metrics.phase_classification", "label count", lambda: metrics.phase_classification(E3, L3[:2], E3, L3), "train_labels", "2 label arrays")
bad("metrics.phase_classification", "label length", lambda: metrics.phase_classification(E3, [l[:-1] for l in L3], E3, L3), "train_labels[0]", "(19,)")
bad("metrics.phase_classification", "unseen phase", lambda: metrics.phase_classification(E3, L3, E3, [l + 5 for l in L3]), "never occur")
bad("metrics.phase_classification", "fraction 0", lambda: metrics.phase_classification(E3, L3, E3, L3, fractions=(0,)), "fractions", "0")
bad("metrics.phase_classification", "fraction not a list", lambda: metrics.phase_classification(E3, L3, E3, L3, fractions=0.5), "fractions", "0.5")
bad("metrics.phase_classification", "classifier", lambda: metrics.phase_classification(E3, L3, E3, L3, classifier="knn"), "classifier", "knn")
bad("metrics.phase_classification", "selection", lambda: metrics.phase_classification(E3, L3, E3, L3, selection="last"), "selection", "last")
bad("metrics.phase_classification", "NaN embeddings", lambda: metrics.phase_classification([np.full((20, 4), np.nan)], L3[:1], E3, L3), "train_embs[0]", "NaN")
bad("metrics.phase_progression", "one phase", lambda: metrics.phase_progression(E3, [np.zeros(len(e), int) for e in E3], E3, L3), "2 phases")
bad("metrics.phase_progression", "label length", lambda: metrics.phase_progression(E3, L3, E3, [l[:3] for l in L3]), "eval_labels[0]", "(3,)")
bad("metrics.phase_progression", "dims differ", lambda: metrics.phase_progression(E3, L3, [e[:, :2] for e in E3], L3), "eval_embs")
bad("metrics.progress_regression", "progress NaN", lambda: metrics.progress_regression(E3, [np.full(len(e), np.nan) for e in E3], E3, [m.progress for m in SET]), "train_progress[0]", "NaN")
bad("metrics.progress_regression", "progress text", lambda: metrics.progress_regression(E3, [np.full(len(e), "a") for e in E3], E3, [m.progress for m in SET]), "train_progress[0]", "numbers")
bad("metrics.progress_regression", "progress length", lambda: metrics.progress_regression(E3, [m.progress[:5] for m in SET], E3, [m.progress for m in SET]), "train_progress[0]", "(5,)")
bad("metrics.average_precision_at_k", "k 0", lambda: metrics.average_precision_at_k(E3, L3, ks=(0, 5)), "ks", "0")
bad("metrics.average_precision_at_k", "ks a number", lambda: metrics.average_precision_at_k(E3, L3, ks=5), "ks", "5")
bad("metrics.average_precision_at_k", "ks empty", lambda: metrics.average_precision_at_k(E3, L3, ks=()), "ks", "()")
bad("metrics.average_precision_at_k", "k too large", lambda: metrics.average_precision_at_k(E3, L3, ks=(100,)), "K=100", "exceeds")
bad("metrics.average_precision_at_k", "variant", lambda: metrics.average_precision_at_k(E3, L3, variant="map"), "variant", "map")
bad("metrics.average_precision_at_k", "labels missing", lambda: metrics.average_precision_at_k(E3, L3[:1]), "labels", "1 label arrays")
bad("metrics.dtw_accuracy", "one sequence", lambda: metrics.dtw_accuracy(E3[:1], L3[:1]), "at least 2")
bad("metrics.dtw_accuracy", "label length", lambda: metrics.dtw_accuracy(E3, [l[:4] for l in L3]), "labels[0]", "(4,)")
bad("metrics.dtw_accuracy", "band negative", lambda: metrics.dtw_accuracy(E3, L3, band=-2), "band", "-2")
bad("metrics.alignment_error", "motion count", lambda: metrics.alignment_error(E3, list(SET)[:2]), "2 motions")
bad("metrics.alignment_error", "motion lengths", lambda: metrics.alignment_error([e[:5] for e in E3], list(SET)), "lengths")
bad("metrics.alignment_error", "no progress", lambda: metrics.alignment_error([e[:20] for e in E3[:1]] * 2, [_kp(20), _kp(20, take=1)]), "progress")
bad("metrics.alignment_error", "quantile 2", lambda: metrics.alignment_error(E3, list(SET), quantile=2), "quantile", "2")
bad("metrics.start_frame_error", "shapes", lambda: metrics.start_frame_error([1, 2], [1]), "(2,)", "(1,)")
bad("metrics.start_frame_error", "empty", lambda: metrics.start_frame_error([], []), "non-empty")
bad("metrics.start_frame_error", "text", lambda: metrics.start_frame_error(["a"], [1]), "predicted", "numbers")
bad("metrics.start_frame_error", "NaN", lambda: metrics.start_frame_error([np.nan], [1]), "predicted", "NaN")
bad("metrics.retrieval_map_recall", "motion count", lambda: metrics.retrieval_map_recall(E3, list(SET)[:2]), "2 motions", "3 embeddings")
bad("metrics.retrieval_map_recall", "not motions", lambda: metrics.retrieval_map_recall(E3, [1, 2, 3]), "motions", "int")
bad("metrics.retrieval_map_recall", "one subject", lambda: metrics.retrieval_map_recall(E3[:2], [_labelled(20, "S1"), _labelled(24, "S1", take=1)]), "another subject")
bad("metrics.retrieval_map_recall", "tolerance 0", lambda: metrics.retrieval_map_recall(E3, list(SET), tolerance=0), "tolerance", "0")
bad("metrics.retrieval_map_recall", "k 0", lambda: metrics.retrieval_map_recall(E3, list(SET), ks=(0,)), "ks", "0")
bad("metrics.retrieval_map_recall", "unknown subject", lambda: metrics.retrieval_map_recall(E3, list(SET), query_subjects=["S9"]), "no query frames", "S9")
bad("metrics.fpr_at_tpr", "class count", lambda: metrics.fpr_at_tpr(Z, [0, 1]), "(6, 3)", "2 classes")
bad("metrics.fpr_at_tpr", "1-D X", lambda: metrics.fpr_at_tpr(np.zeros(6), [0, 1] * 3), "(6,)")
bad("metrics.fpr_at_tpr", "one class", lambda: metrics.fpr_at_tpr(Z, [0] * 6), "different-class")
bad("metrics.fpr_at_tpr", "NaN", lambda: metrics.fpr_at_tpr(np.full((6, 3), np.nan), [0, 1] * 3), "X", "NaN")
bad("metrics.fpr_at_tpr", "tpr 1.5", lambda: metrics.fpr_at_tpr(Z, [0, 1] * 3, tprs=(1.5,)), "tprs", "1.5")
bad("metrics.fpr_at_tpr", "not square", lambda: metrics.fpr_at_tpr(Z, [0, 1] * 3, precomputed=True), "(6, 3)", "precomputed")
bad("metrics.fpr_at_tpr", "classes 2-D", lambda: metrics.fpr_at_tpr(Z, np.zeros((6, 2))), "classes", "(6, 2)")
bad("metrics.fpr_at_tpr", "strings", lambda: metrics.fpr_at_tpr(np.full((6, 3), "a"), [0, 1] * 3), "X", "numbers")
bad("metrics.clustering_nmi_f1", "class count", lambda: metrics.clustering_nmi_f1(Z, [0, 1]), "(6, 3)", "2 classes")
bad("metrics.clustering_nmi_f1", "one class", lambda: metrics.clustering_nmi_f1(Z, [0] * 6), "1 classes")
bad("metrics.clustering_nmi_f1", "NaN", lambda: metrics.clustering_nmi_f1(np.full((6, 3), np.nan), [0, 1] * 3), "X", "NaN")
bad("metrics.clustering_nmi_f1", "classes 2-D", lambda: metrics.clustering_nmi_f1(Z, np.zeros((6, 2))), "classes", "(6, 2)")
bad("metrics.evaluate", "unknown metric", lambda: metrics.evaluate(lambda m: m.coords.reshape(len(m), -1), SET, metrics=["tau"]), "unknown metric", "tau")
bad("metrics.evaluate", "empty set", lambda: metrics.evaluate(lambda m: m.coords.reshape(len(m), -1), MotionSet()), "empty")
bad("metrics.evaluate", "not a MotionSet", lambda: metrics.evaluate(lambda m: m.coords.reshape(len(m), -1), list(SET)), "dataset", "list")
bad("metrics.evaluate", "embed 1-D", lambda: metrics.evaluate(lambda m: np.zeros(len(m)), SET), "embed_fn", "(20,)")
bad("metrics.evaluate", "embed wrong length", lambda: metrics.evaluate(lambda m: np.zeros((3, 2)), SET), "embed_fn", "(3, 2)", "20 frames")
bad("metrics.evaluate", "embed NaN", lambda: metrics.evaluate(lambda m: np.full((len(m), 2), np.nan), SET), "embed_fn", "NaN")
bad("metrics.evaluate", "overlap", lambda: metrics.evaluate(lambda m: m.coords.reshape(len(m), -1), SET, train=SET), "share")
bad("metrics.save_records", "not records", lambda: metrics.save_records([dict(metric="a", value=1.0)], "/tmp/never-written.json"), "ResultRecord", "dict")

# data.transforms
bad("data.transforms", "take_frames beyond", lambda: transforms.take_frames(KP, np.array([0, 25])), "take_frames", "0..19")
bad("data.transforms", "take_frames floats", lambda: transforms.take_frames(KP, np.array([0.5])), "take_frames", "float")
bad("data.transforms", "take_frames decreasing", lambda: transforms.take_frames(KP, np.array([3, 1])), "take_frames", "non-decreasing")
bad("data.transforms", "fill_missing patches", lambda: transforms.fill_missing(PATCHES), "fill_missing", "patches")
bad("data.transforms", "fill_missing confidence 0", lambda: transforms.fill_missing(KP, confidence=0), "confidence", "0")
bad("data.transforms", "fill_missing confidence text", lambda: transforms.fill_missing(KP, confidence="x"), "confidence", "'x'")
bad("data.transforms", "features nothing seen", lambda: transforms.keypoint_features(Motion(np.zeros((4, 17, 3)), skeleton="coco17")), "no usable frame")
bad("data.transforms", "normalize 5 joints", lambda: transforms.normalize(_kp(J=5)), "normalize", "5 joints and no skeleton")
bad("data.transforms", "normalize nothing seen", lambda: transforms.normalize(Motion(np.zeros((4, 17, 3)), skeleton="coco17")), "normalize", "no usable frame")
bad("core.skeleton", "unknown name", lambda: Motion(np.ones((4, 17, 3)), skeleton="coco19"), "unknown skeleton 'coco19'")
bad("core.skeleton", "17 joints, none named", lambda: transforms.keypoint_features(Motion(np.ones((4, 17, 3)))),
    "17 joints and no skeleton", "does not guess", "skeleton='coco17'")
bad("core.skeleton", "joint count", lambda: Motion(np.ones((4, 17, 3)), skeleton="penn13"), "'penn13' has 13 joints but x has 17")
bad("data.transforms", "trim no bounds", lambda: transforms.trim(KP), "trim", "start")
bad("data.transforms", "trim margin negative", lambda: transforms.trim(SET[0], margin=-1), "margin", "-1")
bad("data.transforms", "trim margin fractional", lambda: transforms.trim(SET[0], margin=1.5), "margin", "1.5")
bad("data.transforms", "resample both", lambda: transforms.resample(KP, length=5, fps=10), "exactly one")
bad("data.transforms", "resample length 0", lambda: transforms.resample(KP, length=0), "length", "0")
bad("data.transforms", "resample length fractional", lambda: transforms.resample(KP, length=2.5), "length", "2.5")
bad("data.transforms", "resample length text", lambda: transforms.resample(KP, length="9"), "length", "'9'")
bad("data.transforms", "resample fps negative", lambda: transforms.resample(KP, fps=-3), "fps", "-3")
bad("data.transforms", "resample fps NaN", lambda: transforms.resample(KP, fps=float("nan")), "fps", "nan")
bad("data.transforms", "flip 5 joints", lambda: transforms.flip(_kp(J=5)), "flip", "5 joints and no skeleton")
bad("data.transforms", "flip center text", lambda: transforms.flip(KP, center="mid"), "center", "'mid'")
bad("data.transforms", "augment rng", lambda: transforms.augment(KP, rng=3), "rng", "int")
bad("data.transforms", "augment dropout 1", lambda: transforms.augment(KP, np.random.default_rng(0), dropout=1.0), "dropout", "1.0")
bad("data.transforms", "augment scale number", lambda: transforms.augment(KP, np.random.default_rng(0), scale=1.1), "scale", "1.1")
bad("data.transforms", "augment jitter negative", lambda: transforms.augment(KP, np.random.default_rng(0), jitter=-1.0), "jitter", "-1.0")
bad("data.transforms", "windows too long", lambda: transforms.windows(KP, size=90), "size=90", "20 frames")
bad("data.transforms", "windows step 0", lambda: transforms.windows(KP, size=5, step=0), "step", "0")
bad("data.transforms", "windows fractional", lambda: transforms.windows(KP, size=5, step=2.5), "step", "2.5")
bad("data.transforms", "keypoint_features patches", lambda: transforms.keypoint_features(PATCHES), "keypoint_features", "patches")
bad("data.transforms", "joint_angle_features 5 joints", lambda: transforms.joint_angle_features(_kp(J=5)), "joint_angle_features", "5 joints and no skeleton")

# data.render
bad("data.render", "patches in", lambda: render.render_patches(PATCHES), "render_patches", "patches")
bad("data.render", "5 joints", lambda: render.render_patches(_kp(J=5)), "render_patches", "5 joints and no skeleton")
bad("data.render", "nothing seen", lambda: render.render_patches(Motion(np.zeros((3, 17, 3)), skeleton="coco17")), "no observed joint")
bad("data.render", "size 4", lambda: render.render_patches(KP, size=4), "size", "4")
bad("data.render", "size fractional", lambda: render.render_patches(KP, size=16.5), "size", "16.5")
bad("data.render", "size text", lambda: render.render_patches(KP, size="64"), "size", "'64'")
bad("data.render", "noise negative", lambda: render.render_patches(KP, noise=-0.1), "noise", "-0.1")
bad("data.render", "noise NaN", lambda: render.render_patches(KP, noise=float("nan")), "noise", "nan")
bad("data.render", "background 2", lambda: render.render_patches(KP, background=2.0), "background", "2.0")
bad("data.render", "margin negative", lambda: render.render_patches(KP, margin=-0.5), "margin", "-0.5")
bad("data.render", "block 0", lambda: render.render_patches(KP, block=0), "block", "0")
bad("data.render", "not a motion", lambda: render.render_patches(np.zeros((3, 17, 3))), "render_patches", "ndarray")

# data.sampling
bad("data.sampling", "tcc no motions", lambda: sampling.TCCSampler([]), "TCCSampler", "no motions")
bad("data.sampling", "tcc not motions", lambda: sampling.TCCSampler([np.zeros((5, 17, 3))]), "TCCSampler", "ndarray")
bad("data.sampling", "tcc too few frames", lambda: sampling.TCCSampler(list(SET), num_steps=50), "num_steps=50", "20 frames")
bad("data.sampling", "tcc batch 1", lambda: sampling.TCCSampler(list(SET), num_steps=5, batch_size=1), "batch_size", "1")
bad("data.sampling", "tcc batch fractional", lambda: sampling.TCCSampler(list(SET), num_steps=5, batch_size=2.5), "batch_size", "2.5")
bad("data.sampling", "tcc context 0", lambda: sampling.TCCSampler(list(SET), num_steps=5, num_context=0), "num_context", "0")
bad("data.sampling", "tcc sampling", lambda: sampling.TCCSampler(list(SET), num_steps=5, sampling="every"), "sampling", "every")
bad("data.sampling", "tcc_frame_indices stride negative", lambda: sampling.tcc_frame_indices(10, 3, np.random.default_rng(0), stride=-2), "stride", "-2")
bad("data.sampling", "tcc_frame_indices no frames", lambda: sampling.tcc_frame_indices(0, 3, np.random.default_rng(0)), "num_steps=3", "0")
bad("data.sampling", "tcc_frame_indices steps fractional", lambda: sampling.tcc_frame_indices(10, 2.5, np.random.default_rng(0)), "num_steps", "2.5")
bad("data.sampling", "pair no partner", lambda: sampling.PairSampler([_kp(action="a"), _kp(action="b")]), "PairSampler", "partner")
bad("data.sampling", "pair not motions", lambda: sampling.PairSampler([1, 2]), "PairSampler", "int")
bad("data.sampling", "balanced too few classes", lambda: sampling.ClassBalancedSampler(list(SET), n_negative=5), "n_negative=5", "1")
bad("data.sampling", "balanced small classes", lambda: sampling.ClassBalancedSampler(list(SET), n_per_class=25, n_negative=0), "n_per_class=25", "replace=True")
bad("data.sampling", "balanced n_per_class 0", lambda: sampling.ClassBalancedSampler(list(SET), n_per_class=0, n_negative=0), "n_per_class", "0")
bad("data.sampling", "balanced not motions", lambda: sampling.ClassBalancedSampler(["a"], n_negative=0), "ClassBalancedSampler", "str")
bad("data.sampling", "crop too long", lambda: sampling.CropSampler(list(SET), length=40), "length=40", "20 frames")
bad("data.sampling", "crop batch 0", lambda: sampling.CropSampler(list(SET), length=5, batch_size=0), "batch_size", "0")
bad("data.sampling", "crop views 0", lambda: sampling.CropSampler(list(SET), length=5, n_views=0), "n_views", "0")
bad("data.sampling", "crop max_span short", lambda: sampling.CropSampler(list(SET), length=5, max_span=3), "max_span=3", "length=5")
bad("data.sampling", "crop_views length 0", lambda: sampling.crop_views(10, 0, np.random.default_rng(0)), "length=0")

# train
bad("train.fit", "unknown method", lambda: fit("no-such-method", SET), "no-such-method")
bad("train.fit", "method type", lambda: fit(3, SET), "method", "int")
bad("train.fit", "dataset list", lambda: fit("demo", list(SET), "smoke", progress=False), "dataset", "list")
bad("train.fit", "dataset empty", lambda: fit("demo", MotionSet(name="nothing"), "smoke", progress=False), "nothing", "empty")
bad("train.fit", "profile", lambda: fit("demo", SET, profile="huge", progress=False), "profile", "huge")
bad("train.fit", "unknown hyperparameter", lambda: fit("demo", SET, "smoke", progress=False, epochs=3), "epochs")
bad("train.fit", "steps 0", lambda: fit("demo", SET, "smoke", progress=False, steps=0), "steps=0")
bad("train.fit", "lr negative", lambda: fit("demo", SET, "smoke", progress=False, lr=-1.0), "lr=-1.0")
bad("train.fit", "batch_size fractional", lambda: fit("demo", SET, "smoke", progress=False, batch_size=2.5), "batch_size=2.5")
bad("train.fit", "optimizer", lambda: fit("demo", SET, "smoke", progress=False, optimizer="lbfgs"), "optimizer='lbfgs'", "adamw")
bad("train.fit", "resume without folder", lambda: fit("demo", SET, "smoke", progress=False, resume=True), "resume=True", "out_dir")
bad("train.fit", "patches for a keypoint method", lambda: fit("demo", MotionSet([PATCHES]), "smoke", progress=False), "patches")
bad("train.fit", "device", lambda: fit("demo", SET, "smoke", progress=False, device="tpu"), "device", "tpu")


@pytest.mark.parametrize("group,fn,words", [pytest.param(g, fn, words, id=f"{g}:{i}") for g, cases in F.items() for i, fn, words in cases])
def test_function_rejects_bad_input(group, fn, words, bad_input_tally):
    "Each bad argument raises a MotionalignError naming the argument and the problem."
    bad_input_tally(group)
    expect_error(fn, *words)

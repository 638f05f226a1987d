"LRProp: the smoke experiment through the runner, and the loss properties the issue asks for."
import math
import numpy as np
import pytest
import torch
from motionalign.core import MotionSet, MotionalignError
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import trim
from motionalign.experiments import run_experiments
from motionalign.losses.lrprop import (gaussian_prior, inter_video_loss, intra_video_loss, lrprop_loss,
                                       path_first_partner, position_propagation, prior_kl)
from motionalign.lrprop import LRPropConfig, lrprop_prepare, lrprop_sampler
from motionalign.methods import TrainConfig
from motionalign.metrics import load_records
from motionalign.train import fit

torch.set_num_threads(1)


def test_lrprop_experiment_runs_and_writes_the_table(tmp_path):
    (status,) = run_experiments("smoke", only=["lrprop"], output_dir=tmp_path)
    assert status.status == "ok"
    records = load_records(tmp_path / "lrprop" / "records.json")
    methods = {r.method for r in records}
    assert {"raw_keypoints", "lrprop", "scl", "lav", "lrprop (L_intra + L_inter)", "lrprop (L_intra + SoftDTW)"} <= methods
    metrics = {r.metric for r in records if r.method == "lrprop"}
    assert {f"phase_classification@{f}" for f in (0.1, 0.25, 0.5, 0.75, 1.0)} <= metrics
    assert {"phase_progression", "ap@1", "ap@5", "ap@10", "ap@15", "kendalls_tau", "dtw_accuracy", "alignment_error_frames_mean"} <= metrics
    assert all(r.split.startswith("unseen-subjects:") and "#" in r.split for r in records)
    # a control may be undefined (tau of a position-only embedding that is constant); every method's own number is not
    assert all(math.isfinite(r.value) for r in records if "/control:" not in r.method)
    assert {"lrprop/control:linear", "lrprop/control:position_only", "lrprop/control:shuffled"} <= methods
    assert len({r.split for r in records}) == 1


def test_prior_rows_sum_to_one_and_peak_at_the_centre():
    s = torch.arange(0, 60, 3.0)
    centres = torch.tensor([0.0, 14.0, 31.0, 59.0])
    Q = gaussian_prior(centres, s, sigma=2.0)
    assert torch.allclose(Q.sum(-1), torch.ones(4))
    assert Q.argmax(-1).tolist() == [0, 5, 10, 19]


def test_intra_is_zero_when_p_equals_q():
    s1, s2 = torch.arange(10.0), torch.arange(2.0, 14.0)
    logits = -(s1[:, None] - s2[None]) ** 2 / (2 * 1.5 ** 2)
    assert abs(float(prior_kl(gaussian_prior(s1, s2, 1.5), torch.log_softmax(logits, -1)))) < 1e-6
    # embeddings ordered in time are much closer to the prior than the same embeddings in reverse
    unit = lambda s: torch.stack([torch.cos(s / 40), torch.sin(s / 40)], -1)
    assert float(intra_video_loss(unit(s1), unit(s2), s1, s2, sigma=1.5, temperature=0.05)) < float(
        intra_video_loss(unit(s1), unit(s2).flip(0), s1, s2, sigma=1.5, temperature=0.05))


def test_propagated_index_follows_a_known_path():
    path = np.array([[0, 0], [1, 0], [1, 1], [1, 2], [2, 3], [3, 3], [3, 4]])
    assert path_first_partner(path, 4).tolist() == [0, 0, 3, 3]
    assert path_first_partner(path[:, ::-1], 5).tolist() == [0, 1, 1, 2, 3]
    steps = torch.eye(4).repeat_interleave(torch.tensor([1, 3, 2, 2]), 0)   # 8 frames, 4 phases
    slow = torch.eye(4).repeat_interleave(torch.tensor([3, 1, 1, 3]), 0)
    ab, ba = position_propagation(steps[None], slow[None])
    assert (slow.argmax(1)[ab[0]] == steps.argmax(1)).all() and (steps.argmax(1)[ba[0]] == slow.argmax(1)).all()


def test_dtw_path_is_detached_from_the_graph():
    torch.manual_seed(0)
    za, zb = torch.randn(3, 10, 6, requires_grad=True), torch.randn(3, 12, 6, requires_grad=True)
    sa, sb = torch.arange(10.0).repeat(3, 1), torch.arange(12.0).repeat(3, 1) * 1.5
    ab, ba = position_propagation(za, zb)
    assert not ab.requires_grad and not ba.requires_grad and ab.grad_fn is None
    g1 = torch.autograd.grad(inter_video_loss(za, zb, sa, sb), (za, zb))
    g2 = torch.autograd.grad(inter_video_loss(za, zb, sa, sb, propagation=(ab.clone(), ba.clone())), (za, zb))
    assert all(torch.allclose(a, b) for a, b in zip(g1, g2))


def test_training_steps_are_finite_and_the_loss_falls():
    motions = MotionSet([trim(m) for m in synth_motion("smoke")], "smoke-trimmed").select(action="squat", subject="S01")
    history = fit("lrprop", motions, profile="smoke", steps=40, progress=False).history
    losses = np.array(history["loss"], dtype=float)
    assert np.isfinite(losses).all() and losses[-5:].mean() < 0.9 * losses[:5].mean()


def test_bad_input_is_refused_with_a_clear_message():
    motions = MotionSet([trim(m) for m in synth_motion("smoke")], "smoke-trimmed")
    rng = np.random.default_rng(0)
    with pytest.raises(MotionalignError, match="needs 500 frames"):
        lrprop_prepare(motions, LRPropConfig(length=500, short_clips="refuse"))
    with pytest.raises(MotionalignError, match="0 long enough"): lrprop_prepare(motions, LRPropConfig(length=500))
    cfg = LRPropConfig(length=16)
    with pytest.raises(MotionalignError, match="pairs"):
        lrprop_sampler(motions, lrprop_prepare(motions, cfg), rng, cfg, TrainConfig(batch_size=1))
    with pytest.raises(MotionalignError, match="sigma"): gaussian_prior(torch.zeros(3), torch.zeros(4), sigma=0.0)
    with pytest.raises(MotionalignError, match="sigma"): lrprop_loss(torch.zeros(1, 2, 2, 4, 3), torch.zeros(1, 2, 2, 4), sigma=-1.0)
    with pytest.raises(MotionalignError, match="pairs"): lrprop_loss(torch.zeros(3, 1, 2, 4, 3), torch.zeros(3, 1, 2, 4))
    with pytest.raises(MotionalignError, match="sigma"): fit("lrprop", motions, profile="smoke", steps=1, sigma=0.0, progress=False)

"""The validation sweeps behind the cpu defaults of tcc, lrprop and convlstm_ae (the numbers quoted in 50_two_stage, 51_coach, 53_lrprop).

Validation subject S09 is taken out of the training subjects and aligned against the rest; the evaluation subjects of the
experiments are never touched. One setting per call, printed as `(alignment error in frames, Kendall's tau)` (tcc, lrprop)
or `(mAP, alignment error)` (convlstm_ae):

    python nbs/experiments/validation_sweep.py raw
    python nbs/experiments/validation_sweep.py tcc '{"steps": 8000}'
    python nbs/experiments/validation_sweep.py lrprop '{"steps": 2400}'
    python nbs/experiments/validation_sweep.py convlstm_ae '{"pair_weight": 5.0}'
"""
import json, sys, tempfile, time
import numpy as np
import torch
from motionalign.baselines import unseen_subjects_split
from motionalign.core import MotionSet
from motionalign.data.render import render_patches
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import keypoint_features, trim
from motionalign.api import get
from motionalign.metrics import alignment_error, kendalls_tau
from motionalign.train import fit

torch.set_num_threads(1)


def keypoint_sweep(name: str, overrides: dict) -> tuple:
    "Train `name` on the training subjects less the validation subject; score it on validation-vs-training pairs."
    motions = synth_motion("cpu", seed=0)
    rest, _ = unseen_subjects_split(MotionSet([trim(m) for m in motions], motions.name), seed=0)
    fit_on, val = rest.split_random(test_frac=0.15, seed=0, by="subject")
    pairs = [(a, b) for a in val for b in fit_on.select(action=a.action)]
    pairs = [pairs[i] for i in np.random.default_rng(1).choice(len(pairs), 300, replace=False)]
    if name == "raw": embed = keypoint_features
    else:
        with tempfile.TemporaryDirectory() as tmp:
            model = fit(get(name), fit_on, profile="cpu", seed=0, out_dir=tmp, progress=False, **overrides)
        cache = {}
        embed = lambda m: cache.setdefault(m.key, model.embed(m))
    err = np.mean([alignment_error([embed(a), embed(b)], [a, b])["frames_mean"] for a, b in pairs])
    tau = np.nanmean([kendalls_tau([embed(m) for m in val.select(action=x)]) for x in val.actions])
    return round(float(err), 3), round(float(tau), 3)


def two_stage_sweep(overrides: dict) -> tuple:
    "Stage 1 of convlstm_ae on S01-S08, S09 evaluated against them, S10 unused."
    from motionalign.two_stage import evaluate_fold, run_two_stage
    motions = render_patches(synth_motion("cpu", seed=0, actions=("jumping_jack",), n_subjects=10), size=32)
    pool = MotionSet([m for m in motions if m.subject != "S10"], "pool")
    result = run_two_stage("convlstm_ae", MotionSet([m for m in pool if m.subject != "S09"], "fit"), "cpu", rounds=0, **overrides)
    v = {r.metric: r.value for r in evaluate_fold(result.models[0].embed, pool, "S09")}
    return round(v["retrieval_map"], 3), round(v["alignment_error_frames_mean"], 3)


if __name__ == "__main__":
    name, overrides, t = sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}, time.time()
    score = two_stage_sweep(overrides) if name == "convlstm_ae" else keypoint_sweep(name, overrides)
    print(name, overrides, score, f"{time.time() - t:.0f} s")

"System 1 (two-stage transfer): the smoke experiment through the runner, parallel folds, and pair mining at the cpu scale."
import numpy as np
import pytest
import torch
from motionalign.core import true_correspondence
from motionalign.data.render import render_patches
from motionalign.data.synth import synth_motion
from motionalign.experiments import run_experiments
from motionalign.metrics import load_records
from motionalign.two_stage import leave_one_subject_out, mine_cross_subject_pairs

torch.set_num_threads(1)


def test_two_stage_experiment_smoke(tmp_path):
    (status,) = run_experiments("smoke", only=["two_stage"], output_dir=tmp_path)
    assert status.status == "ok"
    records = load_records(tmp_path / "two_stage" / "records.json")
    methods = {r.method for r in records}
    assert {"raw_patch_dtw", "raw_keypoint_dtw", "siamese_cnn/stage1", "siamese_cnn/stage2",
            "convlstm_ae/stage1", "convlstm_ae/stage2"} == methods
    folds = {r.split.split("#")[0] for r in records if r.split.startswith("loso:")}
    assert folds == {"loso:S01", "loso:S02", "loso:S03"}
    means = [r for r in records if r.split.startswith("loso-mean#")]
    assert len(means) == len(methods) * 9 and all(len(r.details["folds"]) == 3 for r in means)
    assert all(r.dataset and r.split for r in records) and all(np.isfinite(r.value) for r in records)
    executed = (tmp_path / "two_stage.ipynb").read_text()
    assert "retrieval_map" in executed and "image/png" in executed   # the tables and the t-SNE figures


def test_parallel_folds_equal_serial_folds():
    motions = render_patches(synth_motion("smoke", actions=("jumping_jack",)), size=32)
    kw = dict(subjects=["S01", "S02"], steps=6, stage2_steps=4, batch_size=8)
    serial = leave_one_subject_out("siamese_cnn", motions, **kw)
    parallel = leave_one_subject_out("siamese_cnn", motions, jobs=2, **kw)
    assert [(r.method, r.metric, r.split) for r in serial.records] == [(r.method, r.metric, r.split) for r in parallel.records]
    assert np.allclose([r.value for r in serial.records], [r.value for r in parallel.records], atol=1e-6)


@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_mining_recovers_true_pairs_on_ten_subjects(noise):
    "Ground-truth-aligned embeddings (progress on a circle arc, plus noise) of the cpu data set: mined pairs are true pairs."
    motions = synth_motion("cpu", actions=("jumping_jack",))
    rng = np.random.default_rng(0)
    embs = [np.column_stack([np.cos(2 * m.progress), np.sin(2 * m.progress)]) + noise * rng.normal(size=(len(m), 2)) for m in motions]
    mined = mine_cross_subject_pairs(embs, motions, keep=0.5)
    assert mined.cross.all() and len(mined) > 1000
    err = np.array([abs(true_correspondence(motions[int(a)], motions[int(b)])[i] - j) for a, i, b, j in mined.index
                    if motions[int(a)].start <= i <= motions[int(a)].end])
    assert len(err) > 0.9 * len(mined)
    assert np.nanmedian(err) <= (1 if noise == 0 else 3) and np.nanmean(err <= 5) > 0.95


def test_convlstm_default_embedding_does_not_collapse():
    "With the registered contrastive weight, 40 cpu-profile steps leave frames distinguishable (weight 1 collapsed them to one vector)."
    from motionalign.api import get
    from motionalign.two_stage import run_two_stage
    motions = render_patches(synth_motion("cpu", actions=("jumping_jack",), n_subjects=4), size=32)
    result = run_two_stage("convlstm_ae", motions, "cpu", rounds=0, steps=40)
    spread = result.models[0].embed(motions[0]).std(0).mean()
    assert spread > 1e-3, spread

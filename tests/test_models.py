"""Every registered method, trained on the smoke profile and saved, is loaded again in a fresh process that never sees
the training data, and embeds held-out motions exactly as before (one test per method; the fresh process loads them
all at once); a saved folder that is incomplete, of another method or of a newer format is refused."""
import json, os, shutil, subprocess, sys
import numpy as np
import pytest, torch
import motionalign
from motionalign.core import MotionSet, MotionalignError
from motionalign.data.render import render_patches
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import trim

METHODS = sorted(motionalign.method_names())
# The fresh process: for each saved folder, load it and embed the held-out arrays the parent saved (no training data).
LOADER = """
import sys, pathlib, numpy as np, torch, motionalign
from motionalign.core import Motion
torch.set_num_threads(1)
for folder in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    model, held = motionalign.load(folder / "model"), np.load(folder / "held.npz")
    out = {k: np.asarray(model.embed(Motion(held[k], fps=30.0, subject="X", action="a", take=int(k[1:]), skeleton="coco17")))
           for k in held.files}
    np.savez(folder / "again.npz", **out)
"""


def _data(name: str) -> tuple[MotionSet, list]:
    "Training set and held-out motions for a method (patches for the two-stage methods, keypoints otherwise)."
    motions = synth_motion("smoke", seed=0)
    if name in ("siamese_cnn", "convlstm_ae"): motions = render_patches(motions.select(action="squat"), size=32)
    fit_on, held = motions.select(subject=["S01", "S02"]), motions.select(subject="S03")
    if name in ("lrprop", "lrprop_absolute", "scl", "lav", "tcc"): fit_on = MotionSet([trim(m) for m in fit_on], "trimmed")
    return fit_on, [m.replace(start=None, end=None, phase=None, progress=None) for m in held][:3]


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory, root):
    "name -> (embeddings before saving, embeddings after loading in a fresh process, kind)."
    torch.set_num_threads(1)
    base, before = tmp_path_factory.mktemp("models"), {}
    for name in METHODS:
        fit_on, held = _data(name)
        overrides = dict(trim_to_movement=False) if motionalign.api.get(name).kind == "sequence" else {}
        model = motionalign.fit(name, fit_on, profile="smoke", steps=3, progress=False, **overrides)
        model.save(base / name / "model")
        np.savez(base / name / "held.npz", **{f"t{i}": m.x for i, m in enumerate(held)})
        before[name] = ([np.asarray(model.embed(m.replace(subject="X", action="a", take=i))) for i, m in enumerate(held)],
                        model.kind)
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.run([sys.executable, "-c", LOADER, str(base)], env=env, capture_output=True, text=True,
                          timeout=600, cwd=base)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {name: (embs, [np.load(base / name / "again.npz")[f"t{i}"] for i in range(len(embs))], kind)
            for name, (embs, kind) in before.items()}


@pytest.mark.parametrize("name", METHODS)
def test_saved_model_loads_without_training_data(name, round_trips):
    before, after, kind = round_trips[name]
    assert all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(before, after)), name
    assert all((a.ndim == 2) == (kind == "frame") for a in before)


def test_bad_saved_folders(tmp_path):
    fit_on, _ = _data("demo")
    folder = motionalign.fit("demo", fit_on, profile="smoke", steps=2, progress=False).save(tmp_path / "m")
    with pytest.raises(MotionalignError, match="holds a 'demo' model"): motionalign.load(folder, method="tcc")
    partial = tmp_path / "partial"; shutil.copytree(folder, partial); (partial / "weights.pt").unlink()
    with pytest.raises(MotionalignError, match="incomplete"): motionalign.load(partial)
    newer = tmp_path / "newer"; shutil.copytree(folder, newer)
    record = json.loads((newer / "model.json").read_text()); record["format"] = 99
    (newer / "model.json").write_text(json.dumps(record))
    with pytest.raises(MotionalignError, match="newer motionalign"): motionalign.load(newer)
    with pytest.raises(MotionalignError, match="not a folder"): motionalign.load(tmp_path / "nothing")
    with pytest.raises(MotionalignError, match="unknown method"): motionalign.fit("nope", fit_on)
    with pytest.raises(MotionalignError, match="DemoConfig.dim"): motionalign.fit("demo", fit_on, "smoke", dim="big")


def test_no_routing_by_signature_or_importlib():
    "No hyperparameter routing by signature, and no motionalign module imported by name (the graph shows every arrow)."
    import re
    from pathlib import Path
    package = Path(motionalign.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"import_module\([^)]*motionalign", text), path
        if path.name in ("methods.py", "train.py", "two_stage.py", "coach.py", "metric_learning.py", "lrprop.py"):
            assert not re.search(r"\binspect\.|import inspect", text), path

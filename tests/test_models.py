"""Every registered method, trained on the smoke profile, saved, and loaded again in a fresh process that never sees the
training data, embeds held-out motions exactly as before (one test per method); a saved folder that is incomplete, of
another method or of a newer format is refused."""
import json, os, shutil, subprocess, sys
import numpy as np
import pytest, torch
import motionalign
from motionalign.core import MotionSet, MotionalignError
from motionalign.data.render import render_patches
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import trim

METHODS = sorted(motionalign.method_names())
# The fresh process: loads the folder, embeds the motions of a .npz-free pickle-free input (the arrays saved by the parent).
LOADER = """
import sys, numpy as np, torch, motionalign
from motionalign.core import Motion
torch.set_num_threads(1)
model = motionalign.load(sys.argv[1])
held = np.load(sys.argv[2])
out = {}
for k in held.files:
    e = model.embed(Motion(held[k], fps=30.0, subject="X", action="a", take=int(k[1:])))
    out[k] = np.asarray(e)
np.savez(sys.argv[3], **out)
"""


def _data(name: str) -> tuple[MotionSet, list]:
    "Training set and held-out motions for a method (patches for the two-stage methods, keypoints otherwise)."
    motions = synth_motion("smoke", seed=0)
    if name in ("siamese_cnn", "convlstm_ae"): motions = render_patches(motions.select(action="squat"), size=32)
    fit_on, held = motions.select(subject=["S01", "S02"]), motions.select(subject="S03")
    if name in ("lrprop", "scl", "lav", "tcc"): fit_on = MotionSet([trim(m) for m in fit_on], "trimmed")
    return fit_on, [m.replace(start=None, end=None, phase=None, progress=None) for m in held][:3]


@pytest.mark.parametrize("name", METHODS)
def test_saved_model_loads_without_training_data(name, tmp_path, root):
    torch.set_num_threads(1)
    fit_on, held = _data(name)
    overrides = dict(trim_to_movement=False) if motionalign.api.get(name).kind == "sequence" else {}
    model = motionalign.fit(name, fit_on, profile="smoke", steps=3, progress=False, **overrides)
    folder = model.save(tmp_path / "model")
    np.savez(tmp_path / "held.npz", **{f"t{i}": m.x for i, m in enumerate(held)})
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.run([sys.executable, "-c", LOADER, str(folder), str(tmp_path / "held.npz"), str(tmp_path / "out.npz")],
                          env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    again = np.load(tmp_path / "out.npz")
    for i, m in enumerate(held):
        before = np.asarray(model.embed(m.replace(subject="X", action="a", take=i)))
        assert before.shape == again[f"t{i}"].shape and np.array_equal(before, again[f"t{i}"]), name
    assert (before.ndim == 2) == (model.kind == "frame")


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


def test_no_upward_or_private_imports():
    "No module imports a `_private` name of another, none imports motionalign modules by importlib, no signature routing."
    import re
    from pathlib import Path
    package = Path(motionalign.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"from \.+[\w.]* import .*\b_[a-z]\w*", text), path
        assert not re.search(r"import_module\([^)]*motionalign", text) and "inspect.signature" not in text, path

"""Issue 19: what closes the cross-subject 1-NN gap of the learned sequence embedding on the MSR Action3D development set?

The split of `mmd_nca.ipynb` is drawn with `split=0` (train s01 s03 s05, test s07 s09); settings are chosen on `split=1`
(train s01 s07 s09, test s03 s05) and reported on 0 and 2. The cpu profile with the given steps and settings. Not part of
the main job. Run: `python nbs/experiments/msr_training_length.py mmd_nca,triplet 1000,3000 [velocity=3] [split=1]`.
"""
import sys, time, warnings, numpy as np, torch
warnings.simplefilter("ignore")
from motionalign.api import fit
from motionalign.core import MotionSet
from motionalign.data.io import load_recordings
from motionalign.data.transforms import resample
from motionalign.metric_learning import embed_sequences
from motionalign.metrics import nearest_neighbour_accuracy
torch.set_num_threads(1)
options = dict(a.split("=") for a in sys.argv[3:])
split = int(options.pop("split", 0))
settings = {k: int(v) if v.isdigit() else float(v) for k, v in options.items()}
data = load_recordings("../shared/realdata/msr_action3d/MSRAction3DSkeletonReal3D", "msr_action3d")
motions = MotionSet([resample(m, fps=15.0) for m in data], data.name)
train, test = motions.split_random(test_frac=0.5, seed=split, by="subject")
ya, yb = np.array([m.action for m in test]), np.array([m.action for m in train])
for name in sys.argv[1].split(","):
    for steps in map(int, sys.argv[2].split(",")):
        t = time.perf_counter()
        model = fit(name, train, profile="cpu", seed=0, steps=steps, progress=False, with_replacement=True, **settings)
        acc = nearest_neighbour_accuracy(embed_sequences(model.module, test), ya, embed_sequences(model.module, train), yb)
        print(f"split {split} (test {test.subjects}) {name} {steps} steps {settings}: 1-NN {acc:.3f} "
              f"({time.perf_counter() - t:.0f} s)", flush=True)

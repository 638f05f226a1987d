"""Issue 19: does longer training close the cross-subject 1-NN gap on the MSR Action3D development set?

The split of `mmd_nca.ipynb` (subjects drawn with seed 0: train s01 s03 s05, test s07 s09), the cpu profile with more
steps. Not part of the main job. Run: `python nbs/experiments/msr_training_length.py mmd_nca,triplet 1500,3000`.
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
data = load_recordings("../shared/realdata/msr_action3d/MSRAction3DSkeletonReal3D", "msr_action3d")
motions = MotionSet([resample(m, fps=15.0) for m in data], data.name)
train, test = motions.split_random(test_frac=0.5, seed=0, by="subject")
ya, yb = np.array([m.action for m in test]), np.array([m.action for m in train])
for name in sys.argv[1].split(","):
    for steps in map(int, sys.argv[2].split(",")):
        t = time.perf_counter()
        model = fit(name, train, profile="cpu", seed=0, steps=steps, progress=False, with_replacement=True)
        acc = nearest_neighbour_accuracy(embed_sequences(model.module, test), ya, embed_sequences(model.module, train), yb)
        print(f"{name} {steps} steps: 1-NN {acc:.3f} ({time.perf_counter() - t:.0f} s)", flush=True)

"""`fit_many` with two worker processes (fresh interpreters that have imported no system) trains the same weights
as in this process, one run after another, whatever order the workers finish in; a failing run raises its error here."""
import pytest, torch
import motionalign.api  # registers every system's methods here (the workers import them themselves)
from motionalign.core import MotionalignError
from motionalign.data.synth import synth_motion
from motionalign.train import fit_many

# "triplet" is registered by a system module that the worker imports only when it unpickles the method's functions.
RUNS = {"slow": ("demo", dict(steps=30)), "quick": ("demo", dict(steps=5, lr=3e-3)), "seeded": ("demo", dict(seed=4)),
        "metric": ("triplet", dict(steps=3))}


def test_workers_train_the_same_weights():
    ms = synth_motion("smoke", seed=0)
    torch.set_num_threads(1)
    here, _ = fit_many(RUNS, ms, jobs=1, profile="smoke", steps=10, progress=False)
    workers, seconds = fit_many(RUNS, ms, jobs=2, profile="smoke", steps=10, progress=False)
    assert list(workers) == list(seconds) == list(RUNS)
    for label in RUNS:
        assert workers[label].history["step"][-1] == here[label].history["step"][-1]
        assert all(torch.equal(a, b) for a, b in zip(workers[label].module.parameters(),
                                                     here[label].module.parameters())), label
    assert not all(torch.equal(a, b) for a, b in zip(workers["seeded"].module.parameters(),
                                                     workers["slow"].module.parameters()))


def test_a_failing_run_raises_its_error():
    ms = synth_motion("smoke", seed=0)
    with pytest.raises(MotionalignError, match="lrate"):
        fit_many({"ok": ("demo", {}), "bad": ("demo", dict(lrate=0.1))}, ms, jobs=2, profile="smoke", steps=2,
                 progress=False)

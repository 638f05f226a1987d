"""A training run killed with SIGKILL at random points, resumed after each kill (and killed again), ends with the weights
of an uninterrupted run; whatever instant it died, the checkpoint on disk loads."""
import json, os, random, signal, subprocess, sys, time
from pathlib import Path
import pytest, torch
from motionalign.train import CHECKPOINT, LOG, load_checkpoint

STEPS, EVERY = 40, 5
# Runs the demo on SynthMotion smoke, a little slowed down so that the parent can kill it mid-way, and saves the
# final weights and loss history. argv: out_dir, seed; it resumes when out_dir holds a checkpoint.
SCRIPT = """
import dataclasses, json, sys, time, torch
from pathlib import Path
from motionalign.data.synth import synth_motion
from motionalign.api import get
from motionalign.train import CHECKPOINT, fit
torch.set_num_threads(1)
out, seed = sys.argv[1], int(sys.argv[2])
demo = get("demo")
def slow(dataset, prepared, rng, cfg, train, step):
    time.sleep(0.03)
    return demo.sample(dataset, prepared, rng, cfg, train, step)
trained = fit(dataclasses.replace(demo, sample=slow), synth_motion("smoke"), "smoke", out_dir=out, resume=(Path(out) / CHECKPOINT).exists(),
                       seed=seed, steps=%d, checkpoint_every=%d, progress=False)
model, history = trained.module, trained.history
torch.save(model.state_dict(), f"{out}/final.pt")
json.dump(history["loss"], open(f"{out}/loss.json", "w"))
""" % (STEPS, EVERY)


def _start(root, out, seed):
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(out), str(seed)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"})


def _run(root, out, seed):
    proc = _start(root, out, seed)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err.decode()[-2000:]


def _log_lines(out) -> int:
    try: return (out / LOG).read_text().count("\n")
    except FileNotFoundError: return 0


def _run_and_kill(root, out, seed, after_lines, delay):
    "Start (or resume) a run and SIGKILL it `delay` seconds after its log holds `after_lines` lines."
    proc, deadline = _start(root, out, seed), time.time() + 120
    while _log_lines(out) < after_lines and proc.poll() is None and time.time() < deadline: time.sleep(0.002)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait()


def _temporaries(out):
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("seed,kills", [(0, 3), (1, 2)])   # five kill points, as many processes as three single kills took
def test_killed_run_resumes_to_the_same_weights(root, tmp_path, seed, kills):
    "Kills at random log lengths (plus a random part of a step), each run resuming the last; after each kill the checkpoint loads."
    whole, cut, rng = tmp_path / "whole", tmp_path / "cut", random.Random(seed)
    _run(root, whole, seed)
    kill_after = sorted(rng.sample(range(3, STEPS - 2), kills))   # kill points, in log lines (= steps done)
    resumed_from = []
    for k in kill_after:
        assert _run_and_kill(root, cut, seed, k, rng.uniform(0, 0.04)) == -signal.SIGKILL, "the run finished before it was killed"
        if not (cut / CHECKPOINT).exists(): continue                  # died before its first checkpoint: the next run starts afresh
        ckpt = load_checkpoint(cut / CHECKPOINT)                     # whatever instant it died, the checkpoint loads
        assert 0 < ckpt["step"] < STEPS and ckpt["step"] % EVERY == 0 and ckpt["step"] <= _log_lines(cut)
        resumed_from.append(ckpt["step"])
    (cut / f".{CHECKPOINT}.killed.tmp").write_bytes(b"half a checkpoint")   # as if killed inside a write
    _run(root, cut, seed)
    assert _temporaries(cut) == []
    final, reference = torch.load(cut / "final.pt"), torch.load(whole / "final.pt")
    assert final.keys() == reference.keys() and all(torch.equal(final[k], reference[k]) for k in final)
    assert json.loads((cut / "loss.json").read_text()) == json.loads((whole / "loss.json").read_text())
    steps = [json.loads(line)["step"] for line in (cut / LOG).read_text().splitlines()]
    assert steps == list(range(1, STEPS + 1))                    # the log reads like one uninterrupted run
    # each run resumed from the checkpoint its predecessor left (a run killed before its first checkpoint added none)
    assert load_checkpoint(cut / CHECKPOINT)["history"]["resumed_from"] == sorted(set(resumed_from))
    print(f"seed {seed}: killed after {kill_after} log lines, resumed from steps {resumed_from}")

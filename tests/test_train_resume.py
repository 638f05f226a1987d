"A training run killed with SIGKILL at several points and resumed ends with the weights of an uninterrupted run."
import json, os, signal, subprocess, sys, time
from pathlib import Path
import pytest, torch
from motionalign.train import CHECKPOINT, LOG, load_checkpoint

STEPS, EVERY = 40, 5
# Runs the demo on SynthMotion smoke, a little slowed down so that the parent can kill it mid-way, and saves the
# final weights and loss history. argv: out_dir, seed, resume (0/1).
SCRIPT = """
import dataclasses, json, sys, time, torch
from motionalign.data.synth import synth_motion
from motionalign.methods import get
from motionalign.train import train
torch.set_num_threads(1)
out, seed, resume = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
demo = get("demo")
def slow(dataset, rng, **hp):
    time.sleep(0.03)
    return demo.draw_batch(dataset, rng, hp)
model, history = train(dataclasses.replace(demo, sampler=slow), synth_motion("smoke"), out_dir=out, resume=resume,
                       seed=seed, steps=%d, checkpoint_every=%d, progress=False)
torch.save(model.state_dict(), f"{out}/final.pt")
json.dump(history["loss"], open(f"{out}/loss.json", "w"))
""" % (STEPS, EVERY)


def _env(root):
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def _run(root, out, seed, resume):
    subprocess.run([sys.executable, "-c", SCRIPT, str(out), str(seed), str(int(resume))], env=_env(root), check=True,
                   capture_output=True, timeout=120)


def _log_lines(out) -> int:
    try: return (out / LOG).read_text().count("\n")
    except FileNotFoundError: return 0


def _run_and_kill(root, out, seed, after_lines):
    "Start a run and SIGKILL it once its log holds `after_lines` lines."
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(out), str(seed), "0"], env=_env(root),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while _log_lines(out) < after_lines and proc.poll() is None and time.time() < deadline: time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    return proc.wait()


def _temporaries(out):
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("seed,kill_after", [(0, 8), (1, 17), (2, 31)])
def test_killed_run_resumes_to_the_same_weights(root, tmp_path, seed, kill_after):
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    _run(root, whole, seed, resume=False)
    assert _run_and_kill(root, cut, seed, kill_after) == -signal.SIGKILL, "the run finished before it was killed"
    ckpt = load_checkpoint(cut / CHECKPOINT)                     # whatever instant it died, the checkpoint loads
    assert 0 < ckpt["step"] < STEPS and ckpt["step"] % EVERY == 0
    (cut / f".{CHECKPOINT}.killed.tmp").write_bytes(b"half a checkpoint")   # as if killed inside a write
    _run(root, cut, seed, resume=True)
    assert _temporaries(cut) == []
    final, reference = torch.load(cut / "final.pt"), torch.load(whole / "final.pt")
    assert final.keys() == reference.keys() and all(torch.equal(final[k], reference[k]) for k in final)
    assert json.loads((cut / "loss.json").read_text()) == json.loads((whole / "loss.json").read_text())
    steps = [json.loads(line)["step"] for line in (cut / LOG).read_text().splitlines()]
    assert steps == list(range(1, STEPS + 1))                    # the log reads like one uninterrupted run
    assert load_checkpoint(cut / CHECKPOINT)["history"]["resumed_from"] == [ckpt["step"]]

"The demo method under torchrun with two CPU processes (gloo): both ranks end with identical weights and skip a bad step together."
import json, os, subprocess, sys
import torch
from motionalign.core import seed_everything
from motionalign.data.synth import synth_motion
from motionalign.api import configs, get
from motionalign.train import CHECKPOINT, LOG, load_checkpoint

STEPS = 6
# The demo, with rank 1's loss made NaN at step 3: every rank must skip that step together.
SCRIPT = """
import dataclasses, json, math, os, sys, torch
from motionalign.data.synth import synth_motion
from motionalign.api import get
from motionalign.train import fit
torch.set_num_threads(1)
out, rank, demo, calls = sys.argv[1], int(os.environ["RANK"]), get("demo"), [0]
def loss(model, batch, cfg):
    calls[0] += 1
    value = demo.loss(model, batch, cfg)
    return value * math.nan if rank == 1 and calls[0] == 3 else value
method = dataclasses.replace(demo, loss=loss)
trained = fit(method, synth_motion("smoke"), "smoke", out_dir=out, steps=%d, device="cpu", progress=False)
model, history = trained.module, trained.history
torch.save(model.state_dict(), f"{out}/rank{rank}.pt")
json.dump(history, open(f"{out}/history{rank}.json", "w"))
""" % STEPS


def test_two_ranks_end_with_identical_weights(root, tmp_path):
    script = tmp_path / "ddp_demo.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    # --standalone: a single-node rendezvous on a free port chosen by torchrun
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                           str(script), str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = tmp_path / "out"
    w0, w1 = torch.load(out / "rank0.pt"), torch.load(out / "rank1.pt")
    assert w0.keys() == w1.keys() and all(torch.equal(w0[k], w1[k]) for k in w0)
    h0, h1 = (json.loads((out / f"history{r}.json").read_text()) for r in (0, 1))
    assert h0["loss"] != h1["loss"]                                    # each rank trained on its own shard
    assert h0["skipped"] == h1["skipped"] == [3] and h1["loss"][2] is None and h0["loss"][2] is not None
    assert [json.loads(l)["step"] for l in (out / LOG).read_text().splitlines()] == list(range(1, STEPS + 1))  # rank 0 logs alone
    ckpt = load_checkpoint(out / CHECKPOINT)
    assert ckpt["run"]["world_size"] == 2 and len(ckpt["rng"]) == 2
    assert all(torch.equal(ckpt["model"][k], w0[k]) for k in w0)
    seed_everything(0)
    demo = get("demo")
    untrained = demo.build(configs(demo, "smoke")[1], {"n_in": 34}).state_dict()
    assert not torch.equal(untrained["0.weight"], w0["0.weight"])     # the shared weights were trained

"""Mixed-precision training that meets a non-finite loss, or a finite loss with a non-finite gradient, skips the step,
leaves the weights alone and says so in the log. (SoftDTW with a tiny gamma on long sequences: test_dtw_properties.py.)"""
import dataclasses, json, math
import torch
from motionalign.data.synth import synth_motion
from motionalign.api import get
from motionalign.train import LOG, fit


def _poisoned(bad_loss_at: int, bad_grad_at: int):
    "The demo method whose loss is NaN at call `bad_loss_at`, and finite with a NaN gradient at call `bad_grad_at`."
    demo, calls = get("demo"), [0]
    def loss(model, batch, cfg):
        calls[0] += 1
        value = demo.loss(model, batch, cfg)
        if calls[0] == bad_loss_at: return value * math.nan
        if calls[0] == bad_grad_at:                       # d sqrt|p - p|/dp at 0 is inf; times 0 it is NaN, the value stays put
            p = next(model.parameters())
            return value + 0 * torch.sqrt((p - p.detach()).abs()).sum()
        return value
    return dataclasses.replace(demo, loss=loss)


def test_mixed_precision_skips_and_logs_non_finite_steps(tmp_path):
    torch.set_num_threads(1)
    data = synth_motion("smoke")
    trained = fit(_poisoned(3, 5), data, "smoke", out_dir=tmp_path, steps=8, amp=True, schedule="constant", progress=False)
    model, history = trained.module, trained.history
    log = [json.loads(line) for line in (tmp_path / LOG).read_text().splitlines()]
    assert history["skipped"] == [3, 5] and [r["step"] for r in log] == list(range(1, 9))
    assert log[2]["skipped"] and log[2]["loss"] is None and log[2]["grad_norm"] is None                    # NaN loss
    assert log[4]["skipped"] and math.isfinite(log[4]["loss"]) and log[4]["grad_norm"] is None             # NaN gradient
    assert all(not r["skipped"] and math.isfinite(r["loss"]) and math.isfinite(r["grad_norm"]) for r in log if r["step"] not in (3, 5))
    assert all(math.isfinite(float(p.abs().max())) for p in model.parameters())
    # a skipped step leaves the weights as they were: 4 steps, and 5 steps whose 5th has a NaN gradient, end alike
    four = fit(_poisoned(3, 0), data, "smoke", steps=4, amp=True, schedule="constant", progress=False).module
    trained5 = fit(_poisoned(3, 5), data, "smoke", steps=5, amp=True, schedule="constant", progress=False)
    five, h5 = trained5.module, trained5.history
    assert h5["skipped"] == [3, 5] and all(torch.equal(a, b) for a, b in zip(four.parameters(), five.parameters()))

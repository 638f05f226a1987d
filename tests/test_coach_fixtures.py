"""The coach's whole workflow on the AlphaPose fixtures that ship in data/fixtures (squat: two training videos,
one validation video, one test video), through the command line, and the feedback report opened in headless
Chromium as a coach would open it."""
import json
import pytest
import torch
from motionalign.cli import main

FIXTURES = "data/fixtures/alphapose"


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_every_coach_step_on_the_shipped_fixtures(root, tmp_path, capsys, browser):
    torch.set_num_threads(1)
    out = tmp_path / "out"
    where = ["--dataset", "squat", "--data-root", root / FIXTURES, "--output-dir", out]
    pair = ["--learner", "S03_0", "--standard", "S02_0", "--standard-split", "val"]   # test has one video only
    steps = [["train", *where, "--profile", "smoke", "--steps", 4], ["get-start", *where, *pair],
             ["align", *where, *pair], ["embed", *where], ["kendalls-tau", *where, "--split", "train"],
             ["feedback", *where, *pair]]
    for argv in steps:
        status, text, err = run(capsys, "coach", *argv)
        assert status == 0, (argv, err)
    assert json.loads((out / "start.json").read_text())["learner"] == "S03_0"
    assert json.loads((out / "kendalls_tau_train.json").read_text())["videos"] == 2
    report = out / "feedback"
    assert {"index.html", "heatmap.png", "worst_moments.png", "curves.png", "cells.csv", "faults.csv",
            "timing.csv", "feedback.json", "alignment.mp4", "alignment.gif"} <= {p.name for p in report.iterdir()}

    browser.open(report / "index.html")
    faults = browser.js("(() => { const t = document.querySelector('#faults'); "
                        "return t ? [t.offsetHeight > 0, t.innerText.slice(0, 400)] : null; })()")
    assert faults and faults[0] and "phase" in faults[1].lower(), faults
    images = browser.js("[...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
    assert {"heatmap.png", "worst_moments.png", "curves.png"} <= {src for src, ok in images if ok}, images

"The skating coach's command-line workflow on a folder of AlphaPose files: train, get-start, embed, align, kendalls-tau."
import json
import numpy as np
import pytest
import torch
from PIL import Image
from motionalign.cli import main
from motionalign.data.io import save_alphapose
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import trim
from motionalign.feedback import describe_fault


@pytest.fixture(scope="module")
def coach_folder(tmp_path_factory):
    "data/squat/{train,val,test}/<video>/alphapose-results.json written from SynthMotion (smoke, seeds 0 and 1)."
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("coach") / "data"
    first, second = (synth_motion("smoke", seed=s).select(action="squat") for s in (0, 1))
    pick = lambda ms, subject, take: ms.select(subject=subject, take=take)[0]
    videos = {("train", "S01_0"): trim(pick(first, "S01", 0)), ("train", "S02_0"): trim(pick(first, "S02", 0)),
              ("train", "S03_0"): trim(pick(first, "S03", 0)), ("val", "S01_1"): trim(pick(first, "S01", 1)),
              ("val", "S03_1"): trim(pick(first, "S03", 1)),
              ("test", "L01_0"): pick(second, "S01", 0),           # the learner: whole recording, lead-in included
              ("test", "S02_1"): trim(pick(first, "S02", 1)),      # the standard: the movement only
              ("test", "T02_0"): pick(second, "S02", 0), ("test", "T03_0"): pick(second, "S03", 0)}
    for (split, name), m in videos.items(): save_alphapose(m, root / "squat" / split / name / "alphapose-results.json")
    return root, videos


def run(capsys, *argv):
    "Run `motionalign` in this process; return the exit status, stdout and stderr."
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_coach_workflow(coach_folder, tmp_path, capsys):
    root, videos = coach_folder
    out, where = tmp_path / "out", ["--dataset", "squat", "--data-root", root, "--output-dir", tmp_path / "out"]

    status, text, _ = run(capsys, "coach", "train", *where, "--profile", "smoke", "--steps", 6)
    assert status == 0 and str(out / "model" / "model") in text and "Kendall's tau on the val videos" in text
    log = [json.loads(l) for l in (out / "model" / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log if "loss" in r] == list(range(1, 7)) and "eval" in log[-1]
    assert (out / "model" / "checkpoint.pt").exists() and json.loads((out / "model" / "config.json").read_text())["method"] == "lrprop"  # the coach's default

    status, text, _ = run(capsys, "coach", "get-start", *where)
    start = json.loads((out / "start.json").read_text())
    assert status == 0 and str(out / "start.json") in text and f"frame {start['start']}" in text
    assert (start["learner"], start["standard"]) == ("L01_0", "S02_1")
    assert 0 <= start["start"] < start["end"] < len(videos[("test", "L01_0")]) and np.isfinite(start["cost"])

    status, text, _ = run(capsys, "coach", "embed", *where)
    files = sorted((out / "embeddings").rglob("*.npy"))
    assert status == 0 and f"{len(videos)} per-frame embedding files" in text and len(files) == len(videos)
    for (split, name), m in videos.items():
        e = np.load(out / "embeddings" / "squat" / split / f"{name}.npy")
        assert e.shape == (len(m), 16)  # lrprop smoke: dim 16 and e.dtype == np.float32 and np.isfinite(e).all()

    status, text, _ = run(capsys, "coach", "align", *where, "--image")
    saved = json.loads((out / "alignment" / "alignment.json").read_text())
    assert status == 0 and str(out / "alignment" / "alignment.gif") in text
    assert saved["standard"] == "S02_1" and [v["video"] for v in saved["videos"]] == ["L01_0", "T02_0", "T03_0"]
    n_standard = len(videos[("test", "S02_1")])
    for v in saved["videos"]:
        path = np.array(v["path"])
        assert path[0, 1] == 0 and path[-1, 1] == n_standard - 1 and (path[0, 0], path[-1, 0]) == (v["start"], v["end"])
    assert saved["videos"][0]["start"] == start["start"]
    assert Image.open(out / "alignment" / "alignment.gif").n_frames > 10 and Image.open(out / "alignment" / "alignment.png").size[1] > 300

    status, text, _ = run(capsys, "coach", "kendalls-tau", *where)
    tau = json.loads((out / "kendalls_tau_val.json").read_text())
    assert status == 0 and tau["videos"] == 2 and tau["split"] == "val" and -1 <= tau["kendalls_tau"] <= 1 and f"{tau['kendalls_tau']:.3f}" in text
    assert run(capsys, "coach", "kendalls-tau", *where, "--split", "train")[0] == 0
    assert json.loads((out / "kendalls_tau_val.json").read_text()) == tau  # another split writes its own file
    assert json.loads((out / "kendalls_tau_train.json").read_text())["videos"] == 3

    status, text, _ = run(capsys, "coach", "feedback", *where)
    report = out / "feedback"
    assert status == 0 and str(report / "index.html") in text and f"from frame {start['start']}" in text
    saved = json.loads((report / "feedback.json").read_text())
    assert saved["learner"] == "squat/L01/0" and saved["standard"] == "squat/S02/1"
    assert saved["faults"] and {f["rank"] for f in saved["faults"]} == set(range(1, len(saved["faults"]) + 1))
    assert "above the threshold" in text and "  " + describe_fault(saved["faults"][0]) in text  # the largest, in words
    assert {"heatmap.png", "worst_moments.png", "curves.png", "faults.csv", "alignment.gif", "alignment.mp4"} <= {p.name for p in report.iterdir()}
    assert (report / "alignment.mp4").stat().st_size > 1000  # imageio-ffmpeg's own ffmpeg, a requirement
    model_path = np.array(json.loads((out / "alignment" / "alignment.json").read_text())["videos"][0]["path"])
    assert run(capsys, "coach", "feedback", *where, "--style-rounds", 0)[0] == 0   # judged on the model's own path
    assert np.array_equal(np.array(json.loads((report / "alignment.json").read_text())["path"]), model_path)

    # the standard from another split, cut on the command line to frames 5..30 of a whole recording
    status, text, _ = run(capsys, "coach", "feedback", *where, "--standard", "S01_1", "--standard-split", "val",
                          "--standard-start", 5, "--standard-end", 30, "--raw")
    path = np.array(json.loads((report / "alignment.json").read_text())["path"])
    assert status == 0 and "against S01_1" in text and path[:, 1].max() == 25


def test_coach_video_fps(coach_folder, tmp_path, capsys):
    root, videos = coach_folder
    where = ["--dataset", "squat", "--data-root", root, "--output-dir", tmp_path / "out", "--raw"]
    status, text, _ = run(capsys, "coach", "get-start", *where, "--video-fps", 60)
    start = json.loads((tmp_path / "out" / "start.json").read_text())
    assert status == 0 and start["start_seconds"] == start["start"] / 60


def test_coach_bad_input(coach_folder, tmp_path, capsys):
    root, _ = coach_folder
    where = ["--dataset", "squat", "--data-root", root, "--output-dir", tmp_path / "out"]
    (root / "lunge" / "test").mkdir(parents=True, exist_ok=True)
    cases = [(["train", "--dataset", "lunge", "--data-root", root], ["no train/ folder", "lunge"]),
             (["train", "--dataset", "axel", "--data-root", root], ["no dataset folder", "axel"]),
             (["train", *where, "--profile", "smoke", "--method", "tcc", "--num-steps", 500], ["num_steps=500", "shortest", "lower num_steps"]),
             (["get-start", *where], ["no saved model", "train one first"]),
             (["train", *where, "--profile", "smoke", "--method", "nosuch"], ["unknown method", "nosuch", "tcc"])]
    for argv, words in cases:
        status, _, err = run(capsys, "coach", *argv)
        assert status == 2 and all(w in err for w in words), (argv, err)
    assert run(capsys, "coach", "train", *where, "--profile", "smoke", "--steps", 2)[0] == 0
    cases = [(["get-start", *where, "--split", "val", "--learner", "S01_1", "--standard", "S01_1"], ["two different videos"]),
             (["align", *where, "--split", "train", "--learner", "S09_0"], ["no learner video", "S09_0"]),
             (["align", *where, "--split", "val", "--image"], ["at least 4 videos", "got 2"]),
             (["kendalls-tau", *where, "--split", "lunge"], ["pairs", "holds 0"]),
             (["feedback", *where, "--standard-start", 5, "--standard-end", 10_000], ["cannot cut", "--standard-end"]),
             (["feedback", *where, "--standard", "S09_1", "--standard-split", "val"], ["no standard video", "S09_1", "val"])]
    for argv, words in cases:
        status, _, err = run(capsys, "coach", *argv)
        assert status == 2 and all(w in err for w in words), (argv, err)

"The tcc_coach experiment notebook runs with its smoke parameters through the runner and writes its records and outputs."
import json
from motionalign.experiments import run_experiments
from motionalign.metrics import load_records


def test_tcc_coach_experiment(tmp_path):
    (status,) = run_experiments("smoke", only=["tcc_coach"], output_dir=tmp_path)
    assert status.status == "ok"
    folder = tmp_path / "tcc_coach"
    records = load_records(folder / "records.json")
    table = {(r.method, r.metric): r for r in records}
    for method in ("tcc", "raw_keypoints"):
        for metric in ("kendalls_tau", "alignment_error_frames_mean", "alignment_error_frames_q", "dtw_accuracy",
                       "start_frame_error_median", "start_frame_error_q90"):
            assert (method, metric) in table, (method, metric)
        assert (f"{method} (validation)", "kendalls_tau") in table
    assert ("tcc_sliding_dtw", "start_frame_error_median") in table
    assert all("#" in r.split and r.dataset and r.seed == 0 for r in records)
    assert all(-1 <= table[(m, "kendalls_tau")].value <= 1 for m in ("tcc", "raw_keypoints"))
    assert all(table[(m, "start_frame_error_q90")].value >= table[(m, "start_frame_error_median")].value for m in ("tcc", "raw_keypoints"))
    assert table[("tcc", "kendalls_tau")].split == table[("raw_keypoints", "kendalls_tau")].split
    assert {"alignment.json", "alignment.png", "alignment.gif"} <= {p.name for p in (folder / "alignment").iterdir()}
    log = (folder / "model" / "log.jsonl").read_text().splitlines()
    assert sum("eval" in json.loads(line) for line in log) >= 2
    assert json.loads((folder / "run.json").read_text())["parameters"]["profile"] == "smoke"

"The feedback experiment runs under papermill with its smoke parameters and writes every result record."
import json
from motionalign.experiments import run_experiments
from motionalign.metrics import load_records

METRICS = ("feedback_angle15_top1", "feedback_angle8_top3", "feedback_angle15_magnitude_error",
           "feedback_height20_top1", "feedback_timing0.7_sign_accuracy",
           "feedback_timing1.3_sign_accuracy_visible",
           "feedback_false_alarm_rate", "online_error_vs_offline_median", "online_ms_per_frame_300")


def test_feedback_experiment_smoke(tmp_path):
    (status,) = run_experiments("smoke", only=["feedback"], output_dir=tmp_path)
    assert status.status == "ok", status.message
    records = load_records(tmp_path / "feedback" / "records.json")
    metrics = {r.metric for r in records}
    for name in METRICS: assert name in metrics, name
    assert {r.method for r in records} == {"raw_keypoints_2d", "raw_keypoints_3d", "online_dtw",
                                           "raw_keypoints_2d_style_free", "raw_keypoints_3d_style_free"}
    for dims in (2, 3):   # both alignments measure the same things
        assert ({r.metric for r in records if r.method == f"raw_keypoints_{dims}d"}
                == {r.metric for r in records if r.method == f"raw_keypoints_{dims}d_style_free"})
    assert all("style_free_path" in r.variant["alignment"]
               for r in records if r.method.endswith("_style_free"))
    assert all(r.split and r.dataset == "synthmotion/smoke" for r in records)
    assert all(0 <= r.value <= 1 for r in records
               if r.metric.endswith(("_top1", "_top3", "_rate", "_accuracy", "_visible")))
    online = {r.metric: r.value for r in records if r.method == "online_dtw"}
    assert 250 <= online["online_standard_frames_300"] <= 350 and online["online_ms_per_frame_300"] > 0
    calibration = json.loads((tmp_path / "feedback" / "calibration.json").read_text())
    assert set(calibration) == {"2d", "3d"} and calibration["2d"]["threshold"] > 0
    assert "false alarms" in (tmp_path / "feedback" / "table.txt").read_text()

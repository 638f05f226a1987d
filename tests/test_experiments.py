"The experiment notebooks run under papermill with their smoke parameters, through the runner."
import json
from motionalign.experiments import report, run_experiments
from motionalign.metrics import load_records


def test_baselines_experiment_runs_and_reports(tmp_path):
    (status,) = run_experiments("smoke", only=["baselines"], output_dir=tmp_path)
    assert status.status == "ok"
    records = load_records(tmp_path / "baselines" / "records.json")
    methods = {r.method for r in records}
    assert {"raw_keypoints", "joint_angles", "random_projection", "dtw", "l2"} <= methods
    assert all(r.split and r.dataset for r in records)
    run = json.loads((tmp_path / "baselines" / "run.json").read_text())
    assert run["status"] == "ok" and run["parameters"]["profile"] == "smoke"
    assert "raw_keypoints" in report(tmp_path)
    (again,) = run_experiments("smoke", only=["baselines"], output_dir=tmp_path)
    assert again.status == "skipped"
    overview, comparison = run_experiments("smoke", only=["synthmotion", "comparison"], output_dir=tmp_path)
    assert overview.status == comparison.status == "ok"
    table = (tmp_path / "comparison" / "comparison.txt").read_text()
    assert "raw_keypoints" in table and "*" in table and json.loads((tmp_path / "synthmotion" / "summary.json").read_text())["motions"] == 36

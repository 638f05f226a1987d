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


def _cli(*args):
    import subprocess, sys
    return subprocess.run([sys.executable, "-c", "import sys; from motionalign.cli import main; sys.exit(main())", "experiments", "run", *args], capture_output=True, text=True)


def test_cli_bad_input_is_one_line_and_nonzero(tmp_path):
    (tmp_path / "a_file").write_text("x")
    for args, said in [(["--profile", "fast"], "invalid choice: 'fast'"),
                       (["--only", "nope"], "unknown experiment(s) ['nope']"),
                       (["--only", "synthmotion", "--output-dir", str(tmp_path / "a_file" / "out")], "is not writable")]:
        r = _cli(*args)
        assert r.returncode == 2 and said in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
        assert len([l for l in r.stderr.splitlines() if "error:" in l]) == 1, r.stderr

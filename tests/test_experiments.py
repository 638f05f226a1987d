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


def _two_datasets_one_split(folder):
    "Records as the mmd_nca and the BVH read-back experiments write them: two data sets, one split name."
    from motionalign.metrics import ResultRecord, save_records
    split3d, split_bvh = "unseen-categories#aaaa1111", "unseen-categories#bbbb2222"
    save_records([ResultRecord("nmi", 0.641, dataset="synth-3d", split=split3d, method="mmd_nca"),
                  ResultRecord("nmi", 0.502, dataset="synth-3d", split=split3d, method="triplet")],
                 folder / "mmd_nca" / "records.json")
    save_records([ResultRecord("nmi", 0.396, dataset="bvh-readback", split=split_bvh, method="mmd_nca")],
                 folder / "bvh" / "records.json")


def test_report_and_site_keep_data_sets_apart(tmp_path):
    "Two data sets under one split name are two tables, each titled by its data set; no value crosses over."
    _two_datasets_one_split(tmp_path)
    text = report(tmp_path)
    tables = [t for t in text.split("\n\n") if t.strip()]
    titled = {ds: [t for t in tables if t.splitlines()[0].startswith("==") and ds in t.splitlines()[0]]
              for ds in ("synth-3d", "bvh-readback")}
    assert len(titled["synth-3d"]) == 1 and len(titled["bvh-readback"]) == 1, text
    assert "0.641" in titled["synth-3d"][0] and "0.396" not in titled["synth-3d"][0], text
    assert "0.396" in titled["bvh-readback"][0] and "0.641" not in titled["bvh-readback"][0], text
    from motionalign.book import landing_page
    page = landing_page(tmp_path)
    sections = page.split("<h3")[1:]
    assert len(sections) == 2, page
    (ours,) = [s for s in sections if "synth-3d" in s.split("</h3>")[0]]
    (bvh,) = [s for s in sections if "bvh-readback" in s.split("</h3>")[0]]
    assert "0.641" in ours and "0.396" not in ours and "0.396" in bvh and "0.641" not in bvh, page


def test_runner_needs_no_kernel_metadata(tmp_path):
    "nbdev_clean may strip a notebook's kernelspec and language_info: the runner still runs it as Python."
    import nbformat
    from motionalign.experiments import run_experiments
    folder = tmp_path / "nbs"; folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("profile = 'smoke'\noutput_dir = '.'\nseed = 0", metadata=dict(tags=["parameters"])),
                nbformat.v4.new_code_cell("print('ran as python', 6 * 7)")]
    nb.metadata = {}
    nbformat.write(nb, folder / "bare.ipynb")
    run_experiments("smoke", nb_dir=folder, output_dir=tmp_path / "out")
    assert "ran as python 42" in (tmp_path / "out" / "bare.ipynb").read_text()


def test_every_experiment_notebook_names_its_kernel():
    "Each experiment notebook carries a Python kernelspec, so that papermill and Jupyter open it alike."
    import json
    from pathlib import Path
    for path in sorted((Path(__file__).parents[1] / "nbs" / "experiments").glob("*.ipynb")):
        spec = json.loads(path.read_text())["metadata"].get("kernelspec", {})
        assert spec.get("language") == "python" and spec.get("name") == "python3", (path.name, spec)

"""The real_data experiment through papermill at smoke size: on SynthMotion read back through the folder path (always),
and on a small part of each development set in ../shared/realdata (skipped, saying why, when it is absent)."""
import json, os
from pathlib import Path
import pytest
import papermill as pm

NOTEBOOK = Path(__file__).parents[1] / "nbs" / "experiments" / "real_data.ipynb"
REALDATA = Path(os.environ.get("MOTIONALIGN_REALDATA", Path(__file__).parents[2] / "shared" / "realdata"))
SETS = {"ski": dict(data_dir="ski_jump", data_format="ski_jump"),
        "msr": dict(data_dir="msr_action3d/MSRAction3DSkeletonReal3D", data_format="msr_action3d", actions=["a01", "a02"],
                    limit=30),
        "penn": dict(data_dir="penn_action/labels", data_format="penn_action", actions=["squat", "jumping_jacks"],
                     limit=16)}


def _run(tmp_path, **parameters) -> list:
    "Execute the notebook with smoke settings; its result records."
    out = tmp_path / "out"
    pm.execute_notebook(str(NOTEBOOK), str(tmp_path / "run.ipynb"), kernel_name="python3", language="python",
                        progress_bar=False, cwd=str(NOTEBOOK.parents[2]),
                        parameters=dict(profile="smoke", steps=3, output_dir=str(out), **parameters))
    return json.loads((out / "records.json").read_text())


def test_real_data_on_synthmotion_through_the_folder_path(tmp_path):
    records = _run(tmp_path)
    methods = {r["method"] for r in records}
    assert {"raw_keypoints", "linear_time_scaling", "lrprop", "tcc", "lrprop/control:shuffled"} <= methods
    assert all(r["split"].startswith("validation:") for r in records)


@pytest.mark.parametrize("name", sorted(SETS))
def test_real_data_on_a_development_set(name, tmp_path):
    spec = dict(SETS[name])
    folder = REALDATA / spec.pop("data_dir")
    if not folder.exists(): pytest.skip(f"the development data is not at {folder} (set MOTIONALIGN_REALDATA)")
    records = _run(tmp_path, data_dir=str(folder), **spec)
    metrics = {r["metric"] for r in records}
    assert "kendalls_tau" in metrics and {"raw_keypoints", "linear_time_scaling"} <= {r["method"] for r in records}
    if name == "ski": assert {"event_transfer_take_off_median", "event_transfer_landing_median"} <= metrics


def test_mmd_nca_on_msr_action3d(tmp_path):
    "The mmd_nca experiment reads the MSR development set by path: unseen categories, persons and cross-subject 1-NN."
    folder = REALDATA / "msr_action3d" / "MSRAction3DSkeletonReal3D"
    if not folder.exists(): pytest.skip(f"the development data is not at {folder} (set MOTIONALIGN_REALDATA)")
    notebook, out = NOTEBOOK.with_name("mmd_nca.ipynb"), tmp_path / "out"
    pm.execute_notebook(str(notebook), str(tmp_path / "run.ipynb"), kernel_name="python3", language="python",
                        progress_bar=False, cwd=str(NOTEBOOK.parents[2]),
                        parameters=dict(profile="smoke", output_dir=str(out), data_dir=str(folder), data_format="msr_action3d",
                                        losses=["mmd_nca"], person_losses=["mmd_nca"]))
    records = json.loads((out / "records.json").read_text())
    assert all(r["dataset"].startswith("MSRAction3DSkeletonReal3D") for r in records), {r["dataset"] for r in records}
    one_nn = {r["method"]: r["value"] for r in records if r["metric"] == "1nn_accuracy"}
    assert set(one_nn) == {"dtw", "l2", "mmd_nca"} and all(0 <= v <= 1 for v in one_nn.values())
    assert not (out / "bvh").exists()   # the BVH round trip is SynthMotion's only

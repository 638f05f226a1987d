"Every new loader given another format's fixture (or a broken file) raises one MotionalignError that names the file."
from functools import partial
from pathlib import Path
import pytest
from motionalign.core import MotionalignError
from motionalign.data import io

FIX = Path(__file__).resolve().parents[1] / "data" / "fixtures"
FILES = {"openpose": FIX / "openpose" / "two_people", "coco": FIX / "coco" / "annotations.json",
         "results": FIX / "coco" / "results.json", "halpe": FIX / "coco" / "halpe26.json", "mmpose": FIX / "coco" / "mmpose.json",
         "mediapipe_json": FIX / "mediapipe" / "pose.json", "mediapipe_csv": FIX / "mediapipe" / "pose_wide.csv",
         "msr": FIX / "msr" / "a02_s03_e01_skeleton3D.txt", "c3d": FIX / "c3d" / "S01_0.c3d",
         "ski": FIX / "ski" / "annotations" / "JP0005" / "annotations_interpolated_jump5.coco.json",
         "alphapose": FIX / "alphapose_two_people" / "S01_0.json", "bvh": FIX / "bvh" / "S01_0.bvh"}
LOADERS = {"openpose": io.load_openpose, "coco": partial(io.load_coco, person="largest"), "results": io.load_coco_results, "halpe": io.load_halpe,
           "mmpose": io.load_mmpose, "mediapipe_json": io.load_mediapipe_json, "mediapipe_csv": io.load_mediapipe_csv,
           "msr": io.load_msr_action3d, "c3d": io.load_c3d, "ski": io.load_ski_jump}
# pairs that are the same format by design: a results list is AlphaPose's format too
SAME = {("results", "alphapose"), ("halpe", "halpe"), ("coco", "ski")}


@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_each_loader_reads_its_fixture(loader):
    assert len(LOADERS[loader](FILES[loader])) > 0


@pytest.mark.parametrize("loader,given", [(l, f) for l in sorted(LOADERS) for f in sorted(FILES)
                                          if f != l and (l, f) not in SAME and not (l == "ski" and f == "coco")])
def test_loader_refuses_another_format(loader, given):
    path = FILES[given]
    if loader == "openpose": path = path if path.is_dir() else path.parent
    with pytest.raises(MotionalignError) as e: LOADERS[loader](path)
    assert str(path) in str(e.value) or path.name in str(e.value), str(e.value)


@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_loader_refuses_a_missing_or_binary_file(loader, tmp_path):
    (tmp_path / "x_000000000000_keypoints.json").write_bytes(bytes(range(256)) * 4)
    binary = tmp_path if loader in ("openpose",) else tmp_path / "x_000000000000_keypoints.json"
    for path in (tmp_path / "nothing" / "here.json", binary):
        with pytest.raises(MotionalignError) as e: LOADERS[loader](path)
        assert path.name in str(e.value), str(e.value)

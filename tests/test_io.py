"Loaders and writers of motionalign.data.io: shipped fixtures, round trips and bad input beyond the notebook's cases."
import json, sys
from pathlib import Path
import numpy as np
import pytest
import scipy.io
from hypothesis import given, settings, strategies as st
from motionalign.core import Motion, MotionSet, MotionalignError, COCO17_JOINTS, expect_error
from motionalign.data.io import (load_alphapose, load_alphapose_dataset, load_mat_patches, load_penn_action, load_bvh,
                                 load_npz, save_alphapose, save_mat_patches, save_penn_action, save_bvh, save_npz,
                                 assert_same_motions, bvh_positions, write_fixtures, FIXTURE_BVH_SYNTH)
from motionalign.data.synth import synth_motion

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


@pytest.fixture(scope="module")
def smoke(): return synth_motion("smoke", seed=0)


def write(path: Path, text) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if isinstance(text, str) else json.dumps(text))
    return path


# ---------------------------------------------------------------- shipped fixtures

def test_fixtures_are_small_and_complete():
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 1_000_000
    suffixes = {p.suffix for p in files}
    assert {".json", ".mat", ".npy", ".csv", ".bvh", ".npz"} <= suffixes


def test_every_fixture_round_trips(tmp_path):
    coach = load_alphapose_dataset(FIXTURES / "alphapose")
    for m in coach:
        back = load_alphapose(save_alphapose(m, tmp_path / m.action / m.split / f"{m.subject}_{m.take}.json"), action=m.action, split=m.split)
        assert_same_motions(m, back)
    patches = load_mat_patches(FIXTURES / "patches_v5.mat")
    assert_same_motions(patches, load_mat_patches(save_mat_patches(patches, tmp_path / "p.mat")))
    for m in load_penn_action(FIXTURES / "penn"):
        assert_same_motions(m, load_penn_action(save_penn_action(m, tmp_path / "penn" / f"{m.subject}.mat", phase_format="csv")))
    mocap = load_bvh(FIXTURES / "bvh" / "S01_0.bvh", fps=None)
    assert mocap.fps == 120 and len(mocap) > 100
    assert_same_motions(mocap, load_bvh(save_bvh(mocap, tmp_path / "S01_0.bvh"), fps=None), atol=1e-4)
    npz = load_npz(FIXTURES / "synth_smoke.npz")
    assert_same_motions(npz, load_npz(save_npz(npz, tmp_path / "s.npz", compress=False)), meta=True)


def test_fixtures_match_their_source(smoke):
    for m in load_alphapose_dataset(FIXTURES / "alphapose"):
        assert np.abs(m.x - smoke.select(action=m.action, subject=m.subject, take=m.take)[0].x).max() <= 0.0051
    squat3d = synth_motion("smoke", dims=3, **FIXTURE_BVH_SYNTH)[0]
    mocap = load_bvh(FIXTURES / "bvh" / "S01_0.bvh", fps=None)
    coco = [mocap.meta["joint_names"].index(n) for n in COCO17_JOINTS]
    assert np.abs(mocap.coords[:, coco] - squat3d.coords).max() < 1e-3
    body = list(range(5, 17))  # exact where the skeleton fits SynthMotion's body
    assert np.abs(mocap.coords[:, coco][:, body] - squat3d.coords[:, body]).max() < 1e-4


def test_write_fixtures_reproduces_the_shipped_files(tmp_path):
    write_fixtures(tmp_path, mat73=False)
    shipped = sorted(p.relative_to(FIXTURES) for p in FIXTURES.rglob("*") if p.is_file() and p.name != "patches_v73.mat")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()) == shipped
    for rel in shipped:
        if rel.suffix in (".json", ".bvh", ".csv"): assert (tmp_path / rel).read_text() == (FIXTURES / rel).read_text(), rel


# ---------------------------------------------------------------- AlphaPose

def test_alphapose_people_and_missing_frames(tmp_path, smoke):
    a, b = smoke[0], smoke[7]
    xa = a.x.copy(); xa[3:6] = 0
    people = [a.replace(x=xa), Motion(b.x[:20], subject=b.subject, take=b.take, action=b.action)]
    m = load_alphapose(save_alphapose(people, tmp_path / "v_1.json"), n_frames=len(a) + 2)
    assert m.meta["person"] == "track 1" and len(m) == len(a) + 2 and m.meta["missing_frames"] == 5
    assert (m.x[3:6] == 0).all() and (m.x[-2:] == 0).all() and np.array_equal(m.x[:3], a.x[:3])
    assert (m.subject, m.take) == ("v", 1)


def test_alphapose_track_ids_as_lists_and_integer_image_ids(tmp_path):
    kp = lambda v: [v, v, 0.9] * 17
    recs = [dict(image_id=0, keypoints=kp(1.0), idx=[2]), dict(image_id=0, keypoints=kp(5.0), idx=[3]),
            dict(image_id=2, keypoints=kp(2.0), idx=[2])]
    m = load_alphapose(write(tmp_path / "a.json", recs))
    assert m.meta["person"] == "track 2" and len(m) == 3 and m.x[0, 0, 0] == 1 and m.x[2, 0, 0] == 2 and (m.x[1] == 0).all()


def test_alphapose_other_joint_counts(tmp_path):
    m = load_alphapose(write(tmp_path / "halpe.json", [dict(image_id="frame_0007.png", keypoints=[1.0, 2.0, 0.5] * 26)]), skeleton="halpe26")
    assert m.x.shape == (8, 26, 3) and (m.x[:7] == 0).all()


@pytest.mark.parametrize("content, words", [
    ({"0.jpg": []}, ["list of detections", "dict"]),
    ([[1, 2, 3]], ["detection 0", "not an object"]),
    ([dict(image_id="cover.jpg", keypoints=[0.0] * 51)], ["no frame number"]),
    ([dict(image_id=-1, keypoints=[0.0] * 51)], ["no frame number"]),
    ([dict(image_id="0.jpg", keypoints=["a"] * 51)], ["not a list of numbers"]),
    ([dict(image_id="0.jpg", keypoints=[[1, 2, 3]] * 17)], ["not a multiple of 3", "(17, 3)"]),
    ([dict(image_id="0.jpg", keypoints=[0.0] * 51, score="high")], ["score or box"]),
    ([dict(image_id="0.jpg", keypoints=[1.0, 1.0, -1.0] * 17)], ["negative confidences"]),
    ("", ["malformed JSON"]),
])
def test_alphapose_bad_files(tmp_path, content, words):
    path = write(tmp_path / "bad.json", content)
    expect_error(lambda: load_alphapose(path), "bad.json", *words)


def test_alphapose_paths(tmp_path):
    expect_error(lambda: load_alphapose(tmp_path / "nothing.json"), "nothing.json", "does not exist")
    (tmp_path / "empty_video").mkdir()
    expect_error(lambda: load_alphapose(tmp_path / "empty_video"), "empty_video", "no AlphaPose .json")
    rec = [dict(image_id="0.jpg", keypoints=[1.0] * 51)]
    write(tmp_path / "two" / "a.json", rec); write(tmp_path / "two" / "b.json", rec)
    expect_error(lambda: load_alphapose(tmp_path / "two"), "2 .json files")
    write(tmp_path / "two" / "sub" / "alphapose-results.json", rec)
    assert load_alphapose(tmp_path / "two").subject == "two"
    expect_error(lambda: load_alphapose(write(tmp_path / "late.json", rec + [dict(image_id="9.jpg", keypoints=[1.0] * 51)]), n_frames=5),
                 "frame 9", "n_frames=5")
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00\x81")
    expect_error(lambda: load_alphapose(tmp_path / "bin.json"), "bin.json", "not a text file")


def test_alphapose_dataset_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    expect_error(lambda: load_alphapose_dataset(tmp_path / "empty"), "holds no videos")
    rec = [dict(image_id="0.jpg", keypoints=[1.0] * 51)]
    write(tmp_path / "d" / "jump" / "train" / "S1_0.json", rec)
    write(tmp_path / "d" / "jump" / "test" / "S1-0" / "alphapose-results.json", rec)
    expect_error(lambda: load_alphapose_dataset(tmp_path / "d"), "twice", "jump/S1/0")
    expect_error(lambda: load_alphapose_dataset(tmp_path / "d" / "jump" / "train" / "S1_0.json"), "not a folder")


def test_save_alphapose_needs_2d(smoke):
    m3 = synth_motion("smoke", dims=3, actions=("squat",), n_subjects=1, takes=(1, 1))[0]
    expect_error(lambda: save_alphapose(m3, "/tmp/never.json"), "2-D keypoints", "4)")


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 30), st.integers(1, 5), st.integers(0, 2**31 - 1))
def test_alphapose_round_trip_property(n_frames, n_joints, seed):
    import tempfile
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 300, (n_frames, n_joints, 3)).astype(np.float32)
    x[..., 2] = rng.random((n_frames, n_joints)) * (rng.random((n_frames, n_joints)) > 0.3)
    x[-1, 0, 2] = 0.5  # the last frame is present, so the length is known
    x[x[..., 2] == 0] = 0
    m = Motion(x, subject="v", take=3)
    with tempfile.TemporaryDirectory() as d:
        assert_same_motions(m, load_alphapose(save_alphapose(m, Path(d) / "v_3.json"), skeleton=n_joints))


# ---------------------------------------------------------------- MATLAB patches

def test_mat73_patches(tmp_path):
    pytest.importorskip("h5py")
    v5, v73 = load_mat_patches(FIXTURES / "patches_v5.mat"), load_mat_patches(FIXTURES / "patches_v73.mat")
    assert_same_motions(v5, v73)
    rgb = Motion(np.random.default_rng(1).random((4, 3, 5, 7)), subject="S2", take=1, action="jump", fps=24)
    assert_same_motions(rgb, load_mat_patches(save_mat_patches(rgb, tmp_path / "rgb.mat", version="7.3")))
    assert_same_motions(v73, load_mat_patches(save_mat_patches(v73, tmp_path / "grey.mat", version="7.3")))
    cut = tmp_path / "cut73.mat"
    cut.write_bytes((FIXTURES / "patches_v73.mat").read_bytes()[:2000])
    expect_error(lambda: load_mat_patches(cut), "cut73.mat", "truncated or corrupt")


def test_mat73_without_h5py(monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)  # import h5py now raises ImportError
    expect_error(lambda: load_mat_patches(FIXTURES / "patches_v73.mat"), "patches_v73.mat", "needs h5py", "pip install h5py")


def test_mat_patches_folder(tmp_path):
    for take in (0, 1):
        save_mat_patches(Motion(np.full((3, 1, 4, 4), take / 2), subject="S1", take=take), tmp_path / f"S1_{take}.mat")
    ms = load_mat_patches(tmp_path)
    assert isinstance(ms, MotionSet) and ms.keys == ["unknown/S1/0", "unknown/S1/1"] and ms[1].x.max() == 0.5


def test_mat_bad_files(tmp_path, smoke):
    write(tmp_path / "text.mat", "not a MATLAB file at all, but long enough to have a header " * 4)
    expect_error(lambda: load_mat_patches(tmp_path / "text.mat"), "text.mat", "MATLAB file")
    scipy.io.savemat(str(tmp_path / "flat.mat"), dict(patches=np.zeros((4, 4)), subject="S1", take=0.0))
    expect_error(lambda: load_mat_patches(tmp_path / "flat.mat"), "flat.mat", "[H, W, T]", "(4, 4)")
    scipy.io.savemat(str(tmp_path / "nosubj.mat"), dict(patches=np.zeros((4, 4, 2)), take=0.0))
    expect_error(lambda: load_mat_patches(tmp_path / "nosubj.mat"), "nosubj.mat", "lacks the variable 'subject'")
    scipy.io.savemat(str(tmp_path / "take.mat"), dict(patches=np.zeros((4, 4, 2)), subject="S1", take="first"))
    expect_error(lambda: load_mat_patches(tmp_path / "take.mat"), "take.mat", "'take'", "not a valid int")
    scipy.io.savemat(str(tmp_path / "nan.mat"), dict(patches=np.full((4, 4, 2), np.nan), subject="S1", take=0.0))
    expect_error(lambda: load_mat_patches(tmp_path / "nan.mat"), "nan.mat", "NaN")
    scipy.io.savemat(str(tmp_path / "empty.mat"), dict(patches=np.zeros((4, 4, 0)), subject="S1", take=0.0))
    expect_error(lambda: load_mat_patches(tmp_path / "empty.mat"), "empty.mat", "empty")
    expect_error(lambda: save_mat_patches(smoke[0], tmp_path / "k.mat"), "needs patches", "keypoints")
    bright = Motion(np.full((2, 1, 3, 3), 2.0))
    expect_error(lambda: save_mat_patches(bright, tmp_path / "b.mat", dtype="uint8"), "uint8", "[0, 1]")
    expect_error(lambda: save_mat_patches(bright, tmp_path / "b.mat", version="6"), "version", "'6'")
    assert not (tmp_path / "b.mat").exists() and not list(tmp_path.glob(".*tmp*"))


# ---------------------------------------------------------------- PennAction

def penn_vars(T=4, **changes):
    return {**dict(x=np.arange(T * 13.0).reshape(T, 13), y=np.ones((T, 13)), visibility=np.ones((T, 13)),
                   action="tennis_serve", nframes=float(T), train=-1.0, pose="front", bbox=np.ones((T, 4)),
                   dimensions=np.array([480.0, 640.0, T])), **changes}


def test_penn_fields(tmp_path):
    scipy.io.savemat(str(tmp_path / "0042.mat"), penn_vars(visibility=np.eye(4, 13)))
    np.savetxt(tmp_path / "labels.csv", [0, 0, 1, 2], fmt="%d")
    m = load_penn_action(tmp_path / "0042.mat", phases=tmp_path / "labels.csv", fps=25)
    assert m.key == "tennis_serve/0042/0" and m.split == "test" and m.fps == 25 and list(m.phase) == [0, 0, 1, 2]
    assert m.meta["pose"] == "front" and m.meta["dimensions"] == [480, 640, 4] and np.shape(m.meta["bbox"]) == (4, 4)
    assert np.array_equal(m.x[:, 0, 0], [0, 13, 26, 39]) and m.confidence[0, 0] == 1 and m.confidence[1, 0] == 0
    assert (m.confidence[:, 1:5] == 0).all() and m.x[1, 0, 0] == 13  # invisible joints keep their coordinates
    assert_same_motions(m, load_penn_action(save_penn_action(m, tmp_path / "out" / "0042.mat"), fps=25), meta=False)
    assert load_penn_action(tmp_path / "out" / "0042.mat").meta["bbox"] == m.meta["bbox"]


@pytest.mark.parametrize("changes, words", [
    (dict(nframes=5.0), ["nframes = 5", "4 frames"]),
    (dict(y=np.ones((3, 13))), ["[frames, 13]", "(3, 13)"]),
    (dict(x=np.ones((4, 13, 2))), ["[frames, 13]"]),
    (dict(x=np.full((4, 13), np.nan)), ["NaN"]),
])
def test_penn_bad_files(tmp_path, changes, words):
    scipy.io.savemat(str(tmp_path / "bad.mat"), penn_vars(**changes))
    expect_error(lambda: load_penn_action(tmp_path / "bad.mat"), "bad.mat", *words)


def test_penn_bad_phases(tmp_path):
    scipy.io.savemat(str(tmp_path / "0001.mat"), penn_vars())
    np.save(tmp_path / "0001_phases.npy", np.arange(3))
    expect_error(lambda: load_penn_action(tmp_path / "0001.mat"), "0001_phases.npy", "3 phase labels", "4 frames")
    np.save(tmp_path / "0001_phases.npy", np.array([0.5, 1, 2, 3]))
    expect_error(lambda: load_penn_action(tmp_path / "0001.mat"), "integers")
    assert load_penn_action(tmp_path / "0001.mat", phases=None).phase is None
    expect_error(lambda: load_penn_action(tmp_path / "0001.mat", phases=tmp_path / "none.csv"), "none.csv", "does not exist")


def test_penn_writer_limits(tmp_path, smoke):
    m = smoke[0].replace(split="val")
    assert load_penn_action(save_penn_action(m, tmp_path / "v.mat")).split is None  # PennAction has no validation set
    expect_error(lambda: save_penn_action(Motion(np.ones((3, 13, 3))), tmp_path / "j.mat"), "COCO-17", "(3, 13, 3)")
    expect_error(lambda: save_penn_action(m, tmp_path / "v.mat", phase_format="txt"), "phase_format")


# ---------------------------------------------------------------- BVH

LEG = """HIERARCHY
ROOT hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT knee
  {
    OFFSET 0 -1 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    End Site
    {
      OFFSET 0 -1 0
    }
  }
}
MOTION
Frames: 2
Frame Time: 0.0333333
0 0 0 0 0 0 0 0 0
1 0 0 0 0 0 0 0 0
"""


@pytest.mark.parametrize("old, new, words", [
    ("HIERARCHY", "HIERARCHIE", ["not a BVH file"]),
    ("  JOINT knee", "  BONE knee", ["line 6", "unknown keyword 'BONE'"]),
    ("CHANNELS 3 Zrotation", "CHANNELS 4 Zrotation", ["line 9", "bad CHANNELS"]),
    ("CHANNELS 3 Zrotation Xrotation Yrotation", "CHANNELS 3 Zrotation Xrotation Wrotation", ["bad CHANNELS"]),
    ("OFFSET 0 -1 0\n    CHANNELS", "OFFSET 0 -1\n    CHANNELS", ["bad OFFSET"]),
    ("ROOT hips\n{", "ROOT hips\n{\n}\nROOT legs\n{", ["line 5", "unexpected 'ROOT legs'"]),
    ("    End Site\n", "    End Site\n    JOINT toe\n", ["line 11", "unexpected 'JOINT toe'"]),
    ("Frame Time: 0.0333333", "Frametime 0.03", ["expected 'Frames: <count>' and 'Frame Time: <seconds>'"]),
    ("1 0 0 0 0 0 0 0 0", "1 0 0 0 0 0 0 0", ["frame 1 has 8 values for 9 channels"]),
    ("1 0 0 0 0 0 0 0 0", "1 0 0 0 0 0 0 0 zero", ["not numbers"]),
    ("1 0 0 0 0 0 0 0 0\n", "1 0 0 0 0 0 0 0 0\n2 0 0 0 0 0 0 0 0\n", ["declares 2 frames but holds 3"]),
    ("MOTION\nFrames: 2", "MOTIONLESS\nFrames: 2", ["unknown keyword 'MOTIONLESS'"]),
    ("      OFFSET 0 -1 0\n    }\n  }\n}\n", "      OFFSET 0 -1 0\n    }\n  }\n}\n}\n", ["unbalanced '}'"]),
])
def test_bvh_bad_files(tmp_path, old, new, words):
    assert old in LEG
    path = write(tmp_path / "bad.bvh", LEG.replace(old, new))
    expect_error(lambda: load_bvh(path), "bad.bvh", *words)


def test_bvh_truncated_hierarchy(tmp_path):
    path = write(tmp_path / "cut.bvh", LEG[:LEG.index("MOTION")])
    expect_error(lambda: load_bvh(path), "cut.bvh", "no MOTION section")
    path = write(tmp_path / "mid.bvh", LEG[:150])  # cut inside a word
    expect_error(lambda: load_bvh(path), "mid.bvh", "line 9", "broken hierarchy")


def test_bvh_folder(tmp_path):
    write(tmp_path / "02_01.bvh", LEG); write(tmp_path / "02_02.bvh", LEG)
    ms = load_bvh(tmp_path, action="walk", fps=None)
    assert ms.keys == ["walk/02/1", "walk/02/2"] and ms[0].fps == 30 and ms[0].x.shape == (2, 2, 4)
    (tmp_path / "none").mkdir()
    expect_error(lambda: load_bvh(tmp_path / "none"), "holds no .bvh files")


def test_bvh_gimbal_lock_and_fewer_channels(tmp_path):
    sk = dict(names=["r", "a", "b", "c"], parents=[-1, 0, 1, 2], offsets=[[0, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]],
              channels=[["Xposition", "Yposition", "Zposition", "Xrotation"], ["Zrotation", "Xrotation", "Yrotation"], ["Yrotation"], []],
              end_sites=[None, None, None, [0, 0, 0.5]])
    values = np.array([[0, 0, 0, 30, 10, 90, 20, 45], [1, 2, 3, -30, 90, 90, 0, -45], [0, 0, 0, 0, 90, -90, 90, 180]], float)
    pos = bvh_positions(sk, values)
    m = Motion(np.concatenate([pos, np.ones((3, 4, 1))], -1), meta=dict(skeleton=sk))
    back = load_bvh(save_bvh(m, tmp_path / "g.bvh"), fps=None)
    assert np.abs(back.coords - pos).max() < 1e-5
    assert back.meta["skeleton"]["channels"][2] == ["Zrotation", "Xrotation", "Yrotation"]  # the writer writes 3 rotations


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 9), st.integers(0, 2**31 - 1))
def test_bvh_random_trees_round_trip(n_joints, seed):
    import tempfile
    rng = np.random.default_rng(seed)
    parents = [-1] + [int(rng.integers(0, j)) for j in range(1, n_joints)]
    order, stack = [], [0]  # renumber depth first, as a BVH file lists joints
    while stack:
        j = stack.pop(); order.append(j); stack.extend(reversed([k for k, p in enumerate(parents) if p == j]))
    parents = [order.index(parents[j]) if parents[j] >= 0 else -1 for j in order]
    offsets = rng.normal(size=(n_joints, 3)) * (rng.random((n_joints, 1)) > 0.2)
    orders = ["".join(rng.permutation(list("XYZ"))) for _ in range(n_joints)]
    sk = dict(names=[f"j{j}" for j in range(n_joints)], parents=parents, offsets=offsets.tolist(),
              channels=[["Xposition", "Yposition", "Zposition"] * (j == 0) + [f"{a}rotation" for a in o] for j, o in enumerate(orders)],
              end_sites=[None] * n_joints)
    values = rng.uniform(-180, 180, (6, 3 + 3 * n_joints))
    values[:, :3] /= 90  # root positions of a few units: float32 frames keep them to 1e-6
    pos = bvh_positions(sk, values)
    m = Motion(np.concatenate([pos, np.ones((6, n_joints, 1))], -1), fps=60, meta=dict(skeleton=sk))
    with tempfile.TemporaryDirectory() as d:
        back = load_bvh(save_bvh(m, Path(d) / "t.bvh", decimals=8), fps=None)
    assert np.abs(back.coords - pos).max() < 1e-5 and back.fps == 60


def test_save_bvh_refuses(tmp_path, smoke):
    expect_error(lambda: save_bvh(smoke[0], tmp_path / "a.bvh"), "3-D keypoints", "3)")
    m3 = synth_motion("smoke", dims=3, actions=("squat",), n_subjects=1, takes=(1, 1))[0]
    expect_error(lambda: save_bvh(m3, tmp_path / "a.bvh"), "missing joints", "fill them first")
    expect_error(lambda: save_bvh(Motion(np.ones((3, 5, 4))), tmp_path / "a.bvh"), "no skeleton for the 5 joints")
    sk = dict(names=["a", "b", "c"], parents=[-1, 0, 0], offsets=[[0] * 3] * 3, channels=[[]] * 3, end_sites=[None] * 3)
    bad = dict(sk, parents=[1, -1, 0])
    expect_error(lambda: save_bvh(Motion(np.ones((3, 3, 4))), tmp_path / "a.bvh", skeleton=bad), "root first")


def test_bvh_resampling():
    "BVH rates go through data.transforms.resample: whole ratios keep exact frames, others interpolate."
    from motionalign.data.transforms import resample
    x = np.arange(13.0)[:, None, None] * np.ones((1, 2, 4))
    x[..., 3] = 1.0  # every joint observed
    m = Motion(x, fps=120)
    assert np.array_equal(resample(m, fps=30).x[:, 0, 0], [0, 4, 8, 12])
    assert np.allclose(resample(m, fps=50).x[:, 0, 0], np.arange(0, 12.01, 2.4))
    assert np.allclose(resample(m.replace(fps=30), fps=60).x[:, 0, 0], np.arange(0, 12.01, 0.5))


# ---------------------------------------------------------------- npz

def test_npz_round_trips_everything(tmp_path, smoke):
    odd = smoke[0].replace(split="val", meta=dict(arr=np.arange(3), f=np.float32(1.5), nested={"a": [1, (2, 3)]}))
    ms = MotionSet([odd, smoke[1].replace(phase=None, progress=None, start=None, end=None)], name="mixed")
    back = load_npz(save_npz(ms, tmp_path / "m.npz"))
    assert back.name == "mixed" and back[0].meta == dict(arr=[0, 1, 2], f=1.5, nested={"a": [1, [2, 3]]})
    assert_same_motions(ms, back, meta=True)
    assert back[1].phase is None and back[0].x.dtype == np.float32
    assert_same_motions(MotionSet([odd]), load_npz(save_npz(odd, tmp_path / "one.npz")))


def test_npz_bad_files(tmp_path, smoke):
    write(tmp_path / "text.npz", "hello")
    expect_error(lambda: load_npz(tmp_path / "text.npz"), "text.npz", "truncated or corrupt")
    np.savez(tmp_path / "fmt.npz", header=np.array(json.dumps(dict(format="other", motions=[]))))
    expect_error(lambda: load_npz(tmp_path / "fmt.npz"), "fmt.npz", "'other'")
    path = save_npz(smoke[:2], tmp_path / "ok.npz")
    with np.load(path) as z: arrays = {k: z[k] for k in z.files if k != "x_1"}
    np.savez(tmp_path / "lost.npz", **arrays)
    expect_error(lambda: load_npz(tmp_path / "lost.npz"), "lost.npz", "x_1")
    expect_error(lambda: save_npz(smoke[0].replace(meta=dict(f=open)), tmp_path / "f.npz"), "save_npz", "JSON")
    assert not (tmp_path / "f.npz").exists()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.booleans(), st.sampled_from([None, "train", "test"])), min_size=1, max_size=4),
       st.integers(0, 2**31 - 1))
def test_npz_round_trip_property(specs, seed):
    import tempfile
    rng = np.random.default_rng(seed)
    ms = MotionSet([Motion(rng.random((T, 3, 4)), fps=float(rng.integers(10, 100)), subject=f"S{i}", take=i, split=split,
                           phase=rng.integers(0, 4, T) if labelled else None, progress=np.sort(rng.random(T)) if labelled else None,
                           start=0 if labelled else None, end=T - 1 if labelled else None, meta=dict(i=i))
                    for i, (T, labelled, split) in enumerate(specs)], name="prop")
    with tempfile.TemporaryDirectory() as d:
        assert_same_motions(ms, load_npz(save_npz(ms, Path(d) / "p.npz")), meta=True)

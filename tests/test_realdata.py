"""The development sets of real recordings (`../shared/realdata/`, README there) as tests: every Penn Action clip
loads and gets keypoint features, every MSR Action3D file loads (all-zero frames dropped, an all-zero file refused by
name), every ski jump loads with its events mapped to sequence indices. Set MOTIONALIGN_REALDATA to read them
elsewhere; without the folder the tests skip, saying why."""
import os, re
from pathlib import Path
import numpy as np
import pytest
from motionalign.core import MotionalignError, MotionSet
from motionalign.data.io import load_penn_action, load_msr_action3d, load_ski_jump
from motionalign.data.transforms import keypoint_features, joint_mask

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def realdata() -> Path:
    "The folder of real development data: $MOTIONALIGN_REALDATA, else ../shared/realdata beside the repository."
    path = Path(os.environ.get("MOTIONALIGN_REALDATA", ROOT / ".." / "shared" / "realdata")).resolve()
    if not path.is_dir(): pytest.skip(f"no real data at {path} (set MOTIONALIGN_REALDATA to the folder of ../shared/realdata)")
    return path


def _folder(realdata: Path, sub: str) -> Path:
    path = realdata / sub
    if not path.is_dir(): pytest.skip(f"no {sub} under {realdata}")
    return path


@pytest.fixture(scope="session")
def penn(realdata):
    "Every Penn Action clip, loaded once: with occluded joints kept (confidence 0.5) and by visibility only."
    labels = _folder(realdata, "penn_action/labels")
    return len(list(labels.glob("*.mat"))), load_penn_action(labels, occluded=0.5), load_penn_action(labels)


def test_every_penn_action_clip_gets_keypoint_features(penn):
    n_files, kept, visible = penn
    done = 0
    for m in kept:
        f = keypoint_features(m)
        assert f.shape == (len(m), 34) and np.isfinite(f).all(), m.key
        done += 1
    print(f"Penn Action: keypoint features on {done} of {n_files} clips (occluded joints kept)")
    assert done == n_files == len(kept)
    embedded, refused = 0, []
    for m in visible:
        try: keypoint_features(m); embedded += 1
        except MotionalignError as e:
            assert "no usable frame" in str(e) and m.key in str(e); refused.append(Path(m.meta["file"]).name)
            assert not joint_mask(m).any(), f"{m.key} was refused although joints were seen"
    print(f"Penn Action: keypoint features on {embedded} of {len(visible)} clips by visibility alone; refused (no joint "
          f"visible in any frame): {refused}")
    assert embedded + len(refused) == len(visible) and len(refused) <= 5


def test_penn_action_occlusion_is_survived(penn):
    "Clips without any frame showing both hips and both shoulders (the old code refused them) are embedded too."
    _, _, visible = penn
    no_torso = [m for m in visible if joint_mask(m).any() and not joint_mask(m)[:, [5, 6, 11, 12]].all(1).any()]
    for m in no_torso: assert np.isfinite(keypoint_features(m)).all()
    print(f"Penn Action: {len(no_torso)} clips with no frame showing both hips and both shoulders, all embedded")
    assert len(no_torso) > 100


@pytest.fixture(scope="session")
def msr(realdata):
    "Every MSR Action3D file, each loaded on its own: the motions and the refused files with their messages."
    files = sorted(_folder(realdata, "msr_action3d/MSRAction3DSkeletonReal3D").glob("*_skeleton3D.txt"))
    motions, refused = [], {}
    for f in files:
        try: motions.append(load_msr_action3d(f))
        except MotionalignError as e: refused[f.name] = str(e)
    return files, motions, refused


def test_every_msr_file_loads(msr):
    files, motions, refused = msr
    print(f"MSR Action3D: {len(motions)} of {len(files)} files load; refused: {sorted(refused)}; "
          f"{sum(len(m.meta['dropped_frames']) for m in motions)} all-zero frames dropped in "
          f"{sum(bool(m.meta['dropped_frames']) for m in motions)} files")
    assert len(motions) + len(refused) == len(files) == 292
    assert sorted(refused) == ["a13_s09_e02_skeleton3D.txt"]
    assert all(name in msg and "frames are zeros" in msg for name, msg in refused.items())
    for m in motions:
        assert m.skeleton.name == "msr20" and m.x.shape[1:] == (20, 4) and not (m.coords == 0).all((1, 2)).any(), m.key
        assert re.fullmatch(r"a\d\d/s\d\d/\d", m.key) and np.isfinite(keypoint_features(m)).all()
    assert len(MotionSet(motions)) == len(motions)  # keys are unique


@pytest.fixture(scope="session")
def jumps(realdata):
    return load_ski_jump(_folder(realdata, "ski_jump"))


def test_every_ski_jump_loads_with_events(jumps, realdata):
    from motionalign.data.io import ski_events
    table = ski_events(realdata / "ski_jump" / "jump_phases_SkiTB.csv")
    mapped = 0
    for m in jumps:
        frames = m.meta["source_frames"]
        assert np.array_equal(frames, np.arange(frames[0], frames[0] + len(m))), m.key  # gaps kept as missing frames
        assert m.meta["event_frames"] == table[m.id]["frames"] and not m.meta["events_outside"], m.key
        for event, i in m.meta["events"].items(): assert frames[i] == m.meta["event_frames"][event]
        assert "landing" in m.meta["events"], m.key
        mapped += len(m.meta["events"])
        f = keypoint_features(m, scale="frame")
        assert f.shape == (len(m), 46) and np.isfinite(f).all(), m.key
    with_take_off = sum("take_off" in m.meta["events"] for m in jumps)
    print(f"ski jumps: {len(jumps)} jumps of {len(jumps.subjects)} athletes load, {mapped} events mapped to sequence "
          f"indices (take-off in {with_take_off}, landing in {len(jumps)}), "
          f"{sum(m.meta['missing_frames'] for m in jumps)} frames missing in gaps")
    assert len(jumps) == 20 and len(set(jumps.keys)) == 20 and with_take_off == 18

"""Hardening, second round (issue 22): inputs from outside the project's corpus.

- what is not a plain file (a folder, a named pipe, a link that loops, a link to /dev/zero, an unreadable file or folder,
  a file above the caller's size cap) for every loader, directly and inside the folder it reads;
- values accepted silently before (AlphaPose scores and boxes, image names with several numbers, fractional or negative
  takes, Penn's nframes and train flag, .npz headers, HDF5 external links and virtual datasets, declared sizes);
- crashes (BVH writing 3000 joints deep, a BVH whose frame time makes resampling explode, a BOM);
- the command line (an output folder that is a file, a split that does not exist, --jobs < 1), disk full;
- output folders: the path built from data, the site index's links, the lock (two trainers and two experiment runs
  on one folder at once), the leakage guard.

Loader probes run in a forked child with a memory limit and a timeout, so that code that hangs on a pipe or reads
/dev/zero fails the probe instead of the test session. Every probe is counted per loader or command (conftest.py)."""
import json, os, resource, shutil, signal, stat, subprocess, sys, tempfile, textwrap, time
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path
import numpy as np
import pytest
import scipy.io  # imported before any fork: the child must not need to import
import h5py
from motionalign.core import Motion, MotionSet, MotionalignError, LeakageError, assert_disjoint
from motionalign.data import io as dio
from motionalign.data.synth import synth_motion
from make_bad_inputs import HEADER, MOTION, _mat_bytes

ROOT = Path(__file__).resolve().parents[1]
KP17 = [12.5, 30.0, 0.9] * 17
GOOD_BVH = HEADER + MOTION
ROOTLESS = os.geteuid() != 0


def _vm_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"): return int(line.split()[1]) * 1024
    return 0


def in_child(fn, timeout: float = 60, mem: int = 3 << 30, uid: int | None = None, fsize: int | None = None) -> dict:
    "Run `fn()` in a forked child (memory, time and optionally file-size limits, optionally as another user); what it did."
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(r)
        try:
            limit = _vm_bytes() + mem
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            if fsize is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            if uid is not None: os.setgroups([]); os.setgid(uid); os.setuid(uid)
            try: out = dict(kind="ok", value=repr(fn())[:20000])
            except BaseException as e: out = dict(kind=type(e).__name__, message=str(e)[:3000], clear=isinstance(e, MotionalignError))
            os.write(w, json.dumps(out).encode()[:60000])
        finally: os._exit(0)
    os.close(w)
    deadline, status = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done: break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0); os.close(r)
        return dict(kind="timeout", message=f"still running after {timeout} s (blocked or reading without end)")
    data = b""
    while chunk := os.read(r, 65536): data += chunk
    os.close(r)
    return json.loads(data) if data else dict(kind="died", message=f"child ended with status {status} and said nothing")


def assert_clear(out: dict, *words):
    "The child raised a MotionalignError whose message holds every word."
    assert out["kind"] != "timeout", out["message"]
    assert out.get("clear"), f"not a clear error: {out}"
    missing = [w for w in words if w not in out["message"]]
    assert not missing, f"message {out['message']!r} lacks {missing}"


SHARED_DIRS = []  # the folders `_shared_dir` made, removed when this module's tests are done


@pytest.fixture(scope="module", autouse=True)
def _remove_shared_dirs():
    "Remove every folder `_shared_dir` made (named pipes, loops and unreadable entries included)."
    yield
    for d in SHARED_DIRS: shutil.rmtree(d, ignore_errors=True)


def _shared_dir() -> Path:
    "A fresh folder that another user can enter (pytest's tmp_path is private to root)."
    d = Path(tempfile.mkdtemp(prefix="motionalign-probe-"))
    d.chmod(0o755)
    SHARED_DIRS.append(d)
    return d


# ------------------------------------------------------------------ not a plain file

def _good_bytes(loader: str) -> bytes:
    if loader in ("load_alphapose", "load_alphapose_dataset"):
        return json.dumps([{"image_id": "0.jpg", "keypoints": KP17, "score": 0.9}]).encode()
    if loader == "load_mat_patches":
        return _mat_bytes(dict(patches=np.zeros((4, 4, 3), np.uint8), subject="S02", take=0.0))
    if loader == "load_penn_action":
        return _mat_bytes(dict(x=np.ones((3, 13)), y=np.ones((3, 13)), visibility=np.ones((3, 13)), action="squat", nframes=3.0))
    if loader == "load_bvh": return GOOD_BVH.encode()
    buf = tempfile.mktemp(suffix=".npz")
    dio.save_npz(Motion(np.ones((3, 17, 3)), subject="S02"), buf)
    data = Path(buf).read_bytes(); os.unlink(buf)
    return data


# loader -> (entry name, layout): where the bad entry sits and what the loader is called on
PLACES = {
    "load_alphapose": [("alphapose-results.json", "file"), ("alphapose-results.json", "video")],
    "load_alphapose_dataset": [("alphapose-results.json", "dataset"), ("S1_0.json", "dataset_split")],
    "load_mat_patches": [("S02_0.mat", "file"), ("S02_0.mat", "folder")],
    "load_penn_action": [("0001.mat", "file"), ("0001.mat", "folder")],
    "load_bvh": [("S02_0.bvh", "file"), ("S02_0.bvh", "folder")],
    "load_npz": [("S02.npz", "file")],
}
KINDS = {"folder": ["is a folder"], "fifo": ["named pipe", "not a regular file"], "loop": ["loops"],
         "devzero": ["character device", "/dev/zero"], "unreadable": ["cannot be read", "ermission denied"],
         "too_big": ["bytes", "cap of 10 bytes", "max_bytes="]}


# SciPy's and NumPy's readers already named an unreadable file in a MotionalignError before this round (not a probe)
ALREADY_CLEAR_UNREADABLE = ("load_mat_patches", "load_penn_action", "load_npz")


def _place(base: Path, name: str, layout: str) -> tuple[Path, Path]:
    "(where the bad entry goes, what the loader is called on)."
    if layout == "file": return base / name, base / name
    if layout == "video": return base / "S02_0" / name, base / "S02_0"
    if layout == "folder": return base / "files" / name, base / "files"
    if layout == "dataset": return base / "data" / "jump" / "train" / "S02_0" / name, base / "data"
    return base / "data" / "jump" / "train" / name, base / "data"  # dataset_split: a <video>.json in the split folder


def _make(entry: Path, kind: str, good: bytes):
    entry.parent.mkdir(parents=True, exist_ok=True)
    for p in [entry.parent, *entry.parent.parents][:6]:
        if p.exists() and str(p).startswith(tempfile.gettempdir() + "/motionalign-probe-"): p.chmod(0o755)
    if kind == "folder": entry.mkdir()
    elif kind == "fifo": os.mkfifo(entry)
    elif kind == "loop": entry.symlink_to(entry)
    elif kind == "devzero": entry.symlink_to("/dev/zero")
    else: entry.write_bytes(good); entry.chmod(0o000 if kind == "unreadable" else 0o644)


def _not_plain_cases():
    for loader, places in PLACES.items():
        for name, layout in places:
            for kind in KINDS:
                if kind == "folder" and layout in ("file", "dataset_split"): continue  # a folder there is read as a folder of files
                if kind == "too_big" and layout not in ("file",): continue
                if kind == "unreadable" and loader in ALREADY_CLEAR_UNREADABLE: continue
                yield pytest.param(loader, name, layout, kind, id=f"{loader}-{layout}-{kind}")


@pytest.mark.parametrize("loader,name,layout,kind", list(_not_plain_cases()))
def test_loader_refuses_what_is_not_a_regular_file(loader, name, layout, kind, bad_input_tally):
    bad_input_tally(loader)
    base = _shared_dir()
    entry, target = _place(base, name, layout)
    _make(entry, kind, _good_bytes(loader))
    fn = getattr(dio, loader)
    kwargs = {"max_bytes": 10} if kind == "too_big" else {}
    uid = 65534 if kind == "unreadable" and not ROOTLESS else None
    out = in_child(lambda: fn(target, **kwargs), timeout=10, uid=uid)
    assert_clear(out, name, *KINDS[kind])


def test_unreadable_folders_are_named(bad_input_tally):
    "An unreadable video folder, split folder or BVH folder: an error naming it, not an empty result or PermissionError."
    for loader, layout in (("load_alphapose", "video"), ("load_alphapose_dataset", "split"), ("load_bvh", "folder"),
                           ("load_mat_patches", "folder")):
        bad_input_tally(loader)
        base = _shared_dir()
        name = {"load_bvh": "S02_0.bvh", "load_mat_patches": "S02_0.mat"}.get(loader, "alphapose-results.json")
        entry, target = _place(base, name, "dataset" if layout == "split" else layout)
        _make(entry, "file", _good_bytes(loader))
        locked = entry.parent.parent if layout == "split" else entry.parent
        locked.chmod(0o000)
        out = in_child(lambda: getattr(dio, loader)(target), timeout=30, uid=None if ROOTLESS else 65534)
        assert_clear(out, locked.name, "cannot be read", "ermission denied")


# ------------------------------------------------------------------ values accepted silently

def _det(**changes): return {"image_id": "0.jpg", "category_id": 1, "keypoints": KP17, "score": 0.9, "box": [10, 20, 30, 40], **changes}


ALPHAPOSE_VALUES = [
    ("score_nan", '[{"image_id": "0.jpg", "keypoints": %s, "score": NaN}]' % json.dumps(KP17), {}, ["detection 0", "score nan"]),
    ("score_negative", [_det(score=-0.5)], {}, ["detection 0", "score -0.5", ">= 0"]),
    ("score_true", [_det(score=True)], {}, ["detection 0", "score True"]),
    ("score_infinity", '[{"image_id": "0.jpg", "keypoints": %s, "score": Infinity}]' % json.dumps(KP17), {}, ["score inf"]),
    ("box_nan", '[{"image_id": "0.jpg", "keypoints": %s, "box": [1, NaN, 3, 4]}]' % json.dumps(KP17), {}, ["detection 0", "box"]),
    ("box_inf", '[{"image_id": "0.jpg", "keypoints": %s, "box": [1, 2, Infinity, 4]}]' % json.dumps(KP17), {}, ["box", "finite"]),
    ("box_negative_width", [_det(box=[1, 2, -30, 4])], {}, ["box", "width and height >= 0"]),
    ("box_three_numbers", [_det(box=[1, 2, 3])], {}, ["box", "[x, y, width, height]"]),
    ("box_number", [_det(box=7)], {}, ["box 7"]),
    ("keypoints_true", [_det(keypoints=[True] + KP17[1:])], {}, ["detection 0", "true or false"]),
    ("nan_bystander_first", '[{"image_id": "0.jpg", "keypoints": %s, "score": NaN}, {"image_id": "0.jpg", "keypoints": %s, "score": 0.99}]'
     % (json.dumps([1.0] * 51), json.dumps(KP17)), {}, ["detection 0", "score nan", "refused"]),
    ("names_with_two_numbers", [_det(image_id=f"{n:06d}_c2.jpg") for n in range(120, 130)], {}, ["000120_c2.jpg", "2 numbers", "frame_rule="]),
    ("names_last_number_merges", [_det(image_id=f"{n:06d}_c2.jpg") for n in range(120, 130)], {"frame_rule": "last"},
     ["'000120_c2.jpg' and '000121_c2.jpg' both give frame 2"]),
    ("two_names_one_frame", [_det(image_id="5.jpg"), _det(image_id="005.png")], {}, ["'5.jpg' and '005.png' both give frame 5"]),
    ("int_and_name_one_frame", [_det(image_id=5), _det(image_id="5.jpg")], {}, ["both give frame 5"]),
    ("frame_rule_unknown", [_det()], {"frame_rule": "middle"}, ["frame_rule", "middle"]),
    ("allocation_cap", [_det(image_id="9999999.jpg")], {}, ["10,000,000 x 17 x 3", "cap of", "bytes"]),
    ("allocation_cap_n_frames", [_det()], {"n_frames": 9_000_000, "skeleton": "coco17"}, ["9,000,000", "cap of"]),
]


@pytest.mark.parametrize("name,content,kwargs,words", ALPHAPOSE_VALUES, ids=[c[0] for c in ALPHAPOSE_VALUES])
def test_alphapose_values(name, content, kwargs, words, tmp_path, bad_input_tally):
    bad_input_tally("load_alphapose")
    path = tmp_path / f"{name}.json"
    if name == "allocation_cap_n_frames": content = [_det(keypoints=KP17)]
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    assert_clear(in_child(lambda: dio.load_alphapose(path, **kwargs)), path.name, *words)


def test_alphapose_frame_rules_keep_every_frame(tmp_path, bad_input_tally):
    "Ten frames named 000120_c2.jpg...: `first` keeps ten frames, `order` numbers them 0-9; none collapses into three."
    bad_input_tally("load_alphapose")
    path = tmp_path / "S01_0.json"
    path.write_text(json.dumps([_det(image_id=f"{n:06d}_c2.jpg") for n in range(120, 130)]))
    out = in_child(lambda: (len(dio.load_alphapose(path, frame_rule="first")), int((dio.load_alphapose(path, frame_rule="first").confidence.max(1) > 0).sum()),
                            len(dio.load_alphapose(path, frame_rule="order"))))
    assert out == dict(kind="ok", value="(130, 10, 10)"), out


def _h5_with(tmp: Path, change) -> Path:
    "A v7.3 patches file written by the library, then changed with h5py."
    path = tmp / "S01_0.mat"
    path.write_bytes(_mat_bytes(dict(patches=np.zeros((4, 4, 3), np.uint8), subject="S01", take=1.0), "7.3"))
    with h5py.File(path, "a") as f: change(f, tmp)
    return path


def _external_subject(f, tmp):
    with h5py.File(tmp / "elsewhere.h5", "w") as o: o["subject"] = f["subject"][()]; o["subject"].attrs["MATLAB_class"] = np.bytes_("char")
    del f["subject"]; f["subject"] = h5py.ExternalLink(str(tmp / "elsewhere.h5"), "/subject")


def _virtual_patches(f, tmp):
    with h5py.File(tmp / "pixels.h5", "w") as o: o["p"] = f["patches"][()]
    layout = h5py.VirtualLayout(shape=f["patches"].shape, dtype=f["patches"].dtype)
    layout[...] = h5py.VirtualSource(str(tmp / "pixels.h5"), "p", shape=f["patches"].shape)
    cls = f["patches"].attrs["MATLAB_class"]
    del f["patches"]; f.create_virtual_dataset("patches", layout); f["patches"].attrs["MATLAB_class"] = cls


def _huge_patches(f, tmp):
    cls = f["patches"].attrs["MATLAB_class"]
    del f["patches"]
    f.create_dataset("patches", shape=(200_000, 1, 64, 64), dtype="f8", chunks=(1000, 1, 64, 64), compression="gzip")
    f["patches"].attrs["MATLAB_class"] = np.bytes_("double")


MAT_VALUES = [
    ("v5_take_fraction", lambda t: _mat_bytes(dict(patches=np.zeros((4, 4, 3), np.uint8), subject="S01", take=2.7)), ["'take'", "2.7", "whole number"]),
    ("v5_take_negative", lambda t: _mat_bytes(dict(patches=np.zeros((4, 4, 3), np.uint8), subject="S01", take=-3.0)), ["Motion.take", "-3"]),
    ("v73_take_fraction", lambda t: _mat_bytes(dict(patches=np.zeros((4, 4, 3), np.uint8), subject="S01", take=2.7), "7.3"), ["'take'", "2.7"]),
    ("v73_external_link", lambda t: _h5_with(t, _external_subject).read_bytes(), ["'subject'", "external link"]),
    ("v73_virtual_dataset", lambda t: _h5_with(t, _virtual_patches).read_bytes(), ["'patches'", "virtual dataset"]),
    ("v73_huge_declared_shape", lambda t: _h5_with(t, _huge_patches).read_bytes(), ["'patches'", "6,553,600,000 bytes", "cap of"]),
]


@pytest.mark.parametrize("name,make,words", MAT_VALUES, ids=[c[0] for c in MAT_VALUES])
def test_mat_patches_values(name, make, words, tmp_path, bad_input_tally):
    bad_input_tally("load_mat_patches")
    data = make(tmp_path)
    (tmp_path / "S01_0.mat").unlink(missing_ok=True)
    path = tmp_path / f"{name}.mat"
    path.write_bytes(data)
    assert_clear(in_child(lambda: dio.load_mat_patches(path)), path.name, *words)


PENN_OK = dict(x=np.ones((6, 13)), y=np.ones((6, 13)), visibility=np.ones((6, 13)), action="squat", nframes=6.0, train=1.0)
PENN_VALUES = [("nframes_fraction", dict(nframes=6.9), ["'nframes'", "6.9"]), ("train_two", dict(train=2.0), ["'train'", "2", "1 (training set) or -1"]),
               ("train_zero", dict(train=0.0), ["'train'", "0"]), ("train_fraction", dict(train=0.5), ["'train'", "0.5"])]


@pytest.mark.parametrize("name,change,words", PENN_VALUES, ids=[c[0] for c in PENN_VALUES])
def test_penn_values(name, change, words, tmp_path, bad_input_tally):
    bad_input_tally("load_penn_action")
    path = tmp_path / f"{name}.mat"
    path.write_bytes(_mat_bytes(PENN_OK | change))
    assert_clear(in_child(lambda: dio.load_penn_action(path, phases=None)), path.name, *words)


def _npz_with(path: Path, **fields):
    header = dict(format="motionalign-npz-1", name="bad", motions=[dict(fps=30.0, subject="S01", take=0, action="a", start=None, end=None,
                                                                        split=None, meta={}, phase=False, progress=False) | fields])
    np.savez(path, header=np.array(json.dumps(header)), x_0=np.ones((4, 17, 3)))
    return path


NPZ_VALUES = [("take_fraction", dict(take=2.5), ["Motion.take", "2.5"]), ("take_none", dict(take=None), ["Motion.take", "None"]),
              ("take_negative", dict(take=-1), ["Motion.take", "-1"]), ("take_true", dict(take=True), ["Motion.take", "True"]),
              ("subject_list", dict(subject=[1, 2]), ["Motion.subject", "[1, 2]"]), ("subject_empty", dict(subject=" "), ["Motion.subject"]),
              ("subject_number", dict(subject=7), ["Motion.subject", "7"]), ("action_none", dict(action=None), ["Motion.action"]),
              ("split_banana", dict(split="banana"), ["Motion.split", "'banana'", "train"]), ("split_number", dict(split=2), ["Motion.split", "2"])]


@pytest.mark.parametrize("name,fields,words", NPZ_VALUES, ids=[c[0] for c in NPZ_VALUES])
def test_npz_header_values(name, fields, words, tmp_path, bad_input_tally):
    bad_input_tally("load_npz")
    path = _npz_with(tmp_path / f"{name}.npz", **fields)
    assert_clear(in_child(lambda: dio.load_npz(path)), path.name, *words)


def test_npz_allocation_cap(tmp_path, bad_input_tally):
    bad_input_tally("load_npz")
    path = tmp_path / "big.npz"
    dio.save_npz(Motion(np.ones((4000, 17, 3))), path)
    assert_clear(in_child(lambda: dio.load_npz(path, max_alloc=100_000)), "big.npz", "x_0", "cap of 100,000 bytes")


# ------------------------------------------------------------------ BVH

def _deep_bvh(depth: int) -> str:
    lines = ["HIERARCHY", "ROOT j0", "{", "  OFFSET 0 0 0", "  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation"]
    for j in range(1, depth): lines += [f"JOINT j{j}", "{", "OFFSET 0 1 0", "CHANNELS 0"]
    lines += ["End Site", "{", "OFFSET 0 1 0", "}"] + ["}"] * depth
    return "\n".join(lines) + "\nMOTION\nFrames: 2\nFrame Time: 0.0333333\n0 0 0 0 0 0\n1 0 0 0 0 0\n"


def test_bvh_with_a_byte_order_mark_loads(tmp_path, bad_input_tally):
    bad_input_tally("load_bvh")
    path = tmp_path / "S01_0.bvh"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_BVH.encode())
    out = in_child(lambda: dio.load_bvh(path, fps=None).x.shape)
    assert out == dict(kind="ok", value="(3, 2, 4)"), out


def test_bvh_frame_time_that_explodes_resampling(tmp_path, bad_input_tally):
    bad_input_tally("load_bvh")
    path = tmp_path / "S01_0.bvh"
    path.write_text(HEADER + "MOTION\nFrames: 1000\nFrame Time: 900\n" + "0 90 0 0 0 0 5 0 0\n" * 1000)
    assert_clear(in_child(lambda: dio.load_bvh(path), timeout=60), "S01_0.bvh", "1000 frames", "max_frames=")


def test_bvh_allocation_cap(tmp_path, bad_input_tally):
    bad_input_tally("load_bvh")
    path = tmp_path / "S01_0.bvh"
    path.write_text(GOOD_BVH)
    assert_clear(in_child(lambda: dio.load_bvh(path, max_alloc=100)), "S01_0.bvh", "3 x 2 x 3 x 3", "cap of 100 bytes")


def test_bvh_3000_joints_deep_round_trip(tmp_path, bad_input_tally):
    "A chain 3000 joints deep loads and is written back without a RecursionError."
    bad_input_tally("save_bvh")
    path = tmp_path / "S01_0.bvh"
    path.write_text(_deep_bvh(3000))
    def round_trip():
        m = dio.load_bvh(path, fps=None)
        back = dio.load_bvh(dio.save_bvh(m, tmp_path / "back" / "S01_0.bvh"), fps=None)
        return back.x.shape, bool(np.allclose(back.coords, m.coords, atol=1e-3))
    out = in_child(round_trip, timeout=120)
    assert out == dict(kind="ok", value="((2, 3000, 4), True)"), out


# ------------------------------------------------------------------ Motion and the leakage guard

X = np.concatenate([np.random.default_rng(0).normal(size=(5, 17, 2)) * 20 + 100, np.full((5, 17, 1), 0.5)], -1)


@pytest.mark.parametrize("field,value", [("take", 2.5), ("take", -3), ("take", None), ("take", True), ("take", "1"),
                                         ("subject", [1, 2]), ("subject", ""), ("subject", None), ("subject", 3),
                                         ("action", None), ("action", " "), ("split", "banana"), ("split", "Train"), ("split", 2)])
def test_motion_validates_identity(field, value, bad_input_tally):
    bad_input_tally("Motion")
    with pytest.raises(MotionalignError, match=f"Motion.{field}"): Motion(X, **{field: value})


def test_leakage_guard_subject_ids_case_and_space(bad_input_tally):
    bad_input_tally("assert_disjoint")
    a, b = MotionSet([Motion(X, subject="S01")]), MotionSet([Motion(X * 0.5, subject=" s01 ")])
    with pytest.raises(LeakageError, match="1 subject"): assert_disjoint(a, b, by="subject")
    with pytest.raises(LeakageError, match="1 recording"): assert_disjoint(a, b)


def test_leakage_guard_catches_a_copy_under_another_name(bad_input_tally):
    bad_input_tally("assert_disjoint")
    a, b = MotionSet([Motion(X, subject="S01", action="squat")]), MotionSet([Motion(X.copy(), subject="S07", take=3, action="jump")])
    with pytest.raises(LeakageError, match="identical frames"): assert_disjoint(a, b)


def test_leakage_guard_in_loso(bad_input_tally):
    "leave-one-subject-out over a set holding 'S01' and 's01' does not hand one person to both sides."
    bad_input_tally("assert_disjoint")
    ms = MotionSet([Motion(X, subject="S01"), Motion(X * 0.3, subject="s01", take=1), Motion(X * 0.2, subject="S02")])
    with pytest.raises(LeakageError): list(ms.loso())


# ------------------------------------------------------------------ output folders

def test_safe_path_keeps_data_built_paths_inside(tmp_path, bad_input_tally):
    from motionalign.core import safe_path
    for parts in (("../../../x",), ("a", "..", "..", "b"), ("/etc/passwd",), ("x\x00y",), ("..",), ("",)):
        bad_input_tally("safe_path")
        p = safe_path(tmp_path, *parts, suffix=".npy")
        assert p.resolve().is_relative_to(tmp_path.resolve()) and p.parent.resolve().is_relative_to(tmp_path.resolve()), (parts, p)
    assert safe_path(tmp_path, "a/b") != safe_path(tmp_path, "a_b")


def test_coach_embed_dataset_stays_inside_the_output_folder(tmp_path, bad_input_tally):
    "An .npz from a stranger with action='../../../x' (and such split and video names) writes inside the folder."
    from motionalign.coach import embed_dataset
    out = tmp_path / "deep" / "out"
    for fields in (dict(action="../../../x"), dict(action="a", subject="..", take=0, meta=dict(video="../../../../escape")),
                   dict(action=str(tmp_path / "abs"), meta=dict(video="v/../../w"))):
        bad_input_tally("coach.embed_dataset")
        before = set(tmp_path.rglob("*"))
        paths = embed_dataset(None, MotionSet([Motion(X, skeleton="coco17", **fields)]), out)
        new = set(tmp_path.rglob("*")) - before
        assert all(p.resolve().is_relative_to(out.resolve()) for p in new if p.is_file()), new
        assert all(Path(p).resolve().is_relative_to(out.resolve()) for p in paths.values())


def test_site_index_links_are_escaped(bad_input_tally):
    "A notebook's file name goes into the site index's href escaped (no attribute injection)."
    from motionalign.book import site_links
    bad_input_tally("site index")
    html = site_links("book", ['x" onmouseover="alert(1)', "a<b>&c", "ok"])
    assert 'onmouseover="' not in html and "<b>" not in html and 'href="book/ok.html"' in html
    assert html.count("<a ") == 3 and html.count('"') == 6


def test_output_lock_names_the_holder(tmp_path, bad_input_tally):
    from motionalign.core import output_lock
    bad_input_tally("output_lock")
    code = f"from motionalign.core import output_lock\nimport time\nwith output_lock({str(tmp_path / 'run')!r}):\n    print('held', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=_env())
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(MotionalignError, match=f"in use by process {holder.pid}"):
            with output_lock(tmp_path / "run"): pass
        t0 = time.monotonic()
        with pytest.raises(MotionalignError, match="in use"):
            with output_lock(tmp_path / "run", wait=0.5): pass
        assert time.monotonic() - t0 >= 0.5
    finally: holder.kill(); holder.wait()
    with output_lock(tmp_path / "run"): pass  # a killed holder leaves no stale lock
    (tmp_path / "file").write_text("x")
    with pytest.raises(MotionalignError, match="is a file, not a folder"):
        with output_lock(tmp_path / "file"): pass


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "OMP_NUM_THREADS": "1"}


TRAINER = """
import sys, time, json, torch
from pathlib import Path
torch.set_num_threads(1)
from motionalign.train import fit as train
from motionalign.data.synth import synth_motion
out, seed, wait_for = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
data = synth_motion("smoke", seed=0)
if wait_for != "-":
    while not (Path(wait_for).exists() and Path(wait_for).read_text().count("\\n") >= 2): time.sleep(0.05)
    print("started while the other trainer was at step", len(Path(wait_for).read_text().splitlines()), flush=True)
train("demo", data, "smoke", out_dir=out, seed=seed, steps=int(sys.argv[4]), checkpoint_every=20, progress=False)
print("finished", flush=True)
"""


def test_two_trainers_on_one_folder(tmp_path, bad_input_tally):
    "Two trainers writing to one folder at once: the second fails naming the first; the folder holds one whole run."
    bad_input_tally("train (concurrent)")
    out, steps = tmp_path / "run", 500
    first = subprocess.Popen([sys.executable, "-c", TRAINER, out, "1", "-", str(steps)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    second = subprocess.Popen([sys.executable, "-c", TRAINER, out, "2", out / "log.jsonl", str(steps)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    (o1, e1), (o2, e2) = first.communicate(timeout=300), second.communicate(timeout=300)
    assert first.returncode == 0 and "finished" in o1, e1[-2000:]
    assert "started while the other trainer was at step" in o2 and second.returncode != 0, (o2, e2[-2000:])
    assert f"in use by process {first.pid}" in e2 and "MotionalignError" in e2, e2[-2000:]
    log = [json.loads(l) for l in (out / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log] == list(range(1, steps + 1))  # every line of the first run, once, nothing of the second
    assert json.loads((out / "config.json").read_text())["seed"] == 1
    import torch
    ckpt = torch.load(out / "checkpoint.pt", weights_only=True)
    assert ckpt["step"] == steps and ckpt["run"]["seed"] == 1
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


NOTEBOOK = {"cells": [
    {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [],
     "source": ["profile = 'smoke'\n", "output_dir = ''\n", "seed = 0\n"]},
    {"cell_type": "code", "execution_count": None, "id": "w", "metadata": {}, "outputs": [],
     "source": ["import json, pathlib, time\n", "p = pathlib.Path(output_dir); p.mkdir(parents=True, exist_ok=True)\n",
                "for i in range(8):\n", "    with open(p / 'marks.txt', 'a') as f: f.write(f'{seed}\\n')\n", "    time.sleep(0.5)\n",
                "print('seed', seed)\n"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}

RUNNER = """
import sys, time
from pathlib import Path
from motionalign.experiments import run_experiments
out, seed, wait_for = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if wait_for != "-":
    while not Path(wait_for).exists(): time.sleep(0.05)
    print("started while the other run was running", flush=True)
for r in run_experiments("smoke", nb_dir=sys.argv[4], output_dir=out, force=True, seed=seed): print(r.name, r.status, flush=True)
"""


def test_two_experiment_runs_on_one_folder(tmp_path, bad_input_tally):
    "Two experiment runs on one folder at once: the second fails naming the first; the folder holds one whole run."
    bad_input_tally("run_experiments (concurrent)")
    nbs, out = tmp_path / "nbs", tmp_path / "out"
    nbs.mkdir(); (nbs / "tiny.ipynb").write_text(json.dumps(NOTEBOOK))
    first = subprocess.Popen([sys.executable, "-c", RUNNER, out, "1", "-", nbs], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    second = subprocess.Popen([sys.executable, "-c", RUNNER, out, "2", out / "tiny" / "marks.txt", nbs], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env())
    (o1, e1), (o2, e2) = first.communicate(timeout=300), second.communicate(timeout=300)
    assert first.returncode == 0 and "tiny ok" in o1, e1[-2000:]
    assert "started while the other run was running" in o2 and second.returncode != 0, (o2, e2[-2000:])
    assert f"in use by process {first.pid}" in e2, e2[-2000:]
    assert (out / "tiny" / "marks.txt").read_text() == "1\n" * 8  # nothing of the second run
    runs = json.loads((out / "runs.json").read_text())
    assert [(r["name"], r["status"]) for r in runs] == [("tiny", "ok")]
    assert json.loads((out / "tiny" / "run.json").read_text())["parameters"]["seed"] == 1
    assert "seed 1" in (out / "tiny.ipynb").read_text()
    assert not [p.name for p in out.rglob("*") if p.name.endswith(".tmp") or "running" in p.name]


# ------------------------------------------------------------------ disk full

def test_disk_full_while_saving_names_the_path(tmp_path, bad_input_tally):
    "A write that runs out of space (here: a file-size limit) is an error naming the file; the old file survives."
    bad_input_tally("save_npz")
    target = tmp_path / "out.npz"
    target.write_bytes(b"old")
    m = Motion(np.ones((3000, 17, 3)))
    out = in_child(lambda: dio.save_npz(m, target, compress=False), fsize=100_000)
    assert_clear(out, str(target), "cannot write", "unchanged")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.npz"]


def test_disk_full_in_the_trainer_names_the_path(tmp_path, bad_input_tally):
    "The trainer's checkpoint write running out of space: a MotionalignError naming the checkpoint, not an enforce failure."
    bad_input_tally("train")
    code = ("import resource, signal, torch; torch.set_num_threads(1)\n"
            "from motionalign.train import fit as train\nfrom motionalign.data.synth import synth_motion\n"
            "data = synth_motion('smoke', seed=0)\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))\n"
            f"train('demo', data, 'smoke', out_dir={str(tmp_path / 'run')!r}, steps=3, checkpoint_every=1, progress=False)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=300)
    last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
    assert r.returncode != 0 and last.startswith("motionalign.core.MotionalignError"), r.stderr[-2000:]
    assert "checkpoint.pt" in last and "cannot write" in last, last


# ------------------------------------------------------------------ the command line

def cli(*argv, timeout: float = 120) -> dict:
    "Run `motionalign ARGV` in a forked child: exit status, stdout and stderr (or how it failed)."
    from motionalign.cli import main
    def run():
        o, e = StringIO(), StringIO()
        try:
            with redirect_stdout(o), redirect_stderr(e): rc = main([str(a) for a in argv])
        except SystemExit as x: rc = x.code
        return dict(rc=rc, out=o.getvalue(), err=e.getvalue())
    res = in_child(run, timeout=timeout)
    if res["kind"] != "ok": return dict(rc=None, out="", err=f"{res['kind']}: {res.get('message')}")
    import ast
    return ast.literal_eval(res["value"]) if res["value"].startswith("{") else res


def assert_one_line(res: dict, *words):
    "A non-zero exit with one line on stderr holding every word, and no traceback."
    assert res["rc"] not in (0, None), res
    lines = res["err"].strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res["err"], res["err"][-2000:]
    assert all(w in lines[0] for w in words), (lines[0], words)


@pytest.fixture(scope="module")
def coach(tmp_path_factory):
    "A small coach data set and a trained smoke model."
    import torch
    torch.set_num_threads(1)
    base = tmp_path_factory.mktemp("coach")
    ms = synth_motion("smoke", seed=0).select(action="squat")
    for split, videos in (("train", [("S01", 0), ("S02", 0)]), ("val", [("S01", 1), ("S03", 1)]), ("test", [("S03", 0), ("S02", 1)])):
        for s, t in videos: dio.save_alphapose(ms.select(subject=s, take=t)[0], base / "data" / "squat" / split / f"{s}_{t}" / "alphapose-results.json")
    from motionalign.coach import load_coach_dataset, train_coach
    train_coach(load_coach_dataset(base / "data", "squat"), base / "model", profile="smoke", steps=3, progress=False)
    (base / "a_file").write_text("not a folder")
    return base


COACH_STEPS = ["train", "get-start", "embed", "align", "kendalls-tau"]


@pytest.mark.parametrize("step", COACH_STEPS)
def test_coach_output_folder_that_is_a_file(coach, step, bad_input_tally):
    bad_input_tally(f"coach {step}")
    extra = ["--steps", 2, "--profile", "smoke"] if step == "train" else ["--model-dir", coach / "model"]
    res = cli("coach", step, "--dataset", "squat", "--data-root", coach / "data", "--output-dir", coach / "a_file", *extra)
    assert_one_line(res, "a_file")


@pytest.mark.parametrize("step", ["embed"])
def test_coach_split_that_does_not_exist(coach, step, bad_input_tally):
    bad_input_tally(f"coach {step}")
    res = cli("coach", step, "--dataset", "squat", "--data-root", coach / "data", "--output-dir", coach / "out",
              "--model-dir", coach / "model", "--split", "nosuch")
    assert_one_line(res, "nosuch")
    assert not (coach / "out" / "embeddings").exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "devzero"])
def test_coach_embed_on_a_video_folder_holding_no_plain_file(coach, kind, tmp_path, bad_input_tally):
    "A folder, a named pipe or a link to /dev/zero named alphapose-results.json in a video folder: one line, no hang."
    bad_input_tally("coach embed")
    import shutil
    data = tmp_path / "data"
    shutil.copytree(coach / "data", data)
    bad = data / "squat" / "test" / "S09_0" / "alphapose-results.json"
    bad.parent.mkdir()
    _make(bad, kind, b"")
    res = cli("coach", "embed", "--dataset", "squat", "--data-root", data, "--output-dir", tmp_path / "out", "--model-dir", coach / "model", timeout=60)
    assert_one_line(res, "alphapose-results.json", "S09_0", "not a regular file")


def test_synth_output_folder_that_is_a_file(coach, bad_input_tally):
    bad_input_tally("synth")
    assert_one_line(cli("synth", "--output-dir", coach / "a_file"), "a_file")


@pytest.mark.parametrize("jobs", [-3, 0])
def test_experiments_jobs_below_one(jobs, tmp_path, bad_input_tally):
    bad_input_tally("experiments run")
    res = cli("experiments", "run", "--jobs", jobs, "--only", "nosuch", "--output-dir", tmp_path / "exp")
    assert_one_line(res, "--jobs", str(jobs))

"""Fuzzing of the loaders (hypothesis): random bytes, mutated valid files, random JSON structures, random BVH token
streams, random MATLAB variables and random .npz archives. Whatever comes in, a loader returns a valid Motion /
MotionSet or raises a MotionalignError naming the file; any other exception is a bug."""
import io, json, math, shutil, tempfile, warnings
from itertools import count
from pathlib import Path
import numpy as np
import pytest
import scipy.io
from hypothesis import HealthCheck, given, settings, strategies as st
from motionalign.core import Motion, MotionSet, MotionalignError
from motionalign.data.io import load_alphapose, load_bvh, load_mat_patches, load_npz, load_penn_action
import make_bad_inputs as corpus

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
_DIR = None  # where the fuzzed files go: made for this module's tests and removed after them
_names = count()


@pytest.fixture(scope="module", autouse=True)
def _fuzz_dir():
    "A folder for the fuzzed files while this module's tests run."
    global _DIR
    _DIR = Path(tempfile.mkdtemp(prefix="motionalign-fuzz-"))
    yield
    shutil.rmtree(_DIR, ignore_errors=True)


def _file(data: bytes, suffix: str) -> Path:
    path = _DIR / f"f{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def assert_clean(load, path: Path, **kwargs):
    "The loader returns valid motions or raises a MotionalignError that names the file."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = load(path, **kwargs)
    except MotionalignError as e:
        assert path.name in str(e), f"the error does not name the file: {e}"
        return None
    motions = [out] if isinstance(out, Motion) else list(out)
    assert isinstance(out, (Motion, MotionSet)) and all(isinstance(m, Motion) and np.isfinite(m.x).all() for m in motions)
    return out


# ---- seeds: small valid files of every format, from the corpus script

def _seed_files() -> dict:
    from motionalign.data.files import save_npz
    x = np.concatenate([np.ones((4, 17, 2)), np.full((4, 17, 1), 0.5)], -1)
    patches = dict(patches=(np.arange(8 * 8 * 6).reshape(8, 8, 6) % 256).astype(np.uint8), subject="S01", take=1.0, action="a", fps=30.0)
    penn = dict(x=np.tile(np.arange(13.0), (6, 1)), y=np.ones((6, 13)), visibility=np.ones((6, 13)), action="squat", nframes=6.0)
    buf = io.BytesIO()
    with tempfile.TemporaryDirectory() as d:
        npz = save_npz(Motion(x, subject="S01", phase=np.arange(4)), Path(d) / "s.npz").read_bytes()
    return {"alphapose": (load_alphapose, ".json", json.dumps([corpus._detection(), corpus._detection(image_id="2.jpg", idx=[1])]).encode()),
            "bvh": (load_bvh, ".bvh", (corpus.HEADER + corpus.MOTION).encode()),
            "mat_v5": (load_mat_patches, ".mat", corpus._mat_bytes(patches)),
            "mat_v73": (load_mat_patches, ".mat", corpus._mat_bytes(patches, "7.3")),
            "penn": (load_penn_action, ".mat", corpus._mat_bytes(penn)),
            "npz": (load_npz, ".npz", npz)}

SEEDS = _seed_files()


def test_seed_files_load():
    "The unmutated seeds are valid, so that mutations start from files that load."
    for name, (load, suffix, data) in SEEDS.items():
        assert isinstance(load(_file(data, suffix)), (Motion, MotionSet)), name


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.binary(max_size=600))
def test_random_bytes(kind, data):
    load, suffix, _ = SEEDS[kind]
    assert_clean(load, _file(data, suffix))


@st.composite
def mutated(draw):
    "A seed file with a few bytes flipped, inserted or deleted, or cut short."
    kind = draw(st.sampled_from(sorted(SEEDS)))
    load, suffix, data = SEEDS[kind]
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not data: break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if op == "flip": data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert": data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete": del data[i:i + draw(st.integers(1, 16))]
        elif len(data) > 1: del data[max(1, i):]
    return load, suffix, bytes(data)


@settings(FUZZ, max_examples=120)
@given(mutated())
def test_mutated_files(case):
    load, suffix, data = case
    assert_clean(load, _file(data, suffix))


# ---- AlphaPose: random JSON structures, from anything at all to nearly valid detections

json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=6), inner, max_size=5),
                           max_leaves=30)
numbers_ = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 10**12), st.booleans(), st.none(), st.text(max_size=3))
detection = st.fixed_dictionaries({}, optional={
    "image_id": st.one_of(st.integers(-3, 10**8), st.text(max_size=10), st.from_regex(r"[a-z_]{0,5}\d{1,4}\.jpg", fullmatch=True), json_values),
    "keypoints": st.one_of(st.lists(st.floats(-1e3, 1e3), min_size=51, max_size=51), st.lists(numbers_, min_size=45, max_size=57), json_values),
    "score": numbers_, "box": st.one_of(st.lists(numbers_, min_size=4, max_size=4), json_values),
    "idx": st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), max_size=2), json_values), "category_id": numbers_})


@FUZZ
@given(json_values)
def test_alphapose_random_json(value):
    assert_clean(load_alphapose, _file(json.dumps(value).encode(), ".json"))


@st.composite
def nearly_valid_detection(draw):
    "A valid detection with up to two fields replaced by random values or removed."
    rec = corpus._detection(image_id=f"{draw(st.integers(0, 40))}.jpg", idx=draw(st.integers(0, 2)),
                            keypoints=[v for _ in range(17) for v in (draw(st.floats(-1e3, 1e3)), draw(st.floats(-1e3, 1e3)), draw(st.floats(0, 1)))])
    for key in draw(st.lists(st.sampled_from(sorted(rec)), max_size=2, unique=True)):
        if draw(st.booleans()): del rec[key]
        else: rec[key] = draw(numbers_ | json_values)
    return rec


@settings(FUZZ, max_examples=80)
@given(st.lists(detection | nearly_valid_detection() | nearly_valid_detection(), max_size=5), st.one_of(st.none(), st.integers(1, 50)))
def test_alphapose_random_detections(records, n_frames):
    assert_clean(load_alphapose, _file(json.dumps(records).encode(), ".json"), n_frames=n_frames)


# ---- BVH: random streams of the format's own tokens

bvh_line = st.one_of(
    st.sampled_from(["HIERARCHY", "ROOT Hips", "JOINT Knee", "JOINT", "End Site", "{", "}", "MOTION", "Frames: 2", "Frames: x",
                     "Frame Time: 0.1", "Frame Time: 0", "CHANNELS 3 Zrotation Xrotation Yrotation", "CHANNELS 6 Xposition Yposition "
                     "Zposition Zrotation Xrotation Yrotation", "CHANNELS 2 Xrotation", "CHANNELS 1 Qrotation", "OFFSET 0 1 0", "OFFSET 1 2"]),
    st.lists(st.floats(-1e6, 1e6) | st.just(math.nan) | st.just(math.inf), min_size=1, max_size=10).map(lambda v: " ".join(map(str, v))))


@settings(FUZZ, max_examples=80)
@given(st.lists(bvh_line, max_size=25), st.booleans())
def test_bvh_random_tokens(lines, with_header):
    text = ("HIERARCHY\n" if with_header else "") + "\n".join(lines) + "\n"
    assert_clean(load_bvh, _file(text.encode(), ".bvh"), fps=None)


@settings(FUZZ, max_examples=40)
@given(st.integers(0, len(corpus.HEADER.splitlines()) - 1), st.sampled_from(["", "}", "{", "ROOT X", "End Site", "OFFSET 0 0", "MOTION"]))
def test_bvh_hierarchy_with_one_line_replaced(where, line):
    lines = corpus.HEADER.splitlines()
    lines[where] = line
    assert_clean(load_bvh, _file(("\n".join(lines) + "\n" + corpus.MOTION).encode(), ".bvh"))


# ---- MATLAB: random variables under the names the loaders look for

mat_value = st.one_of(
    st.text(min_size=1, max_size=6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.tuples(st.lists(st.integers(0, 4), min_size=1, max_size=4), st.sampled_from(["uint8", "float32", "float64", "int16", "bool", "complex128"]))
      .map(lambda spec: (np.arange(int(np.prod(spec[0]))) % 7).reshape(spec[0]).astype(spec[1])))


@settings(FUZZ, max_examples=60)
@given(st.dictionaries(st.sampled_from(["patches", "subject", "take", "action", "fps", "x", "y", "visibility", "nframes", "train", "bbox"]),
                       mat_value, max_size=8), st.sampled_from([load_mat_patches, load_penn_action]))
def test_mat_random_variables(variables, load):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scipy.io.savemat(buf, variables)
    assert_clean(load, _file(buf.getvalue(), ".mat"), **({"phases": None} if load is load_penn_action else {}))


penn_array = st.tuples(st.integers(0, 4), st.sampled_from([12, 13, 14]), st.sampled_from(["float64", "float32", "uint8", "bool", "complex128"]),
                       st.sampled_from([0.0, 1.0, np.nan, np.inf, -7.5])).map(lambda t: np.full(t[:2], t[3]).astype(t[2]) if t[2] != "uint8" or np.isfinite(t[3]) else np.zeros(t[:2], np.uint8))


@settings(FUZZ, max_examples=60)
@given(penn_array, penn_array, penn_array, st.dictionaries(st.sampled_from(["nframes", "train", "action", "bbox", "pose", "dimensions"]), mat_value, max_size=3))
def test_penn_random_label_arrays(x, y, visibility, others):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scipy.io.savemat(buf, dict(x=x, y=y, visibility=visibility, **others))
    assert_clean(load_penn_action, _file(buf.getvalue(), ".mat"), phases=None)


@settings(FUZZ, max_examples=40)
@given(st.lists(st.lists(st.floats() | st.sampled_from([1e308, -1e308, 0.0]), min_size=9, max_size=9), min_size=1, max_size=4),
       st.one_of(st.none(), st.floats(0.5, 500)), st.floats(allow_nan=True, allow_infinity=True))
def test_bvh_random_motion_values(rows, fps, frame_time):
    text = corpus.HEADER + f"MOTION\nFrames: {len(rows)}\nFrame Time: {frame_time!r}\n" + "".join(" ".join(map(repr, r)) + "\n" for r in rows)
    assert_clean(load_bvh, _file(text.encode(), ".bvh"), fps=fps)


# ---- .npz: random headers and arrays

@settings(FUZZ, max_examples=60)
@given(json_values | st.fixed_dictionaries({"format": st.just("motionalign-npz-1"), "name": json_values,
                                            "motions": st.lists(st.fixed_dictionaries({}, optional={k: json_values for k in (
                                                "fps", "subject", "take", "action", "start", "end", "split", "meta", "phase", "progress")}), max_size=2)}),
       st.dictionaries(st.sampled_from(["x_0", "phase_0", "progress_0", "x_1"]), mat_value, max_size=3))
def test_npz_random_archives(header, arrays):
    buf = io.BytesIO()
    np.savez(buf, header=np.array(json.dumps(header)), **arrays)
    assert_clean(load_npz, _file(buf.getvalue(), ".npz"))

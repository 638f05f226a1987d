"""Write the bad-input corpus of tests/bad_inputs/: files every loader must reject with a MotionalignError naming the
file and the problem. Deterministic (same bytes on every run and machine), so the corpus is committed and
tests/test_bad_inputs.py checks that this script still writes exactly the committed files.

    python tests/make_bad_inputs.py        # rewrite tests/bad_inputs/ (MANIFEST.json lists file, loader, expected words)
"""
import io, json, shutil
from pathlib import Path
import numpy as np
import scipy.io

KP17 = [12.5, 30.0, 0.9] * 17


def _detection(**changes):
    return {"image_id": "0.jpg", "category_id": 1, "keypoints": KP17, "score": 0.9, "box": [10, 20, 30, 40], **changes}


def _alphapose(add):
    "AlphaPose results files (load_alphapose) and folders (load_alphapose, load_alphapose_dataset)."
    good = json.dumps([_detection(), _detection(image_id="1.jpg")])
    text = lambda name, t, words, problem, **kw: add(f"alphapose/{name}", t, "load_alphapose", words, problem, **kw)
    detections = lambda name, recs, words, problem, **kw: text(name, json.dumps(recs), words, problem, **kw)
    text("empty.json", "", ["malformed JSON"], "an empty file")
    text("whitespace.json", " \n\t\n", ["malformed JSON"], "only whitespace")
    text("truncated.json", good[: len(good) // 2], ["malformed JSON", "line 1"], "a results file cut in half")
    text("trailing_garbage.json", good + "]]", ["malformed JSON"], "garbage after the list")
    text("single_quotes.json", good.replace('"', "'"), ["malformed JSON"], "Python repr instead of JSON")
    add("alphapose/binary.json", bytes(np.random.default_rng(0).integers(128, 256, 64, dtype=np.uint8)), "load_alphapose",
        ["not a text file"], "random bytes that are not UTF-8")
    add("alphapose/utf16.json", good.encode("utf-16"), "load_alphapose", ["not a text file"], "the right JSON in UTF-16")
    text("deeply_nested.json", "[" * 5_000 + "]" * 5_000, ["nested"], "lists nested 5000 deep")
    text("object.json", json.dumps({"0.jpg": [_detection()]}), ["list of detections", "dict"], "an object keyed by image")
    text("number.json", "42", ["list of detections", "int"], "a bare number")
    text("null.json", "null", ["list of detections", "NoneType"], "JSON null")
    detections("empty_list.json", [], ["no detections", "empty"], "no detections at all")
    detections("detection_list.json", [[1, 2, 3]], ["detection 0", "not an object"], "a detection that is a list")
    detections("detection_null.json", [_detection(), None], ["detection 1", "not an object"], "a null detection")
    detections("missing_keypoints.json", [{"image_id": "0.jpg", "score": 0.9}], ["detection 0", "lacks", "keypoints"], "no keypoints key")
    detections("missing_image_id.json", [{"keypoints": KP17}], ["detection 0", "lacks", "image_id"], "no image_id key")
    detections("joints_16.json", [_detection(keypoints=KP17[:48])], ["16 joints", "expected 17"], "16 joints instead of 17")
    detections("joints_18.json", [_detection(keypoints=KP17 + [1.0, 2.0, 0.5])], ["18 joints", "expected 17"], "18 joints instead of 17")
    detections("joints_26_default.json", [_detection(keypoints=[1.0, 2.0, 0.5] * 26)], ["26 joints", "expected 17"], "Halpe-26 without skeleton='halpe26'")
    detections("joints_17_as_26.json", [_detection()], ["17 joints", "expected 26"], "COCO-17 read with skeleton='halpe26'", kwargs={"skeleton": "halpe26"})
    detections("not_multiple_of_3.json", [_detection(keypoints=KP17[:50])], ["50 keypoint numbers", "multiple of 3"], "50 numbers")
    detections("nested_keypoints.json", [_detection(keypoints=[[1, 2, 0.5]] * 17)], ["(17, 3)", "multiple of 3"], "keypoints as [17, 3] lists")
    detections("keypoints_null.json", [_detection(keypoints=None)], ["keypoints", "not a list of numbers"], "keypoints null")
    detections("keypoints_number.json", [_detection(keypoints=3.5)], ["keypoints", "not a list of numbers"], "keypoints a single number")
    detections("keypoints_strings.json", [_detection(keypoints=["1.0"] * 51)], ["keypoints", "not a list of numbers"], "numbers as strings")
    detections("keypoints_ragged.json", [_detection(keypoints=[[1, 2, 3], [4]])], ["keypoints", "not a list of numbers"], "ragged nested keypoints")
    text("keypoints_nan.json", json.dumps([_detection()]).replace("12.5", "NaN", 1), ["NaN or inf"], "a NaN coordinate (non-standard JSON)")
    text("keypoints_infinity.json", json.dumps([_detection()]).replace("30.0", "-Infinity", 1), ["NaN or inf"], "an infinite coordinate")
    text("keypoints_overflow.json", json.dumps([_detection()]).replace("12.5", "1e999", 1), ["NaN or inf"], "a number beyond float range")
    detections("negative_confidence.json", [_detection(keypoints=[1.0, 1.0, -0.5] * 17)], ["negative confidences"], "negative scores")
    detections("image_id_no_number.json", [_detection(image_id="cover.jpg")], ["image_id 'cover.jpg'", "no frame number"], "an image name without a number")
    detections("image_id_negative.json", [_detection(image_id=-3)], ["image_id -3", "no frame number"], "a negative frame")
    detections("image_id_float.json", [_detection(image_id=2.5)], ["image_id 2.5", "no frame number"], "a fractional frame")
    detections("image_id_bool.json", [_detection(image_id=True)], ["image_id True", "no frame number"], "a boolean frame")
    detections("image_id_list.json", [_detection(image_id=[0])], ["image_id [0]", "no frame number"], "a list as image id")
    detections("image_id_huge.json", [_detection(image_id="99999999999.jpg")], ["99999999999", "frames"], "a corrupt frame number of 1e11 frames")
    detections("image_id_beyond_n_frames.json", [_detection(image_id="9.jpg")], ["frame 9", "n_frames=5"], "a frame beyond n_frames", kwargs={"n_frames": 5})
    detections("score_text.json", [_detection(score="high")], ["score or box", "not numeric"], "a score that is text")
    detections("box_text.json", [_detection(box=["a", "b", "c", "d"])], ["score or box", "not numeric"], "a box of strings")
    detections("track_dict.json", [_detection(idx={"id": 1})], ["idx", "track"], "a track id that is an object")
    detections("track_empty_list.json", [_detection(idx=[])], ["idx", "track"], "a track id that is an empty list")
    detections("fps_zero.json", [_detection()], ["fps", "0"], "fps=0 asked for", kwargs={"fps": 0})
    add("alphapose/folder_without_json/.keep", "", "load_alphapose", ["no AlphaPose .json"], "a video folder with no results file",
        target="alphapose/folder_without_json")
    add("alphapose/folder_two_json/a.json", good, None, [], "")
    add("alphapose/folder_two_json/b.json", good, "load_alphapose", ["2 .json files"], "a video folder with two results files",
        target="alphapose/folder_two_json")
    add("alphapose/missing_file.json", None, "load_alphapose", ["does not exist"], "a path that does not exist")
    add("alphapose_dataset/empty/.keep", "", "load_alphapose_dataset", ["holds no videos"], "a data set folder with no videos",
        target="alphapose_dataset/empty")
    add("alphapose_dataset/bad_split/jump/training/S1_0.json", good, "load_alphapose_dataset", ["training", "not a split folder"],
        "a split folder that is not train, val or test", target="alphapose_dataset/bad_split")
    add("alphapose_dataset/twice/jump/train/S1_0.json", good, None, [], "")
    add("alphapose_dataset/twice/jump/test/S1-0/alphapose-results.json", good, "load_alphapose_dataset", ["twice", "jump/S1/0"],
        "one recording in two splits", target="alphapose_dataset/twice")
    add("alphapose_dataset/bad_video/jump/train/S1_0.json", good, None, [], "")
    add("alphapose_dataset/bad_video/jump/train/S2_0.json", good[:-20], "load_alphapose_dataset", ["S2_0.json", "malformed JSON"],
        "one truncated video among good ones", target="alphapose_dataset/bad_video")
    add("alphapose_dataset/a_file.json", good, "load_alphapose_dataset", ["not a folder"], "a file instead of a folder")


def _mat_bytes(variables: dict, version: str = "5") -> bytes:
    "A MATLAB file written by the library's writer; the v5 header's creation date is fixed so the bytes are reproducible."
    from motionalign.data.matlab import _write_mat
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        data = _write_mat(Path(d) / "f.mat", variables, version).read_bytes()
    return (b"MATLAB 5.0 MAT-file, written by tests/make_bad_inputs.py".ljust(116) + data[116:]) if version == "5" else data


def _mat_patches(add):
    "MATLAB patch files (load_mat_patches), v5 and v7.3."
    patches = (np.arange(8 * 8 * 6).reshape(8, 8, 6) % 256).astype(np.uint8)
    ok = dict(patches=patches, subject="S01", take=1.0, action="squat", fps=30.0)
    good5, good73 = _mat_bytes(ok), _mat_bytes(ok, "7.3")
    mat = lambda name, data, words, problem, **kw: add(f"mat/{name}", data, "load_mat_patches", words, problem, **kw)
    for v, good in (("v5", good5), ("v73", good73)):
        mat(f"{v}_truncated.mat", good[: len(good) // 2], ["cannot be read as a MATLAB"], f"a {v} file cut in half")
        mat(f"{v}_header_only.mat", good[:128], ["cannot be read as a MATLAB"] if v == "v73" else ["lacks the patches variable", "holds []"], f"only the {v} header")
    mat("empty.mat", b"", ["cannot be read as a MATLAB"], "an empty file")
    mat("random_bytes.mat", bytes(np.random.default_rng(1).integers(0, 256, 600, dtype=np.uint8)), ["cannot be read as a MATLAB"], "random bytes")
    mat("text.mat", "patches = zeros(8, 8, 6);\n", ["cannot be read as a MATLAB"], "a MATLAB script, not a data file")
    mat("v73_no_hdf5.mat", good73[:512] + b"\0" * 1024, ["cannot be read as a MATLAB"], "a v7.3 header followed by zeros")
    for v in ("5", "7.3"):
        tag = "v" + v.replace(".", "")
        mat(f"{tag}_no_patches.mat", _mat_bytes({k: ok[k] for k in ok if k != "patches"} | {"frames": patches}, v),
            ["lacks the patches variable 'patches'", "frames"], "the frames stored under another name")
        mat(f"{tag}_no_subject.mat", _mat_bytes({k: ok[k] for k in ok if k != "subject"}, v), ["lacks the variable 'subject'"], "no subject")
        mat(f"{tag}_patches_2d.mat", _mat_bytes(ok | {"patches": patches[:, :, 0]}, v), ["'patches'", "(8, 8)"], "one 2-D image")
        mat(f"{tag}_patches_nan.mat", _mat_bytes(ok | {"patches": np.full((8, 8, 3), np.nan)}, v), ["NaN/inf"], "NaN pixels")
        mat(f"{tag}_patches_inf.mat", _mat_bytes(ok | {"patches": np.full((8, 8, 3), np.inf, np.float32)}, v), ["NaN/inf"], "infinite pixels")
        mat(f"{tag}_patches_text.mat", _mat_bytes(ok | {"patches": "not an image"}, v), ["'patches'", "numeric"], "text instead of pixels")
        mat(f"{tag}_patches_no_frames.mat", _mat_bytes(ok | {"patches": np.zeros((8, 8, 1, 0))}, v), ["empty"], "zero frames")
        mat(f"{tag}_subject_array.mat", _mat_bytes(ok | {"subject": np.arange(3.0)}, v), ["'subject'", "text or one number"], "a subject array")
        mat(f"{tag}_take_text.mat", _mat_bytes(ok | {"take": "first"}, v), ["'take'", "'first'", "int"], "a take that is a word")
        mat(f"{tag}_take_inf.mat", _mat_bytes(ok | {"take": np.inf}, v), ["'take'", "inf", "int"], "an infinite take")
        mat(f"{tag}_take_nan.mat", _mat_bytes(ok | {"take": np.nan}, v), ["'take'", "nan", "int"], "a NaN take")
        mat(f"{tag}_fps_zero.mat", _mat_bytes(ok | {"fps": 0.0}, v), ["fps", "0"], "a frame rate of 0")
    buf = io.BytesIO()
    scipy.io.savemat(buf, dict(patches=np.array([[np.zeros((2, 2)), np.zeros(3)]], dtype=object), subject="S01", take=1.0))
    mat("v5_patches_cell.mat", b"MATLAB 5.0 MAT-file, written by tests/make_bad_inputs.py".ljust(116) + buf.getvalue()[116:],
        ["'patches'", "object"], "a cell array of images")
    buf = io.BytesIO()
    scipy.io.savemat(buf, dict(patches=patches * 1j, subject="S01", take=1.0))
    mat("v5_patches_complex.mat", b"MATLAB 5.0 MAT-file, written by tests/make_bad_inputs.py".ljust(116) + buf.getvalue()[116:],
        ["'patches'", "complex"], "complex pixels")
    mat("named_var_missing.mat", good5, ["lacks the patches variable 'frames'"], "var= naming a missing variable", kwargs={"var": "frames"})
    add("mat/empty_folder/.keep", "", "load_mat_patches", ["holds no .mat files"], "a folder with no .mat file", target="mat/empty_folder")
    add("mat/folder_one_bad/S01_0.mat", good5, None, [], "")
    add("mat/folder_one_bad/S02_0.mat", good5[:300], "load_mat_patches", ["S02_0.mat", "cannot be read"], "one truncated file in a folder",
        target="mat/folder_one_bad")


def _penn(add):
    "PennAction label files (load_penn_action) and their phase files."
    T = 6
    ok = dict(x=np.tile(np.arange(13.0), (T, 1)), y=np.ones((T, 13)), visibility=np.ones((T, 13)), action="squat", nframes=float(T), train=1.0)
    penn = lambda name, variables, words, problem, **kw: add(f"penn/{name}", _mat_bytes(variables), "load_penn_action", words, problem, **kw)
    penn("no_visibility.mat", {k: v for k, v in ok.items() if k != "visibility"}, ["lacks PennAction variable", "visibility"], "no visibility")
    penn("no_xy.mat", dict(action="squat"), ["lacks PennAction variable", "'x'", "'y'"], "only an action")
    penn("joints_12.mat", ok | dict(x=ok["x"][:, :12], y=ok["y"][:, :12], visibility=ok["visibility"][:, :12]), ["13 joints", "(6, 12)"], "12 joints")
    penn("joints_17.mat", ok | dict(x=np.ones((T, 17)), y=np.ones((T, 17)), visibility=np.ones((T, 17))), ["13 joints", "(6, 17)"], "COCO's 17 joints")
    penn("shapes_differ.mat", ok | dict(y=np.ones((T + 1, 13))), ["13 joints", "(7, 13)"], "y has one frame more")
    penn("x_text.mat", ok | dict(x="abc"), ["13 joints", "'x'"], "x is text")
    penn("x_nan.mat", ok | dict(x=np.full((T, 13), np.nan)), ["NaN"], "NaN coordinates")
    penn("no_frames.mat", ok | dict(x=np.zeros((0, 13)), y=np.zeros((0, 13)), visibility=np.zeros((0, 13)), nframes=0.0), ["empty"], "zero frames")
    penn("nframes_wrong.mat", ok | dict(nframes=9.0), ["nframes = 9", "6 frames"], "nframes disagrees with x")
    penn("nframes_inf.mat", ok | dict(nframes=np.inf), ["'nframes'", "inf"], "an infinite nframes")
    penn("nframes_array.mat", ok | dict(nframes=np.arange(3.0)), ["'nframes'", "text or one number"], "nframes an array")
    penn("train_text.mat", ok | dict(train="yes"), ["'train'", "'yes'"], "train flag as text")
    add("penn/phases_short.mat", _mat_bytes(ok), None, [], "")
    add("penn/phases_short_phases.npy", _npy(np.zeros(4, np.int64)), "load_penn_action", ["phases_short_phases.npy", "4 phase labels", "6 frames"],
        "a phase file with 4 labels for 6 frames", target="penn/phases_short.mat")
    add("penn/phases_fraction.mat", _mat_bytes(ok), None, [], "")
    add("penn/phases_fraction_phases.csv", "0\n0.5\n1\n1\n2\n2\n", "load_penn_action", ["phases_fraction_phases.csv", "integers"],
        "a fractional phase label", target="penn/phases_fraction.mat")
    add("penn/phases_text.mat", _mat_bytes(ok), None, [], "")
    add("penn/phases_text_phases.csv", "start\nmiddle\nend\n", "load_penn_action", ["phases_text_phases.csv", "cannot be read as phase labels"],
        "phase names instead of numbers", target="penn/phases_text.mat")
    add("penn/phases_corrupt.mat", _mat_bytes(ok), None, [], "")
    add("penn/phases_corrupt_phases.npy", _npy(np.zeros(6, np.int64))[:60], "load_penn_action", ["phases_corrupt_phases.npy", "cannot be read"],
        "a truncated .npy of phase labels", target="penn/phases_corrupt.mat")


def _npy(arr) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


HEADER = """HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT Knee
  {
    OFFSET 0 -10 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    End Site
    {
      OFFSET 0 -10 0
    }
  }
}
"""
MOTION = "MOTION\nFrames: 3\nFrame Time: 0.0333333\n" + "".join(f"{i} 90 0 0 0 0 {5 * i} 0 0\n" for i in range(3))


def _bvh(add):
    "BVH files (load_bvh): broken hierarchies, broken motion sections, bad values."
    good = HEADER + MOTION
    bvh = lambda name, text, words, problem, **kw: add(f"bvh/{name}", text, "load_bvh", words, problem, **kw)
    bvh("empty.bvh", "", ["not a BVH file", "HIERARCHY"], "an empty file")
    add("bvh/binary.bvh", bytes(np.random.default_rng(2).integers(128, 256, 200, dtype=np.uint8)), "load_bvh", ["not a text file"], "random bytes")
    bvh("no_hierarchy.bvh", good.replace("HIERARCHY\n", ""), ["not a BVH file", "HIERARCHY"], "no HIERARCHY line")
    bvh("truncated_in_hierarchy.bvh", good[:120], ["no MOTION section"], "the file ends inside the joint tree")
    bvh("truncated_in_motion.bvh", good.rsplit("\n", 2)[0] + "\n", ["declares 3 frames", "holds 2", "truncated"], "the last frame is missing")
    bvh("truncated_mid_row.bvh", good[:-7], ["frame 2", "9 channels"], "the last row is cut")
    bvh("extra_close_brace.bvh", good.replace("  }\n}\n", "  }\n}\n}\n"), ["unbalanced '}'", "broken hierarchy"], "one '}' too many")
    bvh("missing_close_brace.bvh", good.replace("  }\n}\n", "  }\n"), ["MOTION before the joint tree is closed"], "one '}' missing")
    bvh("missing_open_brace.bvh", good.replace("ROOT Hips\n{\n", "ROOT Hips\n"), ["bad OFFSET", "broken hierarchy"], "the root's '{' missing")
    bvh("joint_before_root.bvh", good.replace("ROOT Hips", "JOINT Hips"), ["unexpected 'JOINT Hips'"], "JOINT where ROOT belongs")
    bvh("two_roots.bvh", HEADER + HEADER.replace("HIERARCHY\n", "") + MOTION, ["unexpected 'ROOT Hips'"], "two ROOTs")
    bvh("root_without_name.bvh", good.replace("ROOT Hips", "ROOT"), ["unexpected 'ROOT'"], "a ROOT without a name")
    bvh("brace_without_joint.bvh", good.replace("  JOINT Knee\n", ""), ["'{' without a joint"], "a '{' that opens nothing")
    bvh("end_site_at_top.bvh", "HIERARCHY\nEnd Site\n{\n}\n" + MOTION, ["End Site outside a joint"], "an End Site without a joint")
    bvh("offset_two_numbers.bvh", good.replace("OFFSET 0 -10 0\n    CHANNELS", "OFFSET 0 -10\n    CHANNELS"), ["bad OFFSET 'OFFSET 0 -10'"], "an OFFSET of 2 numbers")
    bvh("offset_text.bvh", good.replace("OFFSET 0 0 0", "OFFSET a b c"), ["bad OFFSET 'OFFSET a b c'"], "an OFFSET of words")
    bvh("no_offset.bvh", good.replace("  OFFSET 0 0 0\n", ""), ["joints without OFFSET", "Hips"], "a joint without OFFSET")
    bvh("channels_count.bvh", good.replace("CHANNELS 3 Zrotation Xrotation Yrotation", "CHANNELS 4 Zrotation Xrotation Yrotation"), ["bad CHANNELS"], "CHANNELS 4 naming 3")
    bvh("channels_unknown.bvh", good.replace("CHANNELS 3 Zrotation", "CHANNELS 3 Wrotation"), ["bad CHANNELS", "Wrotation"], "an unknown channel")
    bvh("channels_on_end_site.bvh", good.replace("      OFFSET 0 -10 0\n    }", "      OFFSET 0 -10 0\n      CHANNELS 1 Xrotation\n    }"), ["bad CHANNELS"], "channels on an End Site")
    bvh("unknown_keyword.bvh", good.replace("  JOINT Knee", "  BONE Knee"), ["unknown keyword 'BONE'"], "an unknown keyword")
    bvh("motion_inside_tree.bvh", HEADER.replace("  JOINT Knee", "MOTION\n  JOINT Knee") + MOTION, ["MOTION before the joint tree is closed"], "MOTION inside the tree")
    bvh("no_frames_line.bvh", good.replace("Frames: 3\n", ""), ["Frames: <count>"], "no Frames line")
    bvh("frames_text.bvh", good.replace("Frames: 3", "Frames: three"), ["Frames: <count>"], "Frames: three")
    bvh("frames_fractional.bvh", good.replace("Frames: 3", "Frames: 2.5"), ["Frames: <count>"], "Frames: 2.5")
    bvh("frames_zero.bvh", HEADER + "MOTION\nFrames: 0\nFrame Time: 0.0333333\n", ["0 frames", "empty sequence"], "zero frames")
    bvh("frames_negative.bvh", good.replace("Frames: 3", "Frames: -3"), ["-3 frames"], "a negative frame count")
    bvh("frames_too_many.bvh", good.replace("Frames: 3", "Frames: 99999999999"), ["declares 99999999999 frames", "holds 3"], "a frame count far beyond the rows")
    bvh("frame_time_zero.bvh", good.replace("Frame Time: 0.0333333", "Frame Time: 0"), ["Frame Time: 0.0 s", "not a positive duration"], "a frame time of 0")
    bvh("frame_time_nan.bvh", good.replace("Frame Time: 0.0333333", "Frame Time: nan"), ["Frame Time: nan s", "not a positive duration"], "a NaN frame time")
    bvh("frame_time_inf.bvh", good.replace("Frame Time: 0.0333333", "Frame Time: inf"), ["Frame Time", "inf"], "an infinite frame time")
    bvh("frame_time_missing.bvh", good.replace("Frame Time: 0.0333333\n", ""), ["Frame Time: <seconds>"], "no Frame Time line")
    bvh("row_short.bvh", good.replace("1 90 0 0 0 0 5 0 0", "1 90 0 0 0 0 5 0"), ["frame 1 has 8 values", "9 channels"], "a row with one value missing")
    bvh("row_long.bvh", good.replace("1 90 0 0 0 0 5 0 0", "1 90 0 0 0 0 5 0 0 7"), ["frame 1 has 10 values", "9 channels"], "a row with one value more")
    bvh("value_text.bvh", good.replace("1 90 0 0 0 0 5 0 0", "1 90 0 x 0 0 5 0 0"), ["not numbers", "'x'"], "a word among the values")
    bvh("value_nan.bvh", good.replace("1 90 0 0 0 0 5 0 0", "1 90 0 nan 0 0 5 0 0"), ["NaN or inf", "frame 1"], "a NaN channel value")
    bvh("value_inf.bvh", good.replace("2 90 0 0 0 0 10 0 0", "2 90 0 0 0 0 inf 0 0"), ["NaN or inf", "frame 2"], "an infinite rotation")
    bvh("value_overflow.bvh", good.replace("1 90 0", "1e308 90 0").replace("2 90 0", "1e308 90 0"), ["NaN/inf"], "positions that overflow in forward kinematics")
    bvh("fps_zero.bvh", good, ["fps", "0"], "resampling to fps=0 asked for", kwargs={"fps": 0})
    add("bvh/empty_folder/.keep", "", "load_bvh", ["holds no .bvh files"], "a folder with no .bvh file", target="bvh/empty_folder")


def _npz(add):
    "motionalign .npz files (load_npz)."
    from motionalign.core import Motion
    from motionalign.data.files import save_npz
    import tempfile
    x = np.concatenate([np.ones((4, 17, 2)), np.full((4, 17, 1), 0.5)], -1)
    with tempfile.TemporaryDirectory() as d:
        good = save_npz(Motion(x, subject="S01", phase=np.arange(4)), Path(d) / "g.npz").read_bytes()
    header = dict(format="motionalign-npz-1", name="bad", motions=[dict(fps=30.0, subject="S01", take=0, action="a", start=None, end=None,
                                                                        split=None, meta={}, phase=False, progress=False)])
    def arrays(**arrs):
        buf = io.BytesIO()
        np.savez(buf, **arrs)
        return buf.getvalue()
    npz = lambda name, data, words, problem: add(f"npz/{name}", data, "load_npz", words, problem)
    hdr = lambda h: np.array(json.dumps(h))
    npz("empty.npz", b"", ["cannot be read as a motionalign .npz"], "an empty file")
    npz("truncated.npz", good[: len(good) // 2], ["cannot be read as a motionalign .npz"], "a file cut in half")
    npz("random_bytes.npz", bytes(np.random.default_rng(3).integers(0, 256, 300, dtype=np.uint8)), ["cannot be read as a motionalign .npz"], "random bytes")
    npz("plain_npy.npz", _npy(x), ["cannot be read as a motionalign .npz"], "a .npy array, not an archive")
    npz("no_header.npz", arrays(x_0=x), ["not a motionalign .npz", "no header"], "arrays without the header")
    npz("header_not_json.npz", arrays(header=np.array("{motions: ["), x_0=x), ["cannot be read as a motionalign .npz"], "a header that is not JSON")
    npz("header_list.npz", arrays(header=hdr([1, 2]), x_0=x), ["cannot be read as a motionalign .npz"], "a header that is a list")
    npz("wrong_format.npz", arrays(header=hdr(header | dict(format="other-1")), x_0=x), ["format 'other-1'"], "another format's header")
    npz("no_motions_key.npz", arrays(header=hdr(dict(format="motionalign-npz-1", name="bad")), x_0=x), ["cannot be read as a motionalign .npz", "motions"], "no motions in the header")
    npz("missing_array.npz", arrays(header=hdr(header)), ["cannot be read as a motionalign .npz", "x_0"], "the header names an array that is missing")
    npz("x_nan.npz", arrays(header=hdr(header), x_0=np.full((4, 17, 3), np.nan)), ["NaN/inf"], "NaN keypoints")
    npz("x_strings.npz", arrays(header=hdr(header), x_0=np.full((4, 17, 3), "a")), ["Motion.x", "real numbers", "<U1"], "keypoints as strings")
    npz("x_object.npz", arrays(header=hdr(header), x_0=np.array([None, 1], dtype=object)), ["cannot be read as a motionalign .npz"], "a pickled object array")
    npz("x_joints_5_channels.npz", arrays(header=hdr(header), x_0=np.ones((4, 17, 5))), ["Motion.x", "(4, 17, 5)"], "5 channels per joint")
    npz("x_no_frames.npz", arrays(header=hdr(header), x_0=np.ones((0, 17, 3))), ["empty"], "zero frames")
    npz("phase_length.npz", arrays(header=hdr(dict(header, motions=[header["motions"][0] | dict(phase=True)])), x_0=x, phase_0=np.arange(9)),
        ["Motion.phase", "(9,)"], "9 phase labels for 4 frames")
    npz("unknown_field.npz", arrays(header=hdr(dict(header, motions=[header["motions"][0] | dict(colour="red")])), x_0=x),
        ["cannot be read as a motionalign .npz", "colour"], "a field Motion does not have")
    npz("duplicate_motion.npz", arrays(header=hdr(dict(header, motions=header["motions"] * 2)), x_0=x, x_1=x), ["twice"], "one recording twice")


def write_corpus(root) -> list:
    "Write every bad input under `root` (replacing it) with MANIFEST.json; return the manifest."
    root = Path(root)
    if root.exists(): shutil.rmtree(root)
    manifest = []
    def add(rel, data, loader, words, problem, kwargs=None, target=None):
        "Write one file (none for `data=None`: a path that must not exist); list it when `loader` should reject `target or rel`."
        if data is not None:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data if isinstance(data, bytes) else data.encode())
        if loader is not None:
            manifest.append(dict(loader=loader, path=target or rel, words=words, problem=problem, **({"kwargs": kwargs} if kwargs else {})))
    for writer in (_alphapose, _mat_patches, _penn, _bvh, _npz): writer(add)
    (root / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


if __name__ == "__main__":
    entries = write_corpus(Path(__file__).resolve().parent / "bad_inputs")
    print(f"wrote {len(entries)} bad inputs to tests/bad_inputs/")

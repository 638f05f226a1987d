"keypoint_features and joint_angle_features on SynthMotion give the numbers of the code before skeletons were data."
import numpy as np, pytest
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import keypoint_features, joint_angle_features, _angle

_HIPS, _SHOULDERS = (11, 12), (5, 6)
_LIMB_ANGLES = ((5, 7, 9), (6, 8, 10), (11, 5, 7), (12, 6, 8), (5, 11, 13), (6, 12, 14), (11, 13, 15), (12, 14, 16))


def _fill_missing(x):
    "fill_missing as of commit 7eb2c92 (COCO-17 only), on an array."
    ok, x, t = x[..., -1] > 0, x.astype(np.float64), np.arange(len(x))
    for j in np.flatnonzero(ok.any(0) & ~ok.all(0)):
        seen = ok[:, j]
        for d in range(x.shape[-1] - 1): x[~seen, j, d] = np.interp(t[~seen], t[seen], x[seen, j, d])
    never = ~ok.any(0)
    x[:, never, :-1] = x[:, ~never, :-1].mean(1, keepdims=True)
    x[..., -1] = np.where(ok, x[..., -1], 0.01)
    return x


def _original_keypoint_features(x):
    "normalize + fill_missing as of commit 7eb2c92 (COCO-17 only)."
    c, seen, t = x[..., :-1].astype(np.float64), x[..., -1] > 0, np.arange(len(x))
    hips_seen, torso_seen = seen[:, _HIPS].all(1), seen[:, _HIPS + _SHOULDERS].all(1)
    hip, shoulder = c[:, _HIPS].mean(1), c[:, _SHOULDERS].mean(1)
    scale = float(np.median(np.linalg.norm(shoulder - hip, axis=-1)[torso_seen]))
    root = np.stack([np.interp(t, t[hips_seen], hip[hips_seen, d]) for d in range(c.shape[-1])], -1)
    coords = np.where(x[..., -1:] > 0, (c - root[:, None]) / scale, 0)
    normalized = np.concatenate([coords, x[..., -1:]], -1).astype(np.float32)  # a Motion holds float32
    return _fill_missing(normalized).astype(np.float32)[..., :-1].reshape(len(x), -1).astype(np.float32)


def _original_angles(x):
    c = _fill_missing(x).astype(np.float32)[..., :-1].astype(np.float64)
    e1, v, e2 = (list(ix) for ix in zip(*_LIMB_ANGLES))
    limbs = _angle(c[:, e1] - c[:, v], c[:, e2] - c[:, v])
    up = np.array([0.0, -1.0]) if c.shape[-1] == 2 else np.array([0.0, 1.0, 0.0])
    trunk = _angle(c[:, _SHOULDERS].mean(1) - c[:, _HIPS].mean(1), up)
    a = np.concatenate([limbs, trunk[:, None]], 1)
    return np.concatenate([np.sin(a), np.cos(a)], 1).astype(np.float32)


@pytest.mark.parametrize("dims", [2, 3])
def test_synth_features_unchanged(dims):
    data = synth_motion("smoke", seed=0, dims=dims)
    for m in data:
        assert np.array_equal(keypoint_features(m), _original_keypoint_features(m.x)), m.key
        assert np.array_equal(joint_angle_features(m), _original_angles(m.x)), m.key
    print(f"{len(data)} SynthMotion smoke motions ({dims}-D): features equal to the original code")

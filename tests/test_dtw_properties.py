"Property tests (hypothesis) of motionalign.dtw and motionalign.softdtw against literal references and peer libraries."
import math
from functools import lru_cache

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, example, given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from motionalign.core import MotionalignError, expect_error
from motionalign.dtw import (band_has_path, band_mask, cost_matrix, dtw, dtw_batch, dtw_batch_diagonals, dtw_from_cost, min_band,
                             path_to_alignment_matrix, path_to_mapping, start_frame, subsequence_dtw)
from motionalign.softdtw import SoftDTW, _SoftDTW, _band_rows_batch, soft_dtw, soft_dtw_from_cost

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def brute_dtw(C, mask=None):
    "DTW by the recursion written literally; inf when no path fits the mask."
    @lru_cache(None)
    def R(i, j):
        if i < 0 or j < 0 or (mask is not None and not mask[i, j]): return math.inf
        if i == 0 and j == 0: return C[0, 0]
        return C[i, j] + min(R(i - 1, j - 1), R(i - 1, j), R(i, j - 1))
    return R(C.shape[0] - 1, C.shape[1] - 1)


def brute_cost(a, b, metric):
    d2 = ((a[:, None] - b[None]) ** 2).sum(-1)
    if metric == "sqeuclidean": return d2
    if metric == "euclidean": return np.sqrt(d2)
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    return 1 - (a @ b.T) / (na[:, None] * nb[None])


def assert_valid_path(path, n, m):
    assert path.dtype.kind == "i" and path.shape[1] == 2
    assert tuple(path[0]) == (0, 0) and tuple(path[-1]) == (n - 1, m - 1)
    steps = np.diff(path, axis=0)
    assert ((steps == [1, 0]) | (steps == [0, 1]) | (steps == [1, 1])).all(1).all()


@st.composite
def pair(draw, max_len=9, max_dim=3, tied=False):
    "Two random sequences with the same feature dim; `tied` draws small integers, so that many paths tie."
    d = draw(st.integers(1, max_dim))
    n, m = draw(st.integers(1, max_len)), draw(st.integers(1, max_len))
    elems = st.integers(-2, 2).map(float) if tied else st.floats(-5, 5, allow_nan=False, width=64)
    return draw(arrays(np.float64, (n, d), elements=elems)), draw(arrays(np.float64, (m, d), elements=elems))


# ---- exact DTW ---------------------------------------------------------------------------------------------

@FAST
@given(pair(), st.sampled_from(["sqeuclidean", "euclidean"]))
def test_cost_and_path_match_brute_force(ab, metric):
    a, b = ab
    C = brute_cost(a, b, metric)
    cost, path = dtw(a, b, metric=metric)
    assert cost == pytest.approx(brute_dtw(C), rel=1e-9, abs=1e-9)
    assert_valid_path(path, len(a), len(b))
    assert C[path[:, 0], path[:, 1]].sum() == pytest.approx(cost, rel=1e-9, abs=1e-9)


@FAST
@given(pair(tied=True))
def test_ties_still_give_an_optimal_path(ab):
    a, b = ab
    C = brute_cost(a, b, "sqeuclidean")
    cost, path = dtw(a, b)
    assert cost == brute_dtw(C) and C[path[:, 0], path[:, 1]].sum() == cost
    assert_valid_path(path, len(a), len(b))


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 12), st.integers(1, 12), st.integers(1, 4))
def test_cosine_metric(seed, n, m, d):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n, d)) + 0.1, rng.normal(size=(m, d)) + 0.1
    assert dtw(a, b, metric="cosine")[0] == pytest.approx(brute_dtw(brute_cost(a, b, "cosine")), rel=1e-8, abs=1e-10)


@FAST
@given(pair(max_len=12), st.integers(0, 6))
def test_band_equals_brute_force_restricted_to_the_band(ab, w):
    a, b = ab
    n, m = len(a), len(b)
    mask = band_mask(n, m, w)
    ref = brute_dtw(brute_cost(a, b, "sqeuclidean"), mask)
    assert band_has_path(n, m, w) == math.isfinite(ref)
    if math.isfinite(ref):
        cost, path = dtw(a, b, band=w)
        assert cost == pytest.approx(ref, rel=1e-9, abs=1e-9)
        assert_valid_path(path, n, m)
        assert mask[path[:, 0], path[:, 1]].all()
    else:
        expect_error(lambda: dtw(a, b, band=w), "too narrow", str(a.shape), str(b.shape), f"band >= {min_band(n, m)}")


@st.composite
def wide_pair(draw, max_len=10):
    "Two sequences whose values span 1e-300 to 1e200 in magnitude (zeros included), and a fractional band or none."
    d, n, m = draw(st.integers(1, 3)), draw(st.integers(1, max_len)), draw(st.integers(1, max_len))
    scale = 10.0 ** draw(st.integers(-300, 200))
    elems = st.floats(-10, 10, allow_nan=False)
    a, b = (draw(arrays(np.float64, (k, d), elements=elems)) * scale for k in (n, m))
    return a, b, draw(st.none() | st.floats(0, 12))


@FAST
@given(wide_pair())
def test_any_magnitude_gives_brute_force_or_a_clear_error(abw):
    "Never NaN or negative: the brute-force cost (within the band), or a MotionalignError on overflow or too narrow a band."
    a, b, w = abw
    with np.errstate(over="ignore", invalid="ignore"):
        C = brute_cost(a, b, "sqeuclidean")
    ref = brute_dtw(C, None if w is None else band_mask(len(a), len(b), w))
    try: cost, path = dtw(a, b, band=w)
    except MotionalignError as e:
        assert math.isinf(ref), str(e)
        if "too narrow" in str(e): assert w is not None and not band_has_path(len(a), len(b), w)
        else: assert "overflowed" in str(e), str(e)
        return
    assert math.isfinite(cost) and cost >= 0 and cost == pytest.approx(ref, rel=1e-9, abs=0)
    assert_valid_path(path, len(a), len(b))


@FAST
@given(st.integers(2, 40), st.integers(2, 40), st.integers(1, 8), st.integers(0, 2**31), st.integers(-3, 12),
       st.none() | st.integers(0, 6))
def test_near_equal_frames_far_from_the_origin_give_brute_force(n, m, d, seed, exponent, extra):
    "Frames 1e-9 apart on an offset of up to 1e12, whose |a|^2 + |b|^2 - 2a.b cancels: the brute-force cost, full or banded."
    rng = np.random.default_rng(seed)
    a = 10.0 ** exponent + rng.normal(size=(n, d))
    b = a[rng.integers(0, n, m)] + 1e-9 * rng.normal(size=(m, d))
    w = None if extra is None else min_band(n, m) + extra       # narrow bands read the columns as rows
    ref = brute_dtw(brute_cost(a, b, "sqeuclidean"), None if w is None else band_mask(n, m, w))
    assert dtw(a, b, band=w, return_path=False)[0] == pytest.approx(ref, rel=1e-9, abs=0)


@FAST
@given(st.integers(1, 10), st.integers(1, 10), st.integers(0, 2**31), st.none() | st.floats(0, 10), st.integers(-5, 300))
def test_dtw_from_cost_equals_brute_force(n, m, seed, w, exponent):
    "Non-negative cost matrices of any magnitude, any band: the brute-force value, a path of that cost, or a clear error."
    rng = np.random.default_rng(seed)
    C = rng.random((n, m)) * rng.integers(0, 2, (n, m)) * 10.0 ** exponent   # zeros among the costs
    ref = brute_dtw(C, None if w is None else band_mask(n, m, w))
    try: cost, path = dtw_from_cost(C, band=w)
    except MotionalignError as e:
        assert math.isinf(ref), str(e)
        assert ("too narrow" in str(e)) == (w is not None and not band_has_path(n, m, w)), str(e)
        return
    assert cost >= 0 and cost == pytest.approx(ref, rel=1e-12, abs=0)
    assert_valid_path(path, n, m) and C[path[:, 0], path[:, 1]].sum() == pytest.approx(cost, rel=1e-12)


@FAST
@given(st.integers(1, 300), st.integers(1, 300))
def test_min_band_is_the_narrowest_band_with_a_path(n, m):
    w = min_band(n, m)
    assert band_has_path(n, m, w) and (w == 0 or not band_has_path(n, m, w - 1))
    assert min_band(m, n) == w and band_has_path(n, m, w + 3)


@FAST
@given(pair(max_len=12), st.integers(0, 6))
def test_band_mask_is_symmetric(ab, w):
    n, m = len(ab[0]), len(ab[1])
    assert (band_mask(n, m, w) == band_mask(m, n, w).T).all()


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 40), st.integers(1, 40), st.integers(1, 70))
def test_equals_dtaidistance_and_tslearn(seed, n, m, d):
    from dtaidistance import dtw_ndim
    from tslearn.metrics import dtw as ts_dtw, dtw_path as ts_path
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n, d)), rng.normal(size=(m, d))
    cost, path = dtw(a, b)
    # both peers report the square root of the summed squared Euclidean distances
    assert dtw_ndim.distance(a, b, use_c=True) ** 2 == pytest.approx(cost, rel=1e-9)
    assert ts_dtw(a, b) ** 2 == pytest.approx(cost, rel=1e-9)
    ts_p, _ = ts_path(a, b)
    C = cost_matrix(a, b)
    assert C[tuple(np.array(ts_p).T)].sum() == pytest.approx(cost, rel=1e-9)  # paths may differ only by ties
    assert dtw(a, b, metric="euclidean")[0] == pytest.approx(brute_dtw(np.sqrt(C)), rel=1e-9)


@SLOW
@given(st.integers(0, 2**31), st.integers(2, 30), st.integers(0, 5))
def test_equal_lengths_band_equals_tslearn_sakoe_chiba(seed, n, w):
    from tslearn.metrics import dtw as ts_dtw
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n, 3)), rng.normal(size=(n, 3))
    ref = ts_dtw(a, b, global_constraint="sakoe_chiba", sakoe_chiba_radius=w) ** 2
    assert dtw(a, b, band=w)[0] == pytest.approx(ref, rel=1e-9)


@SLOW
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 40)), min_size=1, max_size=12), st.integers(0, 2**31),
       st.one_of(st.none(), st.integers(3, 8)))
def test_batch_equals_one_by_one(lengths, seed, w):
    rng = np.random.default_rng(seed)
    A = [rng.normal(size=(n, 5)) for n, _ in lengths]
    B = [rng.normal(size=(m, 5)) for _, m in lengths]
    bands = [w if w is None or band_has_path(n, m, w) else None for n, m in lengths]
    costs, paths = dtw_batch(A, B, band=bands)
    only_costs, none = dtw_batch(A, B, band=bands, return_paths=False)
    assert none is None and np.allclose(only_costs, costs, rtol=1e-12)
    for a, b, bw, c, p in zip(A, B, bands, costs, paths):
        c1, p1 = dtw(a, b, band=bw)
        assert c == c1 and np.array_equal(p, p1)
        c2, p2 = dtw_from_cost(cost_matrix(a, b), band=bw)
        assert c2 == pytest.approx(c, rel=1e-9, abs=1e-9)
        assert_valid_path(p2, len(a), len(b))


@SLOW
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 30)), min_size=1, max_size=8), st.integers(0, 2**31),
       st.one_of(st.none(), st.integers(0, 8)), st.sampled_from(["sqeuclidean", "euclidean", "cosine"]), st.booleans())
def test_anti_diagonal_torch_dtw_equals_the_numba_kernel(lengths, seed, w, metric, tied):
    "The torch anti-diagonal DTW (the GPU code path, run here on the CPU): the costs and paths of `dtw_batch`, banded included."
    rng = np.random.default_rng(seed)
    draw = (lambda k: rng.integers(-2, 3, size=(k, 3)).astype(float)) if tied else (lambda k: rng.normal(size=(k, 3)))
    A, B = [draw(n) for n, _ in lengths], [draw(m) for _, m in lengths]
    bands = [w if w is None or band_has_path(n, m, w) else None for n, m in lengths]
    (c1, p1), (c2, p2) = dtw_batch(A, B, band=bands, metric=metric), dtw_batch_diagonals(A, B, band=bands, metric=metric, device="cpu")
    assert np.allclose(c1, c2, rtol=1e-12, atol=1e-12)
    for a, b, p, q, c in zip(A, B, p1, p2, c2):
        assert_valid_path(q, len(a), len(b))
        if not tied and metric == "sqeuclidean": assert np.array_equal(p, q)
        C = brute_cost(a, b, metric) if metric != "cosine" else cost_matrix(a, b, "cosine")
        assert C[q[:, 0], q[:, 1]].sum() == pytest.approx(c, rel=1e-9, abs=1e-9)


@FAST
@given(st.integers(0, 2**31), st.integers(1, 10), st.integers(1, 10))
def test_dtw_is_symmetric(seed, n, m):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n, 2)), rng.normal(size=(m, 2))
    (c1, p1), (c2, p2) = dtw(a, b), dtw(b, a)
    assert c1 == pytest.approx(c2, rel=1e-12)
    assert_valid_path(p2[:, ::-1].copy(), n, m)


# ---- subsequence search --------------------------------------------------------------------------------------

@FAST
@given(pair(max_len=5), st.integers(0, 2**31))
def test_subsequence_equals_best_window(ab, seed):
    q, _ = ab
    series = np.random.default_rng(seed).normal(size=(int(seed % 9) + 1, q.shape[1]))
    match = subsequence_dtw(q, series, return_path=True)
    C = brute_cost(q, series, "sqeuclidean")
    best = min(brute_dtw(C[:, s:e + 1]) for s in range(len(series)) for e in range(s, len(series)))
    assert match.cost == pytest.approx(best, rel=1e-9, abs=1e-9)
    assert match.path[0, 1] == match.start and match.path[-1, 1] == match.end
    assert C[match.path[:, 0], match.path[:, 1]].sum() == pytest.approx(match.cost, rel=1e-9, abs=1e-9)


def _flat(m): return m.coords.reshape(len(m), -1).astype(np.float64)


def test_start_frame_finds_planted_synth_motions():
    "A take's movement, with noise, planted among other actions' frames: found exactly in most cases, within 4 frames always."
    from motionalign.data.synth import synth_motion
    ms = synth_motion("smoke")
    errors = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        target = ms[int(rng.integers(len(ms)))]
        movement = _flat(target)[target.start:target.end + 1]
        others = [m for m in ms if m.action != target.action]
        filler = np.concatenate([_flat(others[i]) for i in rng.choice(len(others), 10, replace=False)])
        offset = int(rng.integers(0, len(filler) - 50))
        recording = np.concatenate([filler[:offset], movement + rng.normal(0, 2.0, movement.shape), filler[offset:]])
        errors.append(abs(start_frame(recording, movement) - offset))
    # movements begin slowly from the rest pose, so a few first frames can be matched a little late
    assert max(errors) <= 4 and np.mean(np.array(errors) == 0) >= 0.75, errors


# ---- helpers -------------------------------------------------------------------------------------------------

@FAST
@given(pair(max_len=12))
def test_mapping_and_alignment_matrix(ab):
    a, b = ab
    _, path = dtw(a, b)
    mapping = path_to_mapping(path)
    assert len(mapping) == len(a) and (np.diff(mapping) >= 0).all() and mapping.min() >= 0 and mapping.max() <= len(b) - 1
    A = path_to_alignment_matrix(path, (len(a), len(b)))
    assert A.sum() == len(path) and A.any(1).all() and A.any(0).all()


# ---- soft-DTW ------------------------------------------------------------------------------------------------

def naive_soft_dtw(C, gamma):
    N, M = C.shape
    R = [[torch.tensor(math.inf, dtype=C.dtype)] * (M + 1) for _ in range(N + 1)]
    R[0][0] = torch.tensor(0.0, dtype=C.dtype)
    for i in range(1, N + 1):
        for j in range(1, M + 1):
            R[i][j] = C[i - 1, j - 1] - gamma * torch.logsumexp(-torch.stack([R[i - 1][j - 1], R[i - 1][j], R[i][j - 1]]) / gamma, 0)
    return R[N][M]


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 6), st.integers(1, 6), st.floats(0.05, 5.0))
def test_soft_dtw_value_and_gradient_match_naive_autograd(seed, n, m, gamma):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 3, dtype=torch.float64, generator=g, requires_grad=True)
    y = torch.randn(m, 3, dtype=torch.float64, generator=g)
    v = soft_dtw(x, y, gamma); v.backward()
    x2 = x.detach().clone().requires_grad_()
    ref = naive_soft_dtw(cost_matrix(x2, y), gamma); ref.backward()
    assert torch.isclose(v, ref, rtol=1e-10) and torch.allclose(x.grad, x2.grad, rtol=1e-8, atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 7), st.integers(2, 7), st.booleans(), st.booleans())
def test_soft_dtw_gradcheck(seed, n, m, normalize, banded):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(2, n, 2, dtype=torch.float64, generator=g, requires_grad=True)
    y = torch.randn(2, m, 2, dtype=torch.float64, generator=g, requires_grad=True)
    band = max(min_band(n, m), min_band(n, n), min_band(m, m)) + 1 if banded else None
    lens_x, lens_y = [n, max(1, n - 1)], [m, max(1, m - 2)]
    f = lambda x, y: soft_dtw(x, y, 0.6, lens_x, lens_y, band=band, normalize=normalize and n == m)
    assert torch.autograd.gradcheck(f, (x, y))


@SLOW
@given(st.integers(0, 2**31), st.lists(st.tuples(st.integers(1, 9), st.integers(1, 9)), min_size=1, max_size=5),
       st.floats(0.01, 3.0), st.one_of(st.none(), st.integers(2, 5)))
def test_soft_dtw_torch_backend_equals_numba(seed, lengths, gamma, band):
    lx, ly = np.array([n for n, _ in lengths]), np.array([m for _, m in lengths])
    if band is not None and not all(band_has_path(n, m, band) for n, m in lengths): band = None
    C = torch.rand(len(lengths), lx.max(), ly.max(), dtype=torch.float64, generator=torch.Generator().manual_seed(seed)) * 4
    lo, hi = _band_rows_batch(lx, ly, C.shape[1], band)
    out = []
    for backend in ("numba", "torch"):
        Cb = C.clone().requires_grad_()
        v = _SoftDTW.apply(Cb, lx, ly, lo, hi, gamma, backend); (v * torch.arange(1, len(v) + 1)).sum().backward()
        out.append((v.detach(), Cb.grad))
    assert torch.allclose(out[0][0], out[1][0], rtol=1e-10) and torch.allclose(out[0][1], out[1][1], rtol=1e-8, atol=1e-12)


@SLOW
@given(st.integers(0, 2**31), st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=1, max_size=4),
       st.floats(0.05, 3.0), st.sampled_from(["float64", "float32"]), st.booleans())
@example(5044447, [(12, 1), (2, 4)], 1.0, "float32", False)  # failed with a tolerance that ignored |R| (CI)
def test_soft_dtw_backends_and_precisions_agree(seed, lengths, gamma, precision, banded):
    "Public API: the numba kernel, the torch anti-diagonal kernel (what CUDA runs) and plain autograd, in float64 and float32."
    g = torch.Generator().manual_seed(seed)
    lx, ly = [n for n, _ in lengths], [m for _, m in lengths]
    band = max(min_band(n, m) for n, m in lengths) + 1 if banded else None
    x = torch.randn(len(lengths), max(lx), 3, dtype=torch.float64, generator=g)
    y = torch.randn(len(lengths), max(ly), 3, dtype=torch.float64, generator=g)
    out = []
    for backend in ("numba", "torch", "autograd"):
        xb = x.clone().requires_grad_()
        v = soft_dtw(xb, y, gamma, lx, ly, band=band, backend=backend, precision=precision); v.sum().backward()
        out.append((v.detach(), xb.grad))
    # float32: each weight along a path carries the rounding of R (6e-8 |R|) divided by gamma, and a path has up to
    # n + m weights, so the gradients agree less closely, the more so the larger R (e.g. R = 106 on a 12 + 1 path)
    tol = 1e-9 if precision == "float64" else 1e-5 / gamma
    path = max(n + m for n, m in lengths)
    grad_tol = tol if precision == "float64" else 6e-8 * path * (1 + float(out[0][0].abs().max())) / gamma
    close = lambda a, b, t=tol: float((a - b).abs().max()) <= t * (1 + float(b.abs().max()))
    for v, gr in out[1:]: assert close(v, out[0][0]) and close(gr, out[0][1], grad_tol)
    ref = soft_dtw(x, y, gamma, lx, ly, band=band)
    assert close(out[0][0], ref)


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 15), st.integers(1, 15))
def test_soft_dtw_tends_to_dtw(seed, n, m):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n, 3)), rng.normal(size=(m, 3))
    cost, _ = dtw(a, b)
    log_paths = math.log(sum(math.comb(n - 1, k) * math.comb(m - 1, k) * 2 ** k for k in range(min(n, m))))
    for gamma in (1.0, 0.1, 1e-2, 1e-3):
        v = soft_dtw(a, b, gamma).item()
        assert cost - gamma * log_paths - 1e-9 <= v <= cost + 1e-9


@SLOW
@given(st.integers(0, 2**31), st.integers(2, 40))
def test_soft_dtw_small_gamma_gives_no_nan(seed, n):
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(2, n, 4, dtype=torch.float64, generator=g) * 10).requires_grad_()
    y = torch.randn(2, n + 3, 4, dtype=torch.float64, generator=g) * 10
    v = SoftDTW(gamma=1e-3, normalize=True)(x, y)
    v.sum().backward()
    assert torch.isfinite(v).all() and torch.isfinite(x.grad).all()


@SLOW
@given(st.integers(0, 2**31), st.lists(st.tuples(st.integers(1, 20), st.integers(1, 20)), min_size=1, max_size=6), st.booleans())
def test_soft_dtw_batch_equals_one_by_one(seed, lengths, normalize):
    g = torch.Generator().manual_seed(seed)
    B, N, M = len(lengths), max(n for n, _ in lengths), max(m for _, m in lengths)
    x, y = torch.randn(B, N, 3, dtype=torch.float64, generator=g), torch.randn(B, M, 3, dtype=torch.float64, generator=g)
    lx, ly = [n for n, _ in lengths], [m for _, m in lengths]
    if normalize: ly, y = lx, x.flip(0)
    v = soft_dtw(x, y, 0.3, torch.tensor(lx), torch.tensor(ly), normalize=normalize)
    for b in range(B):
        assert torch.isclose(v[b], soft_dtw(x[b, :lx[b]], y[b, :ly[b]], 0.3, normalize=normalize), rtol=1e-10)


def test_soft_dtw_accepts_a_mask_and_float32():
    x, y = torch.randn(3, 10, 4), torch.randn(3, 12, 4)
    mask = torch.arange(10)[None] < torch.tensor([10, 5, 7])[:, None]
    assert torch.allclose(soft_dtw(x, y, 0.5, mask), soft_dtw(x, y, 0.5, [10, 5, 7]))
    v = soft_dtw(x.requires_grad_(), y, 0.5, mask)
    v.sum().backward()
    assert v.dtype == torch.float32 and x.grad.dtype == torch.float32 and (x.grad[1, 5:] == 0).all()
    expect_error(lambda: soft_dtw(x, y, 0.5, ~mask), "x_lens", "prefix")


def naive_banded_soft_dtw(C, gamma, mask):
    "Soft-DTW of one [N, M] cost matrix restricted to the cells of `mask`, cell by cell with autograd."
    N, M = C.shape
    inf = torch.tensor(math.inf, dtype=C.dtype)
    R = [[inf] * (M + 1) for _ in range(N + 1)]
    R[0][0] = torch.tensor(0.0, dtype=C.dtype)
    for i in range(1, N + 1):
        for j in range(1, M + 1):
            prev = torch.stack([R[i - 1][j - 1], R[i - 1][j], R[i][j - 1]])
            if mask[i - 1, j - 1] and torch.isfinite(prev).any():
                R[i][j] = C[i - 1, j - 1] - gamma * torch.logsumexp(-prev / gamma, 0)
    return R[N][M]


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 7), st.integers(1, 7), st.floats(1e-3, 10), st.floats(0, 3), st.integers(-3, 2))
def test_soft_dtw_with_band_equals_brute_force(seed, n, m, gamma, extra, exponent):
    "Random lengths, fractional bands, temperatures and value scales: value and gradient equal the literal recursion."
    band = min_band(n, m) + extra
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(n, 2, dtype=torch.float64, generator=g) * 10.0 ** exponent).requires_grad_()
    y = torch.randn(m, 2, dtype=torch.float64, generator=g) * 10.0 ** exponent
    v = soft_dtw(x, y, gamma, band=band); v.backward()
    x2 = x.detach().clone().requires_grad_()
    ref = naive_banded_soft_dtw(cost_matrix(x2, y), gamma, band_mask(n, m, band)); ref.backward()
    assert torch.isfinite(v) and torch.isfinite(x.grad).all()
    assert torch.isclose(v, ref, rtol=1e-9, atol=1e-12) and torch.allclose(x.grad, x2.grad, rtol=1e-7, atol=1e-9)


@SLOW
@given(st.integers(0, 2**31), st.integers(1, 12), st.integers(1, 12), st.integers(1, 4), st.floats(1e-3, 30), st.integers(-3, 2))
def test_soft_dtw_divergence_is_non_negative(seed, n, m, d, gamma, exponent):
    "With the squared Euclidean cost the normalised soft-DTW divergence is >= 0 (Blondel et al. 2021), and 0 for x = y."
    g = torch.Generator().manual_seed(seed)
    x, y = (torch.randn(k, d, dtype=torch.float64, generator=g) * 10.0 ** exponent for k in (n, m))
    v = soft_dtw(x, y, gamma, normalize=True)
    assert torch.isfinite(v) and v >= -1e-9 * (1 + 100.0 ** exponent)
    assert abs(float(soft_dtw(x, x, gamma, normalize=True))) <= 1e-9 * (1 + 100.0 ** exponent)


# ---- numeric safety: tiny gamma, long sequences ----------------------------------------------------------------

@pytest.mark.parametrize("dtype,walk", [(torch.float64, True), (torch.float32, True), (torch.float32, False)])
def test_soft_dtw_tiny_gamma_on_1000_frames_stays_finite(dtype, walk):
    "gamma = 1e-3 on 1000 frames (random walks with costs ~1e7, or noise whose costs are ~gamma, where the soft minimum is"
    " really soft): finite value and gradient in both kernels, between DTW - gamma log(#paths) and DTW."
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(0)
    x, y = (torch.randn(1000, 8, generator=g, dtype=torch.float64) for _ in range(2))
    x, y = (v.cumsum(0) if walk else v * 0.01 for v in (x, y))
    x, y = x.to(dtype).requires_grad_(), y.to(dtype)
    gamma, cost = 1e-3, dtw(x.detach(), y)[0]
    log_paths = math.log(sum(math.comb(999, k) ** 2 * 2 ** k for k in range(1000)))  # warping paths of a 1000 x 1000 grid
    v = soft_dtw(x, y, gamma); v.backward()
    assert torch.isfinite(v) and torch.isfinite(x.grad).all() and v.dtype == dtype
    assert cost - gamma * log_paths - 1e-6 * cost - 1e-4 <= float(v) <= cost + 1e-6 * cost
    for band, normalize in ((None, True), (40, False)):
        x.grad = None
        w = soft_dtw(x, y, gamma, band=band, normalize=normalize); w.backward()
        assert torch.isfinite(w) and torch.isfinite(x.grad).all()
    C = cost_matrix(x.detach(), y)[None]                                 # both kernels on the same costs: numba, and the
    lens = np.array([1000])                                              # anti-diagonal one that CUDA runs, here on CPU
    lo, hi = _band_rows_batch(lens, lens, 1000, None)
    out = []
    for backend in ("numba", "torch"):
        Cb = C.clone().requires_grad_()
        t = _SoftDTW.apply(Cb, lens, lens, lo, hi, gamma, backend); t.sum().backward()
        out.append((t.detach(), Cb.grad[0]))
    (t1, E1), (t2, E2) = out
    assert torch.isfinite(t2).all() and torch.isfinite(E2).all() and float(E2.min()) >= 0 and float(E2.max()) <= 1 + 1e-5
    assert float(t2) == pytest.approx(float(t1), rel=1e-5, abs=1e-4) and torch.allclose(E1, E2, atol=1e-3)
    assert float(E2[-1, -1]) == 1 and float(E2.sum()) >= 1000                   # the expected alignment spans the grid


# ---- bad input -----------------------------------------------------------------------------------------------

def test_bad_input_raises_motionalign_errors():
    z = np.zeros((4, 3))
    expect_error(lambda: dtw(np.zeros((0, 3)), z), "a must be", "(0, 3)")
    expect_error(lambda: dtw(z, np.zeros((4, 0))), "b must be", "(4, 0)")
    expect_error(lambda: dtw(z, np.zeros((4, 2))), "feature dims", "(4, 3)", "(4, 2)")
    expect_error(lambda: dtw(z, np.array([[np.nan, 0, 0]])), "b holds 1 NaN", "(1, 3)")
    expect_error(lambda: dtw(z, np.full((2, 3), np.inf)), "b holds 6 NaN/inf")
    expect_error(lambda: dtw(np.zeros((3, 2)), np.zeros((30, 2)), band=2), "too narrow", "(3, 2)", "(30, 2)", "band >= 7")
    expect_error(lambda: dtw_batch([z, z], [z, np.full((5, 3), np.nan)]), "seqs_b[1] holds 15 NaN", "(5, 3)")
    expect_error(lambda: dtw_batch([z], [np.zeros((4, 2))]), "seqs_a[0]", "(4, 3)", "(4, 2)")
    expect_error(lambda: dtw_batch([], []), "non-zero number")
    expect_error(lambda: dtw_batch([z], [z], band=[1, 2]), "2 widths for 1 pairs")
    expect_error(lambda: dtw_from_cost(np.zeros((3, 0))), "C must be", "(3, 0)")
    expect_error(lambda: dtw(z, z, metric="L1"), "metric", "L1")
    expect_error(lambda: subsequence_dtw(np.zeros((0, 3)), z), "query must be", "(0, 3)")
    expect_error(lambda: subsequence_dtw(z, np.full((9, 3), np.nan)), "series holds 27 NaN", "(9, 3)")
    expect_error(lambda: path_to_mapping(np.array([[0.5, 1.0]])), "path must be", "(1, 2)")
    x = torch.zeros(2, 5, 3)
    for gamma in (0, -1.0, float("nan")):
        expect_error(lambda: soft_dtw(x, x, gamma=gamma), "gamma", str(gamma))
    expect_error(lambda: SoftDTW(gamma=0.0), "gamma", "0.0")
    expect_error(lambda: soft_dtw(x, torch.zeros(2, 5, 4)), "(2, 5, 3)", "(2, 5, 4)")
    expect_error(lambda: soft_dtw(x, torch.zeros(3, 5, 3)), "(2, 5, 3)", "(3, 5, 3)")
    expect_error(lambda: soft_dtw(torch.zeros(2, 0, 3), x), "x must be", "(2, 0, 3)")
    expect_error(lambda: soft_dtw(x, torch.full((2, 4, 3), math.inf)), "y holds 24 NaN/inf", "(2, 4, 3)")
    expect_error(lambda: soft_dtw(torch.zeros(2, 3, 3), torch.zeros(2, 30, 3), band=2), "too narrow", "3 and 30", "band >= 7")
    expect_error(lambda: soft_dtw_from_cost(torch.zeros(4)), "C must be", "(4,)")

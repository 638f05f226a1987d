"""Issue 23: aeon as a peer of the DTW benchmark's cases (b) and (c), measured in its own environment.

aeon 1.6 pins numba < 0.64, numpy < 2.4 and pandas < 3.1, older than the project's environment, so it cannot
be installed beside motionalign and `motionalign.bench` skips it. This script times it on pairs of the
benchmark's sizes (256 random walks of 64-256 frames against as many, D = 64) in a separate virtual
environment, alternating with motionalign in this one, a process each, so that the machine's drift between
processes shows in the spread:
    python -m venv /tmp/aeonenv && /tmp/aeonenv/bin/pip install aeon
    python nbs/experiments/aeon_peer.py /tmp/aeonenv/bin/python [rounds]
Prints, per round, motionalign's and aeon's best of 3 (1 and 2 threads) on (b) all 256 pairs with paths and
(c) the same pairs in the 10% band, and the ratio of aeon's best to motionalign's.
"""
import json, math, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import numpy as np

def best_of(fn, repeats=3):
    fn(); times = []
    for _ in range(repeats):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)

def in_pool(fn, A, B, W, threads):
    with ThreadPoolExecutor(threads) as pool: return list(pool.map(fn, A, B, W))

def time_aeon(path):
    "Run in aeon's environment: aeon's times on the pairs saved at `path`, as JSON on stdout."
    from aeon.distances import dtw_alignment_path
    data = np.load(path); P = int(data["P"])
    A, B, W = [data[f"a{p}"] for p in range(P)], [data[f"b{p}"] for p in range(P)], list(data["bands"])
    full = lambda a, b, w: dtw_alignment_path(a.T, b.T)
    band = lambda a, b, w: dtw_alignment_path(a.T, b.T, window=min(1.0, (w + 1) / max(len(a), len(b))))
    out = {f"{case} {k} thread{'s' * (k > 1)}": best_of(lambda: in_pool(fn, A, B, W, k))
           for case, fn in (("b", full), ("c", band)) for k in (1, 2)}
    costs = [dtw_alignment_path(a.T, b.T)[1] for a, b in zip(A[:16], B[:16])]
    print(json.dumps(dict(times=out, costs=costs)))

def main(aeon_python, rounds=3):
    from motionalign.dtw import dtw_batch, min_band
    rng = np.random.default_rng(0)
    walk = lambda n: np.cumsum(rng.normal(size=(n, 64)), 0) / np.sqrt(n)
    A, B = ([walk(n) for n in rng.integers(64, 257, size=256)] for _ in range(2))
    bands = [max(math.ceil(0.1 * max(len(a), len(b))), min_band(len(a), len(b))) for a, b in zip(A, B)]
    path = Path(tempfile.mkdtemp()) / "pairs.npz"
    np.savez(path, P=len(A), bands=bands, **{f"a{p}": a for p, a in enumerate(A)},
             **{f"b{p}": b for p, b in enumerate(B)})
    ours_costs = dtw_batch(A[:16], B[:16])[0]
    for r in range(rounds):
        ours = {"b": best_of(lambda: dtw_batch(A, B)), "c": best_of(lambda: dtw_batch(A, B, band=bands))}
        run = subprocess.run([aeon_python, __file__, "--aeon", str(path)], capture_output=True, text=True,
                             check=True)
        peer = json.loads(run.stdout.strip().splitlines()[-1])
        diff = float(np.max(np.abs(np.array(peer["costs"]) - ours_costs) / ours_costs))
        for case in "bc":
            theirs = {k: v for k, v in peer["times"].items() if k.startswith(case)}
            fastest = min(theirs, key=theirs.get)
            print(f"round {r} ({case}): motionalign {ours[case] * 1e3:.1f} ms; aeon " +
                  ", ".join(f"{k[2:]} {v * 1e3:.1f} ms" for k, v in theirs.items()) +
                  f"; aeon's best / ours {theirs[fastest] / ours[case]:.1f}x" +
                  (f"; max rel. cost diff {diff:.1e}" if case == "b" else ""), flush=True)

if __name__ == "__main__":
    if sys.argv[1] == "--aeon": time_aeon(sys.argv[2])
    else: main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)

"""Issue 20 item 6, investigation only: why the one-pass subsequence-DTW start frame loses to the sliding search.

Raw keypoints, SynthMotion cpu profile, eight actions, subject S01's first take (trimmed) as the standard, subjects
S07-S10 as learners. Prints the signed and absolute start errors of `subsequence_dtw` as it is, of the seed's sliding
search, and of a one-pass variant with a penalty on non-diagonal steps. Run: `python nbs/experiments/start_frame_bias.py`.
The penalty was looked at on these same subjects: choose it on validation subjects before reporting it.
"""
import numpy as np
from numba import njit
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import keypoint_features, trim
from motionalign.dtw import dtw, subsequence_dtw


@njit(cache=False)
def penalised_subsequence(Q, S, penalty):
    "Open-begin, open-end DTW of Q in S with `penalty` added to every non-diagonal step: last row and its starts."
    n, L = Q.shape[0], S.shape[0]
    prev, cur = np.empty(L), np.empty(L)
    ps, cs = np.zeros(L, np.int64), np.zeros(L, np.int64)
    for j in range(L):
        prev[j] = ((Q[0] - S[j]) ** 2).sum(); ps[j] = j
    for i in range(1, n):
        for j in range(L):
            d = ((Q[i] - S[j]) ** 2).sum()
            best, s = prev[j] + d + penalty, ps[j]
            if j > 0:
                if prev[j - 1] + d < best: best, s = prev[j - 1] + d, ps[j - 1]
                if cur[j - 1] + d + penalty < best: best, s = cur[j - 1] + d + penalty, cs[j - 1]
            cur[j], cs[j] = best, s
        prev, cur, ps, cs = cur, prev, cs, ps
    return prev, ps


def main():
    ms = synth_motion("cpu", actions=("squat", "jumping_jack", "vertical_jump", "golf_swing", "lateral_raise", "wave",
                                      "front_kick", "bow"))
    errors, lengths = {"subsequence_dtw (as is)": [], "sliding search": []}, []
    for c in (0.5, 1, 2, 4): errors[f"step penalty {c} x median cost"] = []
    for a in ms.actions:
        S = keypoint_features(trim(ms.select(action=a, subject="S01", take=0)[0])).astype(np.float64)
        for m in ms.select(action=a, subject=["S07", "S08", "S09", "S10"]):
            L = keypoint_features(m).astype(np.float64)
            r = subsequence_dtw(S, L)
            errors["subsequence_dtw (as is)"].append(r.start - m.start)
            lengths.append((r.end - r.start + 1) / (m.end - m.start + 1))
            costs = [dtw(L[s:s + len(S)], S, return_path=False)[0] for s in range(len(L) - len(S) + 1)]
            errors["sliding search"].append(int(np.argmin(costs)) - m.start)
            median = np.median(((S[:, None] - L[None]) ** 2).sum(-1))
            for c in (0.5, 1, 2, 4):
                cost, start = penalised_subsequence(S, L, c * median)
                errors[f"step penalty {c} x median cost"].append(int(start[np.argmin(cost)]) - m.start)
    for name, e in errors.items():
        e = np.array(e)
        print(f"{name:32s} n={len(e)} signed median {np.median(e):+.1f}  |error| median {np.median(np.abs(e)):.1f} "
              f"p90 {np.quantile(np.abs(e), 0.9):.1f} mean {np.abs(e).mean():.2f}")
    print(f"subsequence_dtw matched length / true movement length: median {np.median(lengths):.2f}")


if __name__ == "__main__":
    main()

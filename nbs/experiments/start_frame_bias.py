"""Issue 20: how `coach.get_start` chooses its step penalty, onset fraction and rise, and what they gain. Not part
of the main job.

Raw keypoints, SynthMotion cpu profile, every action; the standard is subject S01's first take of the action,
trimmed; learners are the whole recordings (lead-in included) of other subjects longer than the standard. The
penalty per non-diagonal step (a multiple of the median frame cost) and the onset fraction of `movement_onset`
(None: the subsequence match's own start) and the part of the rise `rise_onset` fits (None: `movement_onset`
alone; else the two are averaged) are chosen together on the validation subjects S02-S05 by the mean
absolute start error; the test subjects S07-S10 are reported only, with the seed's sliding search beside them.
Run: `python nbs/experiments/start_frame_bias.py`.
"""
import itertools
import numpy as np
from motionalign.coach import get_start, sliding_dtw_start
from motionalign.data.synth import synth_motion
from motionalign.data.transforms import trim

PENALTIES = (0.0, 0.5, 1.0, 2.0)
FRACTIONS = (None, 0.1, 0.15, 0.2)
RISES = (None, (0.05, 0.3), (0.1, 0.3), (0.1, 0.4), (0.15, 0.3))
CANDIDATES = tuple((p, f, r) for p, f, r in itertools.product(PENALTIES, FRACTIONS, RISES) if f or r is None)


def start_errors(ms, subjects, candidates):
    "Signed start errors per (penalty, fraction) candidate and of the sliding search, over `subjects`."
    errors = {**{c: [] for c in candidates}, "sliding": []}
    for action in ms.actions:
        standard = trim(ms.select(action=action, subject="S01", take=0)[0])
        for m in ms.select(action=action, subject=subjects):
            if len(m) < len(standard): continue   # the sliding search cannot run there
            for p, f, r in candidates:
                errors[p, f, r].append(get_start(m, standard, step_penalty=p, onset_fraction=f, rise=r).start
                                       - m.start)
            errors["sliding"].append(sliding_dtw_start(m, standard) - m.start)
    return {k: np.array(v) for k, v in errors.items()}


def summary(e):
    "Median, 90th percentile and mean of the absolute errors, and the signed median."
    a = np.abs(e)
    return f"n={len(e)} |error| median {np.median(a):.1f} p90 {np.quantile(a, .9):.1f} mean {a.mean():.2f} " \
           f"(signed median {np.median(e):+.1f})"


def main():
    ms = synth_motion("cpu")
    val = start_errors(ms, ["S02", "S03", "S04", "S05"], CANDIDATES)
    chosen = min(CANDIDATES, key=lambda c: np.abs(val[c]).mean())
    best_plain = min((c for c in CANDIDATES if c[1] is None), key=lambda c: np.abs(val[c]).mean())
    best_onset = min((c for c in CANDIDATES if c[2] is None), key=lambda c: np.abs(val[c]).mean())
    print("validation subjects S02-S05: (penalty, onset fraction, rise)")
    for k, e in val.items(): print(f"  {k!s:26s} {summary(e)}" + ("  <- chosen" if k == chosen else ""))
    shown = sorted({(0.0, None, None), best_plain, best_onset, chosen}, key=str)
    test = start_errors(ms, ["S07", "S08", "S09", "S10"], shown)
    print("test subjects S07-S10 (reported, not chosen on)")
    for k, e in test.items(): print(f"  {k!s:26s} {summary(e)}")


if __name__ == "__main__":
    main()

"""Issue 20: is the feedback's top-1 recall of a planted 15-degree angle fault, or the sign of a planted timing fault,
limited by the alignment or by the scoring?

The protocol of `feedback.ipynb` (SynthMotion cpu, 3-D, standard S01, calibration on S02-S04, test S05-S10, one fault
per action and test subject, realisable as `realisable_fault` makes it), with four variants: the raw-keypoint DTW path or the true correspondence (DTW on the
generator's progress), each with and without the style residual; `dtw+style` refines the raw-keypoint path with
`style_free_path` (the experiment's alignment). Each line also gives the path's mean distance from the true
correspondence over the judged takes, in frames. A `timing-` variant plants a timing fault instead (one
phase 0.7 or 1.3 times as long, in take 0 of each test subject and action) and prints how often the reported duration,
against the calibration, has the right sign. A `height-` variant plants a limb at the wrong height (its raising angle off
by 20 degrees, in take 0) and counts it found when a candidate names the limb end or its raising joint in the planted phase;
an `alarms-` variant gives the share of the test subjects' correct takes with a fault reported. Choose a setting on all of
them: a change that helps the angle faults can cost the height faults. Not part of the main job; prints one line per variant.
Run: `python nbs/experiments/feedback_ceiling.py dtw dtw+style true dtw-nostyle true-nostyle timing-dtw timing-true
height-dtw+style alarms-dtw+style`;
`fold=F` (0, 1, 2) calibrates on two of S02-S04 and tests on the third, to choose a setting without the test
subjects (run the three folds and pool them); `seed=S` draws another SynthMotion population (seed 0 is the one the experiment reports);
`calib=K` calibrates on S02..S(K+1) instead of S02-S04 and `test_from=T` tests on subjects T+1.. (e.g. `calib=5 test_from=6`
against `calib=3 test_from=6`: the same test subjects S07-S10, five or three calibration subjects); `cost=sqeuclidean`
aligns `dtw+style` on squared instead of absolute feature differences (`style_free_path`'s `cost`); `style=0` gives every
subject the average style and body (`make_subject`'s `style`, 1 as drawn), to see what people's own styles cost the path
and the recall; `size=8` plants 8-degree angle faults instead of 15.
"""
import sys, math, numpy as np
from motionalign.core import rng_for
from motionalign.data.synth import ACTIONS, LIMB_END, LIMB_RAISE, OWN_STYLE, PROFILES, PlantedFault, make_subject, realisable_fault, synth_config, synth_take
from motionalign.data.transforms import keypoint_features, trim
from motionalign.core import true_correspondence
from motionalign.dtw import dtw, path_to_mapping
from motionalign.feedback_alignment import ALIGN_COSTS, style_free_path
from motionalign.feedback import calibrate_feedback, feature_joints, feedback
profile, dims = "cpu", 3
seed = next((int(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("seed=")), 0)  # data seed
cost = next((a.split("=")[1] for a in sys.argv[1:] if a.startswith("cost=")), ALIGN_COSTS[0])  # style_free_path's
ANGLE = dict(l_elbow="left_elbow", r_elbow="right_elbow", l_knee="left_knee", r_knee="right_knee",  # 3-D: plane angles
             l_hip_flex="left_hip_flexion", r_hip_flex="right_hip_flexion", l_abd="left_shoulder_abduction",
             r_abd="right_shoulder_abduction", lean="trunk_forward_lean")
size = next((float(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("size=")), 15.0)  # angle fault, degrees
subject_style = next((float(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("style=")), OWN_STYLE)  # own styles
subjects = [make_subject(f"S{i + 1:02d}", seed, subject_style) for i in range(10)]
calib = next((int(a.split('=')[1]) for a in sys.argv[1:] if a.startswith('calib=')), 3)  # calibration subjects
test_from = next((int(a.split('=')[1]) for a in sys.argv[1:] if a.startswith('test_from=')), 4)  # first test subject
std_s, val, test = subjects[0], subjects[1:1 + calib], subjects[test_from:]
assert 1 + calib <= test_from, 'calibration and test subjects overlap'
fold = next((int(a.split('=')[1]) for a in sys.argv[1:] if a.startswith('fold=')), None)  # choose inside S02-S04
if fold is not None: val, test = [s for k, s in enumerate(subjects[1:4]) if k != fold], [subjects[1 + fold]]
cfg = synth_config(profile, dims=dims, n_subjects=10, subject_style=subject_style)
actions = list(PROFILES[profile].get("actions") or ACTIONS)
standards = {a: trim(synth_take(ACTIONS[a], std_s, 0, cfg)) for a in actions}
def path_of(l, s, how):
    if how == "dtw": return dtw(keypoint_features(l), keypoint_features(s))[1]
    if how == "dtw+style": return style_free_path(l, s, dtw(keypoint_features(l), keypoint_features(s))[1], cost=cost)
    return dtw(l.progress[:, None].astype(float), s.progress[:, None].astype(float))[1]   # the true correspondence
def takes(s, a):
    lo, hi = cfg.takes; return range(rng_for(seed, a, s.name, "takes").integers(lo, hi + 1))
def calibrated_judge(how, style=True):
    "A judge of (learner, standard) on `how`'s path, and its calibration on the validation subjects' correct takes."
    judge = lambda l, s, cal=None: feedback(trim(l), s, path_of(trim(l), s, how), cal, style=style)
    jobs = [(a, s, t) for a in actions for s in val for t in takes(s, a)]
    return judge, calibrate_feedback([judge(synth_take(ACTIONS[a], s, t, cfg), standards[a]) for a, s, t in jobs],
                                     groups=[s.name for _, s, _ in jobs])
def timing_signs(how):
    "Share of planted timing faults (x0.7, x1.3) whose reported duration against the calibration has the right sign."
    judge, cal = calibrated_judge(how)
    right = {0.7: [], 1.3: []}
    for a in actions:
        for s in test:
            p = int(rng_for(seed, "diag-timing", a, s.name).integers(1, len(ACTIONS[a].phases) + 1))
            for factor in right:
                fb = judge(synth_take(ACTIONS[a], s, 0, cfg, fault=PlantedFault("timing", p, factor=factor)), standards[a], cal)
                item = next(x for x in fb.faults if x["kind"] == "timing" and x["phase"] == p)
                right[factor].append(math.log(item["magnitude"] / item["expected"]) * math.log(factor) > 0)
    print(f"timing, {how} path: right sign " + ", ".join(f"x{k} {np.mean(v):.2f}" for k, v in right.items()) + f" n={len(right[0.7])}")
def height_recall(how):
    "Top-1 and top-3 of a limb held 20 degrees too high or low in one phase: its limb end or raising joint named."
    judge, cal = calibrated_judge(how)
    ranks = []
    for a in actions:
        for s in test:
            rng = rng_for(seed, "diag-height", a, s.name)
            limb = str(rng.choice(list(LIMB_RAISE)))
            f = PlantedFault("height", int(rng.integers(1, len(ACTIONS[a].phases) + 1)), limb, float(20 * rng.choice([-1, 1])))
            fb = judge(synth_take(ACTIONS[a], s, 0, cfg, fault=f), standards[a], cal)
            sk = standards[a].skeleton
            parts = {sk.joints[LIMB_END[limb]], feature_joints(sk, dims)[ANGLE[LIMB_RAISE[limb]]]}
            ranks.append(next((k for k, x in enumerate(fb.faults) if x["joint"] in parts and x["phase"] == f.phase), 999))
    ranks = np.array(ranks)
    print(f"height20, {how} path: top-1 {np.mean(ranks < 1):.2f} top-3 {np.mean(ranks < 3):.2f} n={len(ranks)}")
def false_alarms(how):
    "Share of the test subjects' correct takes for which the feedback reports a fault."
    judge, cal = calibrated_judge(how)
    said = [bool(judge(synth_take(ACTIONS[a], s, t, cfg), standards[a], cal).reported)
            for a in actions for s in test for t in takes(s, a)]
    print(f"false alarms, {how} path: {np.mean(said):.3f} ({sum(said)} of {len(said)}), threshold {cal.threshold:.2f}")
for how in [a for a in sys.argv[1:] if '=' not in a]:
    if how.startswith("timing-"): timing_signs(how.removeprefix("timing-")); continue
    if how.startswith("height-"): height_recall(how.removeprefix("height-")); continue
    if how.startswith("alarms-"): false_alarms(how.removeprefix("alarms-")); continue
    judge, cal = calibrated_judge(how.replace("-nostyle", ""), style=not how.endswith("-nostyle"))
    how = how.replace("-nostyle", "")
    top1, top3, wrong, path_error = [], [], {}, []
    for a in actions:
        n = len(ACTIONS[a].phases)
        for s in test:
            rng = rng_for(seed, "diag", a, s.name)
            f = PlantedFault("angle", int(rng.integers(1, n + 1)), str(rng.choice(list(ANGLE))), float(size * rng.choice([-1, 1])))
            f = realisable_fault(f, ACTIONS[a], s, 0, cfg)   # as the experiment: no elbow or knee bent backwards
            learner = trim(synth_take(ACTIONS[a], s, 0, cfg, fault=f))
            fb = judge(learner, standards[a], cal)
            truth = true_correspondence(learner, standards[a])
            path_error.append(np.nanmean(np.abs(path_to_mapping(fb.path, len(learner)) - truth)))
            joint = feature_joints(standards[a].skeleton, dims)[ANGLE[f.param]]   # found when its joint and phase are named
            ranks = [k for k, x in enumerate(fb.faults) if (x["joint"], x["phase"]) == (joint, f.phase)]
            r = ranks[0] if ranks else 999
            top1.append(r < 1); top3.append(r < 3)
            if r >= 1:
                x = fb.faults[0]; key = ("same phase " if x["phase"] == f.phase else ("adjacent phase " if abs(x["phase"] - f.phase) == 1 else "other phase ")) + ("same joint " if x["joint"] == joint else "") + x["kind"]
                wrong[key] = wrong.get(key, 0) + 1
    print(f"{how:9s} {size:g} deg top-1 {np.mean(top1):.2f} top-3 {np.mean(top3):.2f} n={len(top1)}, path {np.mean(path_error):.2f} frames "
          f"from the truth; the top-1 when wrong: {wrong}")

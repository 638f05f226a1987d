"SynthMotion at the `cpu` profile: size, reproducibility, and the splits built on it."
import numpy as np, pytest
from motionalign.core import LeakageError, MotionSet, assert_disjoint, true_correspondence
from motionalign.data.synth import synth_motion


@pytest.fixture(scope="module")
def cpu():
    return synth_motion("cpu", seed=0)


def test_cpu_profile_size(cpu):
    assert len(cpu.subjects) == 10 and len(cpu.actions) >= 24
    per = {(m.subject, m.action) for m in cpu}
    assert len(per) == 10 * len(cpu.actions)
    takes = [len(cpu.select(subject=s, action=a)) for s, a in per]
    assert min(takes) >= 2 and max(takes) <= 3 and len(set(takes)) == 2


def test_same_seed_same_arrays_other_seed_differs(cpu):
    again, other = synth_motion("cpu", seed=0), synth_motion("cpu", seed=1)
    assert cpu.fingerprint() == again.fingerprint()
    assert all(np.array_equal(a.x, b.x) and np.array_equal(a.phase, b.phase) for a, b in zip(cpu, again))
    same_shape = [(a, b) for a, b in zip(cpu, other) if a.key == b.key and a.x.shape == b.x.shape]
    assert all(not np.array_equal(a.x, b.x) for a, b in same_shape)


def test_ground_truth_is_consistent(cpu):
    for m in cpu:
        s, e = m.start, m.end
        assert (np.diff(m.progress) >= 0).all() and m.progress[s] == 0 and m.progress[e] == 1
        assert (m.phase[:s] == 0).all() and (np.diff(m.phase) >= 0).all()
    for action in cpu.actions[:6]:
        a, b = cpu.select(action=action)[:2]
        corr = true_correspondence(a, b)
        assert corr[a.start] == b.start and corr[a.end] == b.end


def test_loso_one_fold_per_subject(cpu):
    folds = list(cpu.loso())
    assert [s for s, _, _ in folds] == cpu.subjects
    for subject, train, test in folds:
        assert test.subjects == [subject] and subject not in train.subjects and len(train) + len(test) == len(cpu)


def test_unseen_split_12_12_and_guard(cpu):
    seen, unseen = cpu.split_unseen(n_unseen=len(cpu.actions) // 2, seed=0)
    assert len(seen.actions) == len(unseen.actions) == len(cpu.actions) // 2 >= 12
    assert not set(seen.actions) & set(unseen.actions)
    with pytest.raises(LeakageError):
        assert_disjoint(seen, MotionSet(list(unseen) + [seen[0]]))
    with pytest.raises(LeakageError, match="subject"):
        _, train, test = next(cpu.loso())
        assert_disjoint(train, MotionSet(list(test) + [train[0]]), by="subject")


def test_cpu_profile_bytes_unchanged_by_planted_faults(cpu):
    "The fault option leaves the default output bit-identical; `full_turns` changed only the actions that turn."
    import hashlib
    from motionalign.data.synth import ACTIONS, full_turns
    def digest(motions):
        h = hashlib.sha256()
        for m in motions:
            for a in (m.x, m.phase, m.progress): h.update(a.tobytes())
            h.update(repr((m.start, m.end, m.meta)).encode())
        return h.hexdigest()[:16]
    assert digest(cpu) == "583139c28d502d5e"   # retaken when the full turns stopped being scaled (stop 43)
    # the actions without a full turn: the digest of the generator before that change
    assert digest([m for m in cpu if not full_turns(ACTIONS[m.action]).any()]) == "d23d90f0ab152002"

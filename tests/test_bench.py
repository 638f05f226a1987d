"The quick DTW benchmark runs, covers every case, prints its table and the compute floor; the lrprop step breakdown adds up (no timing is asserted)."
from motionalign.bench import run_dtw_benchmark
from motionalign.lrprop import lrprop_step_breakdown


def test_quick_benchmark(capsys):
    rows = run_dtw_benchmark(quick=True, seed=1)
    out = capsys.readouterr().out
    assert "peer / ours" in out and "M cells/s" in out and "(b) fastest other method" in out and "(d) vs: tslearn" in out
    assert "(b) compute floor:" in out and "x the floor (target <= 1.5x)" in out and "(d) vs: pysdtw" in out
    assert {r["case"] for r in rows} == set("abcde")
    assert all(r["seconds"] > 0 and r["speedup"] > 0 for r in rows)
    firsts = {}
    for r in rows: firsts.setdefault(r["case"], r)
    assert all(r["method"].startswith("motionalign") and r["speedup"] == 1.0 for r in firsts.values())
    floor = firsts["b"]
    assert 0 < floor["distance_s"] < floor["floor_s"] and floor["dp_s"] > 0 and floor["cells"] > 0
    start = [r for r in rows if r["case"] == "e"]
    assert start[0]["start"] == start[0]["true"] == start[1]["start"]
    for r in rows:
        if "rel. diff" in r["check"] and r["case"] in "ab":
            assert float(r["check"].split("diff ")[1].split()[0]) < 1e-9, r
    d = [r for r in rows if r["case"] == "d"]
    for r in d[1:]:  # every SoftDTW agrees with motionalign's float64 value; pysdtw computes in float32
        assert float(r["check"].split("value ")[1].split(",")[0]) < 1e-5, r


def test_lrprop_step_breakdown(capsys):
    parts = lrprop_step_breakdown("smoke", steps=2)
    assert "lrprop step (smoke profile" in capsys.readouterr().out
    assert parts["step"] > 0 and parts["dtw_paths"] > 0 and parts["soft_dtw"] > 0 and parts["optimiser"] > 0
    assert abs(parts["encoder_and_rest"] + parts["dtw_paths"] + parts["soft_dtw"] + parts["optimiser"] - parts["step"]) < 1e-9

"The quick DTW benchmark runs, covers every case and prints its table (no timing is asserted)."
from motionalign.bench import run_dtw_benchmark


def test_quick_benchmark(capsys):
    rows = run_dtw_benchmark(quick=True, seed=1)
    out = capsys.readouterr().out
    assert "peer / ours" in out and "(b) fastest other method" in out and "(d) vs: tslearn" in out
    assert {r["case"] for r in rows} == set("abcde")
    assert all(r["seconds"] > 0 and r["speedup"] > 0 for r in rows)
    ours = [r for r in rows if r["method"].startswith("motionalign")]
    assert {r["case"] for r in ours} == set("abcde") and all(r["speedup"] == 1.0 for r in ours)
    start = [r for r in rows if r["case"] == "e"]
    assert start[0]["start"] == start[0]["true"] == start[1]["start"]
    for r in rows:
        if "rel. diff" in r["check"] and r["case"] in "ab":
            assert float(r["check"].split("diff ")[1].split()[0]) < 1e-9, r

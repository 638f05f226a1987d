"""The experiments runner killed with SIGKILL at random instants (after a random number of file changes in its output
folder, plus a random delay) while it re-runs a small suite of toy notebooks with new parameters, then resumed: after
every kill each file present is complete and consistent (no half-written executed notebook, records file or run.json,
and no `ok` beside records of another run), no kernel outlives the runner, and the resumed run ends exactly like an
uninterrupted one."""
import json, os, random, shutil, signal, subprocess, sys, time
from pathlib import Path
import nbformat
import pytest
from motionalign.experiments import collect_records, input_fingerprint, run_experiments
from motionalign.metrics import load_records

NAMES = ("alpha", "beta")
KILLS, KILLS_PER_CHAIN = 5, 3       # kill points in all, and at most per chain (each chain starts afresh with its own seed)
# Each notebook writes its records twice (a first half, then all of them: a file that changes mid-run) through the
# library's atomic writer, sleeping between cells so that the runner can be caught in every phase.
CELLS = ["import json, time\nfrom pathlib import Path\nfrom motionalign.core import atomic_write\n"
         "records = lambda n: json.dumps([dict(metric=f'NAME_{i}', value=float(i * seed), method='toy', seed=seed) for i in range(n)])",
         "atomic_write(Path(output_dir) / 'records.json', records(1500))\ntime.sleep(0.2)",
         "atomic_write(Path(output_dir) / 'records.json', records(3000))\ntime.sleep(0.2)",
         "print('done')"]
RUNNER = "import sys\nfrom motionalign.experiments import run_experiments\nrun_experiments('smoke', nb_dir=sys.argv[1], output_dir=sys.argv[2], seed=2)"


def _write_suite(folder: Path) -> Path:
    folder.mkdir()
    for name in NAMES:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("profile = 'smoke'\noutput_dir = '.'\nseed = 0", metadata=dict(tags=["parameters"]))]
        nb.cells += [nbformat.v4.new_code_cell(c.replace("NAME", name)) for c in CELLS]
        nb.metadata["kernelspec"] = dict(name="python3", display_name="Python 3", language="python")
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def _records(path: Path) -> list:
    return [r.to_dict() for r in load_records(path)]


def _snapshot(out: Path) -> dict:
    "Every file below `out` with its size and modification time (to notice the runner's writes)."
    try: return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    except FileNotFoundError: return {}


def _kernels_of(pid: int) -> list:
    "The processes started as Jupyter kernels of the process `pid` (they carry JPY_PARENT_PID)."
    found = []
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"JPY_PARENT_PID={pid}\0".encode() in env.read_bytes(): found.append(int(env.parent.name))
        except OSError: pass
    return found


def _unfinished(out: Path) -> list:
    "The notebooks whose run with the new parameters (seed 2) has not finished."
    return [n for n in NAMES if (json.loads((out / n / "run.json").read_text()).get("status"),
                                  json.loads((out / n / "run.json").read_text())["parameters"]["seed"]) != ("ok", 2)]


def _run_and_kill(root: Path, nbs: Path, out: Path, rng: random.Random) -> bool:
    "Start the runner, SIGKILL it after a random number of file changes below `out` plus a random delay; False if it finished first."
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(nbs), str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"})
    # about a dozen changes per notebook: run.json, the partial notebook after each cell, the records twice, the rename, run.json
    changes, last, deadline = rng.randint(1, 12 * len(_unfinished(out)) + 1), _snapshot(out), time.time() + 120
    while changes > 0 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.003)
        now = _snapshot(out)
        changes -= now != last
        last = now
    time.sleep(rng.uniform(0, 0.25))
    if proc.poll() is not None: return False
    where = sorted(str(p.relative_to(out)) for p in out.rglob(".*"))  # what it was writing when it died
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for _ in range(200):                          # its kernels notice that their parent died (ipykernel polls every second)
        if not _kernels_of(proc.pid): break
        time.sleep(0.05)
    assert not _kernels_of(proc.pid), "a kernel outlived the killed runner"
    print(f"  killed with {_unfinished(out)} unfinished, temporaries {where}")
    return True


def _check_consistent(out: Path, complete: dict):
    "Each file present is complete; an `ok` run.json stands beside its own records and executed notebook; nothing unfinished is reported."
    for path in out.rglob("*"):
        if not path.is_file() or path.name.startswith("."): continue
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            assert nb.metadata["papermill"]["parameters"]["seed"] in (1, 2), path
            assert all(c.execution_count is not None for c in nb.cells if c.cell_type == "code"), f"{path} is not a complete executed notebook"
        elif path.name == "records.json": assert _records(path) in complete[path.parent.name], f"{path} holds records of no complete write"
        elif path.name == "kernel.log": continue  # the kernel's own output, appended as it comes
        else: json.loads(path.read_text())
    reported = []
    for name in NAMES:
        status = json.loads((out / name / "run.json").read_text())
        if status["status"] != "ok": continue
        seed = status["parameters"]["seed"]
        assert _records(out / name / "records.json") == complete[name][-1 if seed == 2 else 0], f"{name}: run.json ok beside other records"
        assert nbformat.read(out / f"{name}.ipynb", as_version=4).metadata["papermill"]["parameters"]["seed"] == seed
        reported += _records(out / name / "records.json")
    assert sorted(json.dumps(r.to_dict()) for r in collect_records(out)) == sorted(json.dumps(r) for r in reported)


@pytest.mark.filterwarnings("ignore:skipped the records")
def test_killed_runner_resumes_to_the_uninterrupted_result(root, tmp_path):
    nbs = _write_suite(tmp_path / "nbs")
    base, whole = tmp_path / "base", tmp_path / "whole"
    run_experiments("smoke", nb_dir=nbs, output_dir=base, seed=1)      # the results of an earlier run with other parameters
    run_experiments("smoke", nb_dir=nbs, output_dir=whole, seed=2)     # what the killed runs must end with
    half = {n: [r for r in _records(whole / n / "records.json")][:1500] for n in NAMES}
    complete = {n: [_records(base / n / "records.json"), half[n], _records(whole / n / "records.json")] for n in NAMES}
    kills, chain = 0, 0
    while kills < KILLS and chain < 6:
        out, rng, in_chain = tmp_path / f"chain{chain}", random.Random(chain), 0
        shutil.copytree(base, out)
        while kills < KILLS and in_chain < KILLS_PER_CHAIN and _run_and_kill(root, nbs, out, rng):
            kills, in_chain = kills + 1, in_chain + 1
            _check_consistent(out, complete)
        done_before = [n for n in NAMES if n not in _unfinished(out)]
        statuses = {r.name: r.status for r in run_experiments("smoke", nb_dir=nbs, output_dir=out, seed=2)}   # the resumed run
        assert all(statuses[n] == "skipped" for n in done_before) and all(s in ("ok", "skipped") for s in statuses.values())
        assert not [p for p in out.rglob(".*")], "temporaries left after the resumed run"
        for name in NAMES:
            run = json.loads((out / name / "run.json").read_text())
            assert run["status"] == "ok" and run["fingerprint"] == input_fingerprint(nbs / f"{name}.ipynb", run["parameters"])
            assert run["parameters"] == {**json.loads((whole / name / "run.json").read_text())["parameters"], "output_dir": str(out / name)}
            assert _records(out / name / "records.json") == _records(whole / name / "records.json")
        _check_consistent(out, complete)
        chain += 1
    print(f"runner killed at {kills} random points over {chain} seeds")
    assert kills >= 5 and chain >= 2

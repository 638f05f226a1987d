import base64, json, os, select, shutil, subprocess, time
from collections import Counter
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD_INPUTS = Counter()  # loader or function -> bad inputs tried in this session

@pytest.fixture(scope="session")
def root() -> Path:
    "The project root (holding settings.ini)."
    return ROOT

@pytest.fixture
def bad_input_tally():
    "Count one bad input tried for a loader or function (summed up at the end of the session)."
    return lambda group: BAD_INPUTS.update([group])

def pytest_sessionfinish(session):
    "On a pytest-xdist worker, hand this worker's bad-input tally to the controller."
    if hasattr(session.config, "workeroutput"): session.config.workeroutput["bad_inputs"] = dict(BAD_INPUTS)

@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    "On the pytest-xdist controller, add a finished worker's bad-input tally."
    BAD_INPUTS.update(getattr(node, "workeroutput", {}).get("bad_inputs", {}))

def pytest_terminal_summary(terminalreporter):
    "Print how many bad inputs were tried per loader and function."
    if not BAD_INPUTS: return
    terminalreporter.section("bad inputs tried per loader and function")
    for group, n in sorted(BAD_INPUTS.items()): terminalreporter.write_line(f"{group:36s} {n:4d}")
    terminalreporter.write_line(f"{'total':36s} {sum(BAD_INPUTS.values()):4d}")


# Headless Chromium for the tests that open pages as a reader would (the site, the coach's feedback report).
@pytest.fixture(scope="session")
def chromium():
    "Debian's headless Chromium, installed with apt-get when missing and we are root."
    exe = shutil.which("chromium")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", "chromium"]
        done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
            done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
        exe = shutil.which("chromium")
        reason = f"apt-get install chromium failed (exit {done.returncode}): {done.stderr[-300:]}"
    else: reason = "not root or no apt-get"
    if exe is None: pytest.skip(f"headless Chromium is not installed and cannot be installed here ({reason})")
    return exe


class Browser:
    "Headless Chromium driven through the DevTools protocol over --remote-debugging-pipe, with no network."
    def __init__(self, exe: str, profile_dir: Path):
        to_chrome, self._w = os.pipe()
        self._r, from_chrome = os.pipe()
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile_dir}", "about:blank"]
        self.proc = subprocess.Popen(["bash", "-c", f'exec "$0" "$@" 3<&{to_chrome} 4>&{from_chrome}', exe, *args],
                                     pass_fds=(to_chrome, from_chrome), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome); os.close(from_chrome)
        self._id, self._buf = 0, b""
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, timeout: float = 60, session: str | None = None, **params) -> dict:
        self._id += 1
        msg = dict(id=self._id, method=method, params=params, **({"sessionId": session} if session else {}))
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        end = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buf:
                ready, _, _ = select.select([self._r], [], [], max(0.0, end - time.monotonic()))
                if not ready: raise TimeoutError(f"Chromium did not answer {method} in {timeout} s")
                chunk = os.read(self._r, 1 << 20)
                if not chunk: raise RuntimeError(f"Chromium closed the pipe during {method}")
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply: raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def js(self, expression: str):
        "Evaluate an expression in the page (awaiting a promise) and return its JSON value."
        out = self.call("Runtime.evaluate", session=self.session, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in out: raise RuntimeError(f"{expression[:80]}: {out['exceptionDetails']}")
        return out["result"].get("value")

    def open(self, path: Path):
        self.call("Network.enable", session=self.session)
        self.call("Network.emulateNetworkConditions", session=self.session, offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)
        self.call("Page.navigate", session=self.session, url=path.resolve().as_uri())
        self.wait_for("document.readyState === 'complete'", 30)

    def wait_for(self, expression: str, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.js(f"!!({expression})"): return True
            time.sleep(0.25)
        return False

    def screenshot(self, path: Path, width: int = 1400, height: int = 1000):
        "A PNG of the page's first screen (what a reader sees first)."
        self.call("Emulation.setDeviceMetricsOverride", session=self.session, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        time.sleep(0.5)
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", session=self.session, format="png")["data"]))
        return path

    def close(self):
        self.proc.kill(); self.proc.wait(); os.close(self._w); os.close(self._r)


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    b = Browser(chromium, tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()

"The README, its two commands, .ci/run and the console script stay consistent."
import configparser, subprocess
from motionalign.book import readme_commands, write_readme


def test_readme_is_generated_from_index(root):
    assert write_readme(root, check=True), "README.md is stale: run `motionalign readme`"


def test_readme_commands_install_pinned_torch_and_run_the_job(root):
    cmds = readme_commands(root / "README.md")
    for cmd in cmds.values():
        assert cmd.startswith('pip install "torch==2.13.0" -e ".[dev]" && '), cmd
    assert "nbdev_test" in cmds["tests"] and "pytest" in cmds["tests"] and "tests/" in cmds["tests"]
    assert "motionalign " in cmds["main"]


def test_ci_runs_the_readme_test_command(root):
    printed = subprocess.run([str(root / ".ci" / "run"), "--print"], capture_output=True, text=True, check=True).stdout.strip()
    assert printed == readme_commands(root / "README.md")["tests"]


def test_settings_keep_nbdev2_and_papermill_tags(root):
    cfg = configparser.ConfigParser(); cfg.read(root / "settings.ini")
    s = cfg["DEFAULT"]
    assert s["allowed_cell_metadata_keys"] == "tags"
    assert "nbdev==2.4" in s["dev_requirements"] and "quarto" not in s["requirements"] + s["dev_requirements"]
    assert "torch>=" in s["requirements"] and "torch==" not in s["requirements"]
    declared = (s["requirements"] + " " + s["dev_requirements"]).split()
    names = [d.split("<")[0].split(">")[0].split("=")[0] for d in declared]
    assert len(names) == len(set(names)), "a dependency is declared twice"


def test_console_script_reports_version(root):
    import motionalign
    exe = subprocess.run(["motionalign", "--version"], capture_output=True, text=True)
    assert exe.returncode == 0 and exe.stdout.strip() == f"motionalign {motionalign.__version__}"

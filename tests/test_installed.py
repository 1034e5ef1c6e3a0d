"""An installed copy exports every format and builds every AI prompt: the wheel carries the fonts,
templates, catalogs and prompt files.

The wheel is built from a copy of the sources (offline, no build isolation) and installed with
--no-deps into a fresh virtual environment; the environment sees the test venv's libraries
through a .pth file that names their directories, but not this checkout (an editable install's
finder lives in a .pth file of its own, which a path line does not run). The export then runs in
an empty folder, so nothing outside the installed package can be read.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from concept.export import FORMATS
from concept.samples import cafe_concept
from concept.transfer import concept_to_json

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "concept", "locales", "prompts")

EXPORT_ALL = """
import json, sys
from pathlib import Path
import concept
from concept.export import FORMATS, export
from concept.transfer import concept_from_json
source = Path(sys.argv[1])
concept_obj = concept_from_json(source.read_bytes(), "fi")
sizes = {}
for lang in ("fi", "en"):
    for fmt in sorted(FORMATS):
        data = export(concept_obj, fmt, lang)
        Path(f"out-{lang}.{FORMATS[fmt].suffix}").write_bytes(data)
        sizes[f"{lang}.{fmt}"] = len(data)
from concept.ai.prompts import PROMPTS_DIR, draft_messages, task_options
messages = draft_messages(concept_obj, "statement", "fi")
prompt = {"dir": str(PROMPTS_DIR), "system": messages[0]["content"],
          "user": messages[1]["content"], "options": task_options("draft")}
print(json.dumps({"package": concept.__file__, "sizes": sizes, "prompt": prompt}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel-build")
    source = work / "src"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "--quiet", "-w", str(out), str(source)],
                   check=True, capture_output=True, text=True)
    (built,) = out.glob("konseptikone-*.whl")
    return built


def test_the_wheel_carries_every_file_an_export_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = {p.name for p in (ROOT / "concept" / "migrations").glob("*.sql")}
    assert migrations and {f"concept/migrations/{n}" for n in migrations} <= names  # team server
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoEmoji-Regular.ttf",
                 "LICENSE-DejaVu.txt", "LICENSE-NotoEmoji.txt"):
        assert f"concept/export/fonts/{font}" in names
    assert "concept/export/templates/document.html.j2" in names
    prompts = {p.name for p in (ROOT / "prompts").iterdir() if p.suffix in (".md", ".toml")}
    assert "system.md" in prompts and "guidance.toml" in prompts
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("concept/prompts/")} >= prompts
    recipes = {p.name for p in (ROOT / "concept" / "recipes").glob("*.toml")}
    assert recipes and {f"concept/recipes/{name}" for name in recipes} <= names
    for lang in ("fi", "en"):
        catalogs = {p.name for p in (ROOT / "locales" / lang).glob("*.toml")}
        assert {n.rsplit("/", 1)[1] for n in names
                if n.startswith(f"concept/locales/{lang}/")} == catalogs


def test_an_installed_wheel_exports_every_format(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False, symlinks=True)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    libraries = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "test-libraries.pth").write_text("\n".join(sorted(libraries)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "cafe.json").write_text(concept_to_json(cafe_concept()), encoding="utf-8")
    (run_dir / "export_all.py").write_text(EXPORT_ALL, encoding="utf-8")
    done = subprocess.run([str(python), "export_all.py", "cafe.json"], cwd=run_dir,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                               "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert Path(result["package"]).is_relative_to(site), result["package"]
    assert set(result["sizes"]) == {f"{lang}.{fmt}" for lang in ("fi", "en") for fmt in FORMATS}
    assert all(size > 200 for size in result["sizes"].values()), result["sizes"]
    pdf = (run_dir / "out-fi.pdf").read_bytes()
    assert b"DejaVu" in pdf  # the embedded font, read from the installed package
    # The AI's prompts come from the installed package too: the system prompt with its Finnish
    # glossary, the task's template around the concept's data, the task's options.
    prompt = result["prompt"]
    assert Path(prompt["dir"]).is_relative_to(site), prompt["dir"]
    system = (ROOT / "prompts" / "system.md").read_text(encoding="utf-8")
    assert prompt["system"].startswith(system.split("$language")[0].strip())
    assert "murhe" in prompt["system"] and "Finnish" in prompt["system"]
    assert cafe_concept().name in prompt["user"] and "<concept_data>" in prompt["user"]
    assert prompt["options"]["max_tokens"] > 0

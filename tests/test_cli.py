"""`python -m concept export …` in a real subprocess: outputs, and clear refusals of bad input."""

import io
import json
import subprocess
import sys
import zipfile

import pytest

from concept.transfer import concept_to_json
from tests.conftest import APP_DIR


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "KONSEPTIKONE_LANG": lang}
    return subprocess.run([sys.executable, "-m", "concept", *args], cwd=APP_DIR, env=env,
                          capture_output=True, timeout=60)


@pytest.fixture
def cafe_file(tmp_path, cafe):
    path = tmp_path / "kahvila.json"
    path.write_text(concept_to_json(cafe), encoding="utf-8")
    return path


def test_exports_docx_in_finnish_to_the_given_file(cafe_file, tmp_path):
    out = tmp_path / "out.docx"
    result = run("export", str(cafe_file), "--format", "docx", "--lang", "fi", "-o", str(out))
    assert result.returncode == 0, result.stderr
    xml = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("word/document.xml").decode()
    assert "Asiakkaat ja asiakasprofiilit" in xml and "Kahvila Kulma" in xml
    assert str(out) in result.stderr.decode()


def test_without_output_the_file_is_named_after_the_concept(cafe_file, tmp_path):
    result = run("export", str(cafe_file), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "Kahvila-Kulma.pdf").read_bytes().startswith(b"%PDF")


def test_dash_writes_markdown_to_standard_output_and_status_can_be_set(cafe_file):
    result = run("export", str(cafe_file), "-f", "md", "-l", "en", "--status", "final",
                 "-o", "-")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert text.startswith("# Kahvila Kulma") and "- **Status:** Final" in text


def test_json_export_of_the_cli_imports_again(cafe_file, tmp_path):
    out = tmp_path / "again.json"
    assert run("export", str(cafe_file), "-f", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(cafe_file.read_text())


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run("export", str(tmp_path / "ei-ole.json"))
    assert result.returncode == 2
    assert "Cannot read" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize("content, expected", [
    (b"{ not json", "not valid JSON"),
    (b'{"name": 5}', "Name"),
    (b"[1, 2]", "not a Konseptikone concept"),
    (b"\xff\xfe\x00binary", "not a text file"),
])
def test_a_bad_concept_file_is_refused_with_the_reason(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run("export", str(path), "-f", "pdf", "-o", str(tmp_path / "x.pdf"))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "is not a usable concept file" in stderr and expected in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "x.pdf").exists()


def test_messages_follow_the_chosen_language(tmp_path):
    result = run("export", str(tmp_path / "ei-ole.json"), "--lang", "fi")
    assert "ei voi lukea" in result.stderr.decode()


def test_an_unknown_format_is_refused_by_the_parser(cafe_file):
    result = run("export", str(cafe_file), "-f", "xls")
    assert result.returncode == 2 and "invalid choice" in result.stderr.decode()


def test_an_unwritable_output_is_a_clear_error(cafe_file, tmp_path):
    result = run("export", str(cafe_file), "-o", str(tmp_path / "no" / "such" / "dir.pdf"))
    assert result.returncode == 3 and "Cannot write" in result.stderr.decode()


def test_a_huge_file_is_refused_after_reading_no_more_than_the_import_limit(tmp_path):
    from concept.transfer import MAX_IMPORT_BYTES

    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB of zero bytes, sparse: nothing written to disk
    # The command run as usual, reporting its own peak memory: VmHWM (KiB) is this process's
    # own high-water mark. Not ru_maxrss, which keeps the pytest parent's peak across fork+exec
    # and so measured the whole test session's memory once the suite had grown.
    code = ("import atexit, runpy, sys\n"
            "def peak():\n"
            "    status = open('/proc/self/status').read()\n"
            "    print('PEAK', status.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
            "atexit.register(peak)\n"
            f"sys.argv = ['concept', 'export', {str(huge)!r}, '--format', 'md']\n"
            "runpy.run_module('concept', run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=APP_DIR, capture_output=True,
                            env={"PATH": "/usr/bin:/bin", "KONSEPTIKONE_LANG": "en"},
                            timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "larger than" in stderr
    peak = int(stderr.rsplit("PEAK", 1)[1].split()[0]) * 1024
    assert peak < MAX_IMPORT_BYTES + (300 << 20)  # never the whole gigabyte

"""Transcript files: captions keep who spoke and drop timing; bad files are refused whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from concept.model import MAX_TRANSCRIPT
from concept.transcripts import (
    MAX_UPLOAD_BYTES,
    TranscriptError,
    parse_captions,
    read_transcript,
)

DATA = Path(__file__).parent / "data"


def _read(name: str) -> str:
    return read_transcript(name, (DATA / name).read_bytes())


def test_teams_vtt_keeps_speakers_and_joins_their_turns() -> None:
    text = _read("teams_interview.vtt")
    assert text.split("\n\n") == [
        "Laura Mäkinen: Kiitos, että ehdit mukaan. Kerrotko ensin, miten aamusi yleensä menee?",
        "Pekka Korhonen: No, herään kuudelta ja yritän ehtiä bussiin. Kahvi jää usein juomatta. "
        "Asemalla on aina jono, ja jos jonotan, myöhästyn junasta.",
        "Laura Mäkinen: Mitä silloin teet?",
        "Pekka Korhonen: Ostan energiajuoman kioskilta. Se ei ole sama asia & harmittaa joka "
        "kerta.",
    ]


def test_zoom_vtt_drops_cue_numbers_timestamps_and_styling() -> None:
    text = _read("zoom_interview.vtt")
    assert "-->" not in text and "00:00" not in text and "<i>" not in text
    assert text.split("\n\n")[1] == ("Sanna Virtanen: Että saan tilata etukäteen sovelluksella. "
                                     "Ja että kuppi on valmiina, kun tulen.")
    assert text.endswith("Sanna Virtanen: Sitten odotan, ja se on ihan ok, jos joku kertoo "
                         "kauanko.")


def test_srt_joins_wrapped_lines() -> None:
    text = _read("interview.srt")
    assert text.split("\n\n")[1] == ("Jari: Kävin lounaan jälkeen. Maksaminen kesti, koska "
                                     "kortinlukija ei toiminut. Onneksi myyjä oli ystävällinen.")
    assert not any(line.strip().isdigit() for line in text.splitlines())


def test_windows_text_file_is_read() -> None:
    assert "jonot ärsyttävät" in _read("notes_cp1252.txt")


def test_utf16_text_file_is_read() -> None:
    assert read_transcript("a.txt", "Hyvää päivää".encode("utf-16")) == "Hyvää päivää"


def test_docx_paragraphs_are_read() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Haastattelija: Miten aamusi menee?")
    document.add_paragraph("Pekka: Kiireessä.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_transcript("h.DOCX", buffer.getvalue()) == (
        "Haastattelija: Miten aamusi menee?\nPekka: Kiireessä.")


@pytest.mark.parametrize(("name", "data", "key"), [
    ("notes.pdf", b"%PDF-1.7", "interviews.file.wrong_type"),
    ("notes", b"text", "interviews.file.wrong_type"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "interviews.file.unreadable"),
    ("binary.txt", b"\x00\x01\x02\x03ELF", "interviews.file.encoding"),
    ("captions.vtt", b"00:00:01.000 --> 00:00:02.000\nhei", "interviews.file.not_captions"),
    ("empty.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n", "interviews.file.not_captions"),
    ("blank.txt", b"   \n", "interviews.file.empty"),
])
def test_bad_files_are_refused_with_a_reason(name: str, data: bytes, key: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript(name, data)
    assert caught.value.key == key


def test_too_large_file_is_refused_before_reading() -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    assert caught.value.key == "interviews.file.too_large"


def test_text_longer_than_a_transcript_may_be_is_refused() -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript("long.txt", b"sana " * (MAX_TRANSCRIPT // 5 + 10))
    assert caught.value.key == "interviews.file.too_long"


def test_cue_without_speaker_keeps_the_previous_speaker() -> None:
    captions = ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna>Hei.\n\n"
                "00:02.500 --> 00:03.000\njatkan vielä\n")
    assert parse_captions(captions) == "Anna: Hei. jatkan vielä"

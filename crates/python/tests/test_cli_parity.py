"""The package and the `abridge` command give the same sentences.

Both detect each sample's format (plain text, a transcript, text from a
PDF, an e-mail thread) from its content, and read it the same way.
"""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest

import abridge
from conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def test_there_are_samples() -> None:
    assert len(SAMPLE_FILES) >= 5


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("flags, kwargs", [([], {}), (["-n", "1", "--scorer", "textrank"], {"sentences": 1, "scorer": "textrank"}), (["--words", "40"], {"words": 40})])
def test_summarize_matches_the_cli(abridge_bin: pathlib.Path, path: pathlib.Path, flags: list, kwargs: dict) -> None:
    cli = subprocess.run(
        [str(abridge_bin), "summarize", str(path), "--format", "json", *flags],
        capture_output=True, check=True, text=True,
    )
    expected = json.loads(cli.stdout)
    summary = abridge.Summarizer(**kwargs).summarize(path.read_text(encoding="utf-8"))
    assert summary.texts == [s["text"] for s in expected["sentences"]]
    assert [(e.byte_start, e.byte_end) for e in summary.sentences] == [
        (s["start"], s["end"]) for s in expected["sentences"]
    ]
    assert summary.language == expected["language"]
    assert summary.format == expected["format"]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_sentences_match_the_cli(abridge_bin: pathlib.Path, path: pathlib.Path) -> None:
    cli = subprocess.run(
        [str(abridge_bin), "sentences", str(path), "--input-format", "text", "--format", "json"],
        capture_output=True, check=True, text=True,
    )
    expected = json.loads(cli.stdout)["sentences"]
    units = abridge.sentences(path.read_text(encoding="utf-8"))
    assert [(u.text, u.kind, u.paragraph) for u in units] == [
        (s["text"], s["kind"], s["paragraph"]) for s in expected
    ]


# Plain prose, which `abridge batch` reads as plain text whatever its
# detection of formats (it finds transcripts in some other samples).
PLAIN_SAMPLES = ["harbour.txt", "minutes.txt", "port-fr.txt", "typhoon-zh.txt", "wrapped-email.txt"]


def test_batch_matches_the_cli(abridge_bin: pathlib.Path, tmp_path: pathlib.Path) -> None:
    for name in PLAIN_SAMPLES:
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    cli = subprocess.run(
        [str(abridge_bin), "batch", str(tmp_path), "-n", "2", "-q"],
        capture_output=True, check=True, text=True,
    )
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert [record["id"] for record in expected] == PLAIN_SAMPLES
    texts = [(tmp_path / record["id"]).read_text(encoding="utf-8") for record in expected]
    results = abridge.Summarizer(sentences=2).summarize_batch(texts)
    assert [r.texts for r in results] == [record["sentences"] for record in expected]  # type: ignore[union-attr]

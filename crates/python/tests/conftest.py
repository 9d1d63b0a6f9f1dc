"""Shared texts and fixtures. Every text here was written for these tests."""

from __future__ import annotations

import os
import pathlib
from typing import List

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
SAMPLES = REPO / "corpora" / "samples"

HARBOUR = (
    "The Kelby harbour closed to all shipping on Tuesday after a winter storm broke the sea wall. "
    "Divers found a breach of forty metres in the wall near the north pier. "
    "Two fishing boats sank at their moorings during the night. "
    "Repairs to the harbour wall will take at least a week, the harbour master said. "
    "The ferry to the islands will sail from the old quay until the harbour opens again."
)

# Non-ASCII before and inside the sentences, so byte and string offsets differ.
CAFE = (
    "Le café « Ça Bouge » a rouvert ses portes lundi après six mois de travaux à Nîmes. "
    "Les habitués ont retrouvé la terrasse, élargie de deux mètres, et un menu plus court. "
    "Le propriétaire espère accueillir des concerts dès l'été prochain. "
    "La mairie a financé une partie des travaux de façade."
)

EMOJI = (
    "Große Neuigkeiten für die Stadtbibliothek 📚: Sie öffnet ab März auch sonntags. "
    "Die Verlängerung der Öffnungszeiten wurde vom Stadtrat einstimmig beschlossen. "
    "Für die zusätzlichen Stunden werden drei neue Stellen geschaffen 🎉."
)


def numbered_texts(n: int) -> List[str]:
    """`n` distinct short articles."""
    return [
        f"Report {i}: the council of town {i} approved a budget of {i} thousand for its roads. "
        f"Work on the bridge of town {i} starts in spring and lasts {i % 7 + 1} months. "
        f"Residents of town {i} asked for a new bus line to the station."
        for i in range(n)
    ]


@pytest.fixture(scope="session")
def abridge_bin() -> pathlib.Path:
    """The `abridge` binary `cargo xtask python` built (ABRIDGE_BIN)."""
    path = os.environ.get("ABRIDGE_BIN")
    if not path:
        pytest.skip("ABRIDGE_BIN is not set (cargo xtask python sets it)")
    return pathlib.Path(path)

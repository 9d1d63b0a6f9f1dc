"""Summarise a JSONL corpus with dask.bag and the Python package.

    python examples/dask/summarize_corpus.py --input 'shards/*.jsonl' --output out/ -n 3

The corpus is read as a bag of lines, one partition per file; each
partition goes through `Summarizer.summarize_batch`, and each output file
holds one JSON line per input line: the summary (`sentences`, `spans` as
UTF-8 byte offsets, as `abridge batch` gives them) or `error`, with the
other fields passed through. It runs on the threads scheduler: the package
releases the GIL while it summarises, so the threads work in parallel and
nothing is pickled.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Dict, List, Optional

import dask
import dask.bag as db

import abridge


def summarize_lines(lines: List[str], sentences: int) -> List[str]:
    records: List[Optional[Dict[str, Any]]] = []
    for line in lines:
        try:
            record = json.loads(line)
            records.append(record if isinstance(record, dict) else None)
        except ValueError:
            records.append(None)
    texts = [record.get("text") if record else None for record in records]
    langs = [record.get("lang") if record else None for record in records]
    langs = [lang if isinstance(lang, str) else None for lang in langs]
    results = abridge.Summarizer(sentences=sentences).summarize_batch(texts, langs=langs)
    out = []
    for record, result in zip(records, results):
        row: Dict[str, Any] = {"id": record.get("id") if record else None}
        if isinstance(result, abridge.Summary):
            row["sentences"] = result.texts
            row["spans"] = [{"start": e.byte_start, "end": e.byte_end} for e in result.sentences]
        else:
            if record is None:
                row["error"] = "malformed JSON"
            elif "text" not in record:
                row["error"] = "no `text` field"
            else:
                row["error"] = str(result)
        for key, value in (record or {}).items():
            if key not in ("id", "text", "sentences", "spans", "error", "line"):
                row[key] = value
        out.append(json.dumps(row, ensure_ascii=False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="a glob of JSONL files")
    parser.add_argument("--output", required=True, help="folder for the output files")
    parser.add_argument("-n", "--sentences", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    lines = db.read_text(args.input).filter(lambda line: line.strip() != "")
    summaries = lines.map_partitions(summarize_lines, args.sentences)
    with dask.config.set(scheduler="threads", num_workers=args.workers):
        summaries.to_textfiles(f"{args.output}/*.jsonl")


if __name__ == "__main__":
    main()

"""The runs behind `cargo xtask python figures`.

    figures.py batch THREADS < corpus.jsonl    summarize_batch, JSONL out
    figures.py single < corpus.jsonl           Summarizer.summarize per record
    figures.py stream N < corpus.jsonl         iter_batch over an N-item generator
    figures.py parity ABRIDGE corpus.jsonl     every record against `abridge batch`

The first three write one JSON line per record, as `abridge batch` does, so
the task can count records and errors; `parity` prints a JSON report.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any, Dict, Iterator, List, Optional, Tuple

import abridge


def read(lines: Any) -> Tuple[List[str], List[object], List[Optional[str]]]:
    ids: List[str] = []
    texts: List[object] = []
    langs: List[Optional[str]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = json.loads(line)
        ids.append(str(record.get("id", f"<stdin>:{number}")))
        texts.append(record.get("text"))
        langs.append(record.get("lang"))
    return ids, texts, langs


def record(id_: str, result: object) -> Dict[str, Any]:
    if isinstance(result, abridge.Summary):
        return {
            "id": id_,
            "sentences": result.texts,
            "spans": [{"start": e.byte_start, "end": e.byte_end} for e in result.sentences],
        }
    return {"id": id_, "error": str(result)}


def write(ids: List[str], results: Any) -> None:
    out = sys.stdout
    for id_, result in zip(ids, results):
        out.write(json.dumps(record(id_, result), ensure_ascii=False))
        out.write("\n")


def report_call(started: float) -> None:
    """Prints the processor time (every thread of the process) spent since
    `started` on standard error, for the task to read beside the whole
    process's figures."""
    sys.stderr.write(f"call_cpu_seconds {time.process_time() - started:.4f}\n")


def batch(threads: int) -> None:
    ids, texts, langs = read(sys.stdin)
    started = time.process_time()
    results = abridge.Summarizer().summarize_batch(texts, langs=langs, threads=threads)
    report_call(started)
    write(ids, results)


def single() -> None:
    ids, texts, langs = read(sys.stdin)
    started = time.process_time()
    summarizer = abridge.Summarizer()
    results: List[object] = []
    for text, lang in zip(texts, langs):
        try:
            results.append(summarizer.summarize(text, lang=lang))  # type: ignore[arg-type]
        except ValueError as error:
            results.append(error)
    report_call(started)
    write(ids, results)


def stream(n: int) -> None:
    # Only the texts' lines are kept, never the results: memory should stay
    # flat however long the stream.
    lines = sys.stdin.readlines()

    def texts() -> Iterator[str]:
        for i in range(n):
            yield json.loads(lines[i % len(lines)])["text"]

    out = sys.stdout
    for i, result in enumerate(abridge.Summarizer().iter_batch(texts())):
        out.write(json.dumps(record(str(i), result)))
        out.write("\n")


def parity(binary: str, corpus: str) -> None:
    with open(corpus, encoding="utf-8") as file:
        ids, texts, langs = read(file)
    cli = subprocess.run([binary, "batch", corpus, "-q"], capture_output=True, text=True)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    ours = [record(id_, r) for id_, r in zip(ids, abridge.Summarizer().summarize_batch(texts, langs=langs))]
    same = sum(
        1
        for mine, theirs in zip(ours, expected)
        if mine["id"] == str(theirs["id"])
        and mine.get("sentences") == theirs.get("sentences")
        and mine.get("spans") == theirs.get("spans")
        and mine.get("error") == theirs.get("error")
    )
    json.dump({"records": len(ours), "cli_records": len(expected), "identical": same}, sys.stdout)
    sys.stdout.write("\n")


def main() -> None:
    mode, *rest = sys.argv[1:]
    if mode == "batch":
        batch(int(rest[0]))
    elif mode == "single":
        single()
    elif mode == "stream":
        stream(int(rest[0]))
    elif mode == "parity":
        parity(rest[0], rest[1])
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()

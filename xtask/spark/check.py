"""The check behind `cargo xtask spark`.

    check.py --abridge BIN --corpus cnndm_test.jsonl --work DIR --repo ROOT

Splits the corpus into 8 shards plus one of bad records, runs `abridge
batch` on them locally (the reference), then the three examples (Spark
`pipe`, Spark `mapInPandas`, Dask) in local mode, and checks that each gives
exactly one output record per input record, equal to the reference by `id`:
sentences, spans and passed-through fields; error records for the bad ones
(with the command line's own message through `pipe`). Prints a JSON report
of counts and timings on standard output; exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
from typing import Any, Dict, List, Tuple

SHARDS = 8

# Written for this check: a good record, then every kind of bad one.
BAD_SHARD = [
    json.dumps({"id": "bad-good", "text": "Le port de Kerlan a rouvert mardi après la tempête. "
                "Les pêcheurs sont revenus à quai dès l'aube. La digue sera réparée cet été.",
                "lang": "fr", "source": "ours"}, ensure_ascii=False),
    '{"id": "bad-broken", "text": "this line never ends',
    json.dumps({"id": "bad-no-text", "title": "A record without its text"}),
    json.dumps({"id": "bad-empty", "text": ""}),
    "not json at all",
    json.dumps({"id": "bad-only-emoji", "text": "🎉 🎉 !!!"}),
]


def split(corpus: str, shards_dir: str) -> int:
    shutil.rmtree(shards_dir, ignore_errors=True)
    os.makedirs(shards_dir)
    with open(corpus, encoding="utf-8") as file:
        lines = [line for line in file if line.strip()]
    size = -(-len(lines) // SHARDS)
    for shard in range(SHARDS):
        with open(os.path.join(shards_dir, f"part-{shard}.jsonl"), "w", encoding="utf-8") as out:
            out.writelines(lines[shard * size : (shard + 1) * size])
    with open(os.path.join(shards_dir, f"part-{SHARDS}.jsonl"), "w", encoding="utf-8") as out:
        out.write("\n".join(BAD_SHARD) + "\n")
    return len(lines) + len(BAD_SHARD)


def read_records(pattern: str) -> List[Dict[str, Any]]:
    records = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as file:
            records.extend(json.loads(line) for line in file if line.strip())
    return records


def compare(name: str, got: List[Dict[str, Any]], reference: List[Dict[str, Any]],
            n_in: int, exact_errors: bool) -> Dict[str, Any]:
    """Checks `got` against the reference; returns counts, or exits."""
    problems: List[str] = []
    if len(got) != n_in:
        problems.append(f"{len(got)} records out for {n_in} in")
    # A record without an id of its own is named SOURCE:LINE, which differs
    # between a local run, a partition and an engine's own reader.
    anonymous_reference = [r for r in reference if "line" in r and str(r["id"]).endswith(f":{r['line']}")]
    by_id = {str(r["id"]): r for r in reference if r not in anonymous_reference}
    with_id = [r for r in got if r.get("id") is not None and str(r["id"]) in by_id]
    anonymous = [r for r in got if r.get("id") is None or str(r["id"]) not in by_id]
    if len({str(r["id"]) for r in with_id}) != len(with_id):
        problems.append("an id came out twice")
    for record in with_id:
        expected = dict(by_id[str(record["id"])])
        actual = dict(record)
        expected.pop("line", None)
        actual.pop("line", None)
        if "error" in expected:
            if "error" not in actual or (exact_errors and actual["error"] != expected["error"]):
                problems.append(f"{record['id']}: expected the error {expected['error']!r}, got {actual}")
            expected.pop("error")
            actual.pop("error", None)
        if actual != expected:
            problems.append(f"{record['id']}: {actual} != {expected}")
    n_anonymous = len(anonymous_reference)
    if len(anonymous) != n_anonymous or not all("error" in r for r in anonymous):
        problems.append(f"{len(anonymous)} records without a known id (expected {n_anonymous} errors)")
    if problems:
        print(f"{name}: {len(problems)} differences, the first: {problems[:3]}", file=sys.stderr)
        sys.exit(1)
    errors = sum(1 for r in got if "error" in r)
    print(f"{name}: {len(got)} records, {errors} errors, identical to abridge batch", file=sys.stderr)
    return {"records": len(got), "errors": errors}


def run(command: List[str], **kwargs: Any) -> Tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(f"{command} failed ({result.returncode}):\n{result.stderr[-4000:]}", file=sys.stderr)
        sys.exit(1)
    # Spark's driver may write the example's messages to either stream.
    return seconds, result.stdout + result.stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--abridge", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    bin_dir = os.path.dirname(sys.executable)
    shards = os.path.join(args.work, "shards")
    n_in = split(args.corpus, shards)
    inputs = sorted(glob.glob(os.path.join(shards, "*.jsonl")))

    # The reference: abridge batch on the same shards, on this machine.
    cli = subprocess.run([args.abridge, "batch", *inputs, "-q", "-n", "3"],
                         capture_output=True, text=True)
    reference = [json.loads(line) for line in cli.stdout.splitlines()]
    if cli.returncode != 1 or len(reference) != n_in:
        sys.exit(f"abridge batch gave {len(reference)} records and exit {cli.returncode}")
    cli_seconds = min(run([args.abridge, "batch", *inputs, "-q", "-n", "3", "--record-errors-ok",
                           "-o", os.path.join(args.work, "cli.jsonl")])[0] for _ in range(3))
    report: Dict[str, Any] = {"records_in": n_in, "cli_seconds": cli_seconds,
                              "cli_errors": sum(1 for r in reference if "error" in r)}

    out = os.path.join(args.work, "out")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    submit = [os.path.join(bin_dir, "spark-submit"), "--master", "local[2]",
              "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2"]
    # spark-submit finds PySpark through the `python3` on PATH: this one.
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))

    seconds, stderr = run(submit + [os.path.join(args.repo, "examples/spark/summarize_corpus.py"),
                                    "--abridge", args.abridge, "--input", shards,
                                    "--output", os.path.join(out, "pipe"), "-n", "3", "--runs", "3"],
                          env=env)
    runs = [float(m) for m in re.findall(r"abridge-pipe: run \d+: ([\d.]+) s", stderr)]
    session = re.search(r"abridge-pipe: session started in ([\d.]+) s", stderr)
    if len(runs) != 3:
        sys.exit(f"the pipe example reported {len(runs)} runs of 3:\n{stderr[-4000:]}")
    report["pipe"] = compare("spark pipe", read_records(os.path.join(out, "pipe", "part-*")),
                             reference, n_in, exact_errors=True)
    report["pipe"].update(submit_seconds=seconds, first_job_seconds=runs[0],
                          warm_job_seconds=min(runs[1:]),
                          session_seconds=float(session.group(1)) if session else None)

    seconds, _ = run(submit + [os.path.join(args.repo, "examples/spark/summarize_corpus_pandas.py"),
                               "--input", shards, "--output", os.path.join(out, "pandas"), "-n", "3"],
                     env=env)
    got = read_records(os.path.join(out, "pandas", "part-*.json"))
    for record in got:
        record.pop("_corrupt_record", None)
    report["mapInPandas"] = compare("spark mapInPandas", got, reference, n_in, exact_errors=False)
    report["mapInPandas"]["submit_seconds"] = seconds

    seconds, _ = run([sys.executable, os.path.join(args.repo, "examples/dask/summarize_corpus.py"),
                      "--input", os.path.join(shards, "*.jsonl"), "--output", os.path.join(out, "dask"),
                      "-n", "3"])
    report["dask"] = compare("dask", read_records(os.path.join(out, "dask", "*.jsonl")),
                             reference, n_in, exact_errors=False)
    report["dask"]["seconds"] = seconds
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

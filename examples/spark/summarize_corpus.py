"""Summarise a JSONL corpus with Spark, through `abridge batch` and RDD.pipe.

    spark-submit --master local[2] examples/spark/summarize_corpus.py \\
        --abridge "$PWD/target/release/abridge" --input shards/ --output out/ -n 3

Each input file is one partition or more of JSONL records (`id`, `text`,
optionally `lang` and any other fields); each output part file holds one
JSON line per input line, in the same order: the summary (`sentences`,
`spans`) or an error record, with the other fields passed through.

`--abridge` must be an absolute path, or a path relative to the task's
working directory (`./abridge` after `spark-submit --files
target/release/abridge` on YARN or Kubernetes): `pipe` runs the command with
an empty environment, so there is no PATH to find it by name. See
docs/engines.md.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time

from pyspark.sql import SparkSession


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abridge", required=True, help="path of the abridge binary on the executors")
    parser.add_argument("--input", required=True, help="JSONL files or a folder of them")
    parser.add_argument("--output", required=True, help="folder for the JSONL part files")
    parser.add_argument("-n", "--sentences", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1, help="run the job this many times (timings)")
    args = parser.parse_args()

    started = time.perf_counter()
    spark = SparkSession.builder.appName("abridge-pipe").getOrCreate()
    session_seconds = time.perf_counter() - started

    command = shlex.join(
        [args.abridge, "batch", "-", "-q", "--record-errors-ok", "-n", str(args.sentences)]
    )
    for run in range(args.runs):
        started = time.perf_counter()
        lines = spark.sparkContext.textFile(args.input)
        # checkCode=True: with --record-errors-ok the exit code is non-zero
        # only when the task itself went wrong, and then the task fails.
        summaries = lines.pipe(command, checkCode=True)
        output = args.output if run == args.runs - 1 else f"{args.output}.run{run}"
        summaries.saveAsTextFile(output)
        print(
            f"abridge-pipe: run {run + 1}: {time.perf_counter() - started:.2f} s",
            file=sys.stderr,
        )
    print(f"abridge-pipe: session started in {session_seconds:.2f} s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()

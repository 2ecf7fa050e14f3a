"""Benchmark: time `import_schedule` on the 200-talk fixture, twice.

    .venv/bin/python bench/import_schedule.py [--runs 3] [--keep]

The fixture (conference/schedule/tests/fixtures/big.json, made by make_big.py there) has
3 days × 6 rooms × 200 talks, overlapping slots, a talk after midnight and a change of
UTC offset. Each run uses a fresh SQLite database in a temporary folder (migrated first, not
timed), imports the file with --publish (timed: everything created), then again (timed: must
change nothing, which the script checks). Target: the first import under 20 s on a 2-core machine.
"""

import argparse
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import ROOT, temporary_site  # noqa: E402

FIXTURE = ROOT / "conference" / "schedule" / "tests" / "fixtures" / "big.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (database).")
    args = parser.parse_args()

    with temporary_site("bench-import-schedule-", keep=args.keep) as folder:
        run(folder, args)


def run(folder, args):
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    template = (folder / "bench.sqlite3").read_bytes()
    firsts, seconds = [], []
    for run in range(args.runs):
        connection.close()
        (folder / "bench.sqlite3").write_bytes(template)  # a freshly migrated database for each run
        for label, times in (("first", firsts), ("second", seconds)):
            out = StringIO()
            started = time.perf_counter()
            call_command("import_schedule", str(FIXTURE), "--publish", stdout=out)
            times.append(time.perf_counter() - started)
            summary = out.getvalue().strip().splitlines()[-1]
            if label == "second" and "0 created, 0 updated, 0 moved, 200 unchanged" not in summary:
                sys.exit(f"the second import changed something: {summary}")
            print(f"run {run + 1}, {label} import: {times[-1]:.1f} s — {summary.split(': ', 1)[-1]}")
    first, second = statistics.median(firsts), statistics.median(seconds)
    print(f"median of {args.runs}: first import {first:.1f} s, second {second:.1f} s")


if __name__ == "__main__":
    main()

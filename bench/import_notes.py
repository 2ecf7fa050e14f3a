"""Benchmark: generate a notes file of 1,000 talks and time `import_notes` on it.

Each talk has a paragraph, a quote, a heading, a table, code, and a list whose
items are rich (formatting, links, a bare URL, a numbered sub-list under a
bulleted item, code and a quote inside an item).

    .venv/bin/python bench/import_notes.py [--talks 1000] [--keep]

It runs against a fresh SQLite database in a temporary folder (migrated
first, not timed), imports the notes with --publish (timed), then imports
them again (timed: everything unchanged). Target: the first import of 1,000
talks in under 60 s on a 2-core machine.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import temporary_site  # noqa: E402

TALK = """
## Talk {n}: on the subject of number {n}
speakers: Speaker {speaker_a}, Speaker {speaker_b}
time: {hour:02d}:00–{hour:02d}:45
room: Room {room}
tags: bench, topic-{topic}
summary: A generated talk for the benchmark, number {n}.

A paragraph with **bold**, *italic*, `code` and [a link](https://example.org/{n}).

> A quote from the talk, number {n}.
> — Speaker {speaker_a}

### What was said

- A point with **bold**, `code` and [a link](https://example.org/{n}/point)
  1. A numbered sub-point, see https://example.org/{n}
     - A sub-sub-point with *emphasis*
- Another point, with a block under it:

  ```python
  print({n})
  ```

  > A quote inside the item.

```python
def talk_{n}():
    return {n}
```

Table: Numbers of talk {n}

| Name | Value |
| --- | --- |
| n | {n} |
| square | {square} |
"""


def generate(folder: Path, talks: int, days: int = 5) -> Path:
    from PIL import Image

    Image.new("RGB", (200, 100), (11, 87, 164)).save(folder / "figure.png")
    lines = ["---", "name: Benchmark Con", "dates: 2030-01-01 to 2030-01-05", "location: Nowhere", "---"]
    per_day = -(-talks // days)
    for n in range(talks):
        if n % per_day == 0:
            lines += ["", f"# Day {n // per_day + 1}", f"date: 2030-01-0{n // per_day + 1}"]
        lines.append(
            TALK.format(
                n=n, speaker_a=n % 97, speaker_b=(n + 1) % 97, hour=8 + n % 10, room=n % 5, topic=n % 20, square=n * n
            )
        )
        if n % 10 == 0:
            lines.append(f"![A blue rectangle, figure of talk {n}](figure.png)\ncaption: Figure {n}\n")
    path = folder / "bench-notes.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talks", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (database, notes).")
    args = parser.parse_args()

    with temporary_site("bench-import-notes-", keep=args.keep) as folder:
        run(folder, args)


def run(folder, args):
    from django.core.management import call_command

    notes = generate(folder, args.talks)
    print(f"{notes}: {args.talks} talks, {notes.stat().st_size // 1024} KiB")

    for label in ("first import (everything created)", "second import (everything unchanged)"):
        started, cpu = time.perf_counter(), time.process_time()
        call_command("import_notes", str(notes), "--publish", verbosity=0)
        print(f"{label}: {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s of CPU)")


if __name__ == "__main__":
    main()

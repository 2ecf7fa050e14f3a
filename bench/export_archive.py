"""Benchmark: time `export_archive --zip` on a 200-talk event.

    .venv/bin/python bench/export_archive.py [--talks 200] [--keep]

The event is the one bench/import_notes.py generates (every talk with a paragraph, a quote, a
table, code, a rich list; a figure every tenth talk; 97 speakers, 20 topics, five days),
imported into a fresh SQLite database in a temporary folder (not timed). Then the archive is
exported twice, as a ZIP (timed: rendering every page through Django, the Pagefind index,
zipping), and as a folder with --base-url. Target: under 60 s on a 2-core machine.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import temporary_site  # noqa: E402
from import_notes import generate  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talks", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (database, archive).")
    args = parser.parse_args()

    with temporary_site("bench-export-archive-", keep=args.keep) as folder:
        run(folder, args)


def run(folder, args):
    from django.core.management import call_command

    from conference.models import EventPage

    call_command("import_notes", str(generate(folder, args.talks)), "--publish", verbosity=0)
    event = EventPage.objects.get()
    print(f"{event.title}: {args.talks} talks")

    runs = {
        "export_archive --zip": ["--zip"],
        "export_archive --base-url (folder)": ["--base-url", "https://archive.example.org/bench/"],
    }
    for label, options in runs.items():
        started, cpu = time.perf_counter(), time.process_time()
        call_command("export_archive", event.slug, "-o", str(folder / "archive"), *options)
        print(
            f"{label}: {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s of CPU in this process)"
        )


if __name__ == "__main__":
    main()

"""Run clausekit extraction as tasks on Dask, then load the records with `clausekit ingest --records`.

Extraction is a pure function from a file to a JSON record (``clausekit.records.write_record``),
so it needs no cluster code of its own: each file is one task, each worker process builds the
spaCy pipeline once and reuses it, and records whose file and extraction method are unchanged
are skipped. Point ``--scheduler`` at an existing Dask cluster to spread the work over machines;
without it a local cluster with ``--workers`` processes is started.

    python examples/dask_extract.py --out records/ corpus/ ../shared/corpus/cuad-dev
    clausekit ingest --records records/
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def extract_task(path: str, out_dir: str, force: bool = False) -> tuple[str, str, str | None]:
    """One task: (path, "written" | "current" | "failed", error line or None)."""
    from clausekit.errors import ClausekitError
    from clausekit.records import write_record

    try:
        written = write_record(path, out_dir, force=force)
    except ClausekitError as e:
        return path, "failed", str(e)
    return path, "written" if written else "current", None


def run(paths: list[str], out_dir: str, *, workers: int = 2, scheduler: str | None = None,
        force: bool = False) -> list[tuple[str, str, str | None]]:
    from dask.distributed import Client, LocalCluster

    from clausekit.commands.extract import iter_files

    files = [str(f) for f in iter_files(tuple(paths))]
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        futures = client.map(extract_task, files, out_dir=out_dir, force=force, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler (tcp://host:8786)")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    results = run(a.paths, a.out, workers=a.workers, scheduler=a.scheduler, force=a.force)
    for path, status, error in results:
        if error:
            print(f"clausekit: error: {error}", file=sys.stderr)
    counts = {s: sum(1 for _, st, _ in results if st == s) for s in ("written", "current", "failed")}
    print(f"{len(results)} files: {counts['written']} written, {counts['current']} current, "
          f"{counts['failed']} failed -> {Path(a.out)}", file=sys.stderr)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

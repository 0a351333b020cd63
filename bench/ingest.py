"""`clausekit ingest --workers N`: wall time with 1 and 2 (or more) workers on the same folders.

    python bench/ingest.py                                  # cuad-dev + mergers-dev, 1 and 2 workers
    python bench/ingest.py --workers 1 2 --runs 3 ../shared/corpus/cuad-dev

Every run ingests into a fresh database (so nothing is skipped as unchanged); the baseline is
the 1-worker run of the same folders in the same invocation, and a control (a pure-CPU job with
1 and N processes) shows how much parallelism the machine offers at that moment. Prints medians, the speed-up
ratio, words per second and the peak resident memory of the largest process (a worker or the
parent; from getrusage of the finished children).
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
EXTS = {".txt", ".md", ".htm", ".html", ".pdf", ".docx"}


def words(folders: list[Path]) -> int:
    n = 0
    for folder in folders:
        for f in folder.rglob("*"):
            if f.suffix.lower() in {".txt", ".md", ".htm", ".html"}:
                n += len(f.read_text(encoding="utf-8", errors="replace").split())
    return n


def run_once(folders: list[Path], workers: int) -> tuple[float, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "clausekit", "ingest", "--db", str(db), "--workers",
                               str(workers), *map(str, folders)], cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr)
        return elapsed, peak, proc.stdout.strip().splitlines()[-1]


def _busy(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def machine_parallelism(workers: int, n: int = 10_000_000) -> float:
    """Speed-up of a pure-CPU job with ``workers`` processes over 1: what this machine can give
    right now (on a loaded machine it is well under the core count), the ceiling for ingest."""
    import multiprocessing as mp

    def timed(procs: int) -> float:
        t = time.perf_counter()
        with mp.get_context("fork").Pool(procs) as pool:
            pool.map(_busy, [n] * (2 * workers))
        return time.perf_counter() - t

    return timed(1) / timed(workers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    folders = args.folders or [SHARED / "cuad-dev", SHARED / "mergers-dev"]
    n_words = words(folders)
    files = sum(1 for folder in folders for f in folder.rglob("*") if f.suffix.lower() in EXTS)
    print(f"{files} files, {n_words:,} words (text formats) in {', '.join(map(str, folders))}")
    print(f"{'workers':>7} {'median s':>9} {'runs':>20} {'speed-up':>9} {'words/s':>9} {'peak MB':>8}  summary")
    base = None
    print(f"control: a pure-CPU job runs {machine_parallelism(max(args.workers)):.2f}x faster with "
          f"{max(args.workers)} processes than with 1 on this machine right now")
    for w in args.workers:
        results = [run_once(folders, w) for _ in range(args.runs)]
        times = [r[0] for r in results]
        med = statistics.median(times)
        base = base or med
        print(f"{w:>7} {med:>9.1f} {' '.join(f'{t:.1f}' for t in times):>20} {base / med:>8.2f}x "
              f"{n_words / med:>9,.0f} {max(r[1] for r in results):>8.0f}  {results[-1][2]}")


if __name__ == "__main__":
    main()

"""`clausekit ingest --workers N`: wall time with 1 and 2 (or more) workers on the same folders.

    python bench/ingest.py                                  # cuad-dev + mergers-dev, 1 and 2 workers
    python bench/ingest.py --workers 1 2 --runs 3 ../shared/corpus/cuad-dev

Every run ingests into a fresh database (so nothing is skipped as unchanged); the baseline is
the 1-worker run of the same folders in the same round (every round runs each worker count
once, so drift on a shared machine hits all alike), and a control (a pure-CPU job with 1 and
N processes, run in every round) shows how much parallelism the machine offers at that
moment. Prints medians, the per-round speed-up ratios and their median, words per second,
the peak resident memory of the ingest process (it builds the pipeline, forks the workers
and writes the database) and of its largest worker, and the CPU
seconds of each side (read with getrusage inside the ingest process at exit: RUSAGE_SELF and
RUSAGE_CHILDREN, i.e. the workers). Built-in defaults (no user config), bytecode cached.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
EXTS = {".txt", ".md", ".htm", ".html", ".pdf", ".docx"}
ENV = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEKIT_") and k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"})
# runs `python -m clausekit ARGS` and, at exit, reports this process's and its workers' peak memory and CPU
WRAP = """
import atexit, resource, runpy, sys
def report():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(f"\\nBENCH-RUSAGE {s.ru_maxrss} {c.ru_maxrss} {s.ru_utime + s.ru_stime} {c.ru_utime + c.ru_stime}\\n")
atexit.register(report)
sys.argv = ["clausekit", *sys.argv[1:]]
runpy.run_module("clausekit", run_name="__main__")
"""


def words(folders: list[Path]) -> int:
    n = 0
    for folder in folders:
        for f in folder.rglob("*"):
            if f.suffix.lower() in {".txt", ".md", ".htm", ".html"}:
                n += len(f.read_text(encoding="utf-8", errors="replace").split())
    return n


def run_once(folders: list[Path], workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", WRAP, "ingest", "--db", str(db), "--workers", str(workers),
                               *map(str, folders)], cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr)
        usage = [line.split()[1:] for line in proc.stderr.splitlines() if line.startswith("BENCH-RUSAGE")][-1]
        return {"wall": elapsed, "parent_mb": int(usage[0]) / 1024, "worker_mb": int(usage[1]) / 1024,
                "parent_cpu": float(usage[2]), "workers_cpu": float(usage[3]),
                "summary": proc.stdout.strip().splitlines()[-1]}


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
    # rounds, not blocks: each round runs every worker count once (and the control), so a
    # slow spell of a shared machine falls on all of them alike; ratios are taken per round
    most = max(args.workers)
    results: dict[int, list[dict]] = {w: [] for w in args.workers}
    controls = []
    for r in range(args.runs):
        controls.append(machine_parallelism(most))
        for w in args.workers:
            results[w].append(run_once(folders, w))
        line = " ".join(f"{w}w {results[w][-1]['wall']:.1f}s" for w in args.workers)
        print(f"round {r + 1}/{args.runs}: {line}; control {controls[-1]:.2f}x", flush=True)
    base_w = args.workers[0]
    print(f"control: a pure-CPU job ran {statistics.median(controls):.2f}x faster with {most} processes "
          f"than with 1 on this machine (median of the rounds: {' '.join(f'{c:.2f}' for c in controls)})")
    print(f"{'workers':>7} {'median s':>9} {'runs':>20} {'speed-up':>9} {'per round':>18} {'words/s':>9} "
          f"{'parent MB':>10} {'worker MB':>10} {'parent CPU s':>13} {'workers CPU s':>14}  summary")
    for w in args.workers:
        rs = results[w]
        times = [r["wall"] for r in rs]
        med = statistics.median(times)
        per_round = [b["wall"] / r["wall"] for b, r in zip(results[base_w], rs)]
        print(f"{w:>7} {med:>9.1f} {' '.join(f'{t:.1f}' for t in times):>20} "
              f"{statistics.median(per_round):>8.2f}x {' '.join(f'{x:.2f}' for x in per_round):>18} "
              f"{n_words / med:>9,.0f} {max(r['parent_mb'] for r in rs):>10.0f} "
              f"{max(r['worker_mb'] for r in rs):>10.0f} "
              f"{statistics.median(r['parent_cpu'] for r in rs):>13.1f} "
              f"{statistics.median(r['workers_cpu'] for r in rs):>14.1f}  {rs[-1]['summary']}")
    if len(args.workers) > 1:
        w = args.workers[-1]
        ratio = statistics.median(b["wall"] / r["wall"] for b, r in zip(results[base_w], results[w]))
        print(f"efficiency: {w} workers reach {ratio / statistics.median(controls):.0%} of the control's "
              f"speed-up (what the machine gave a pure-CPU job in the same rounds)")


if __name__ == "__main__":
    main()

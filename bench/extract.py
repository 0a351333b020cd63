"""Extraction speed against same-run baselines.

    python bench/extract.py [FOLDER] [--repeats 3] [--gold DIR] [--peer-chars N] [--profile]

Reads every file of FOLDER (default ../shared/corpus/mergers-dev) with clausekit's readers, then
measures, in the same run, the median words/second over ``--repeats`` runs of

  (a) ``spacy.blank("en")`` tokenizing the texts — the floor for any spaCy pipeline;
  (b) the full clausekit pipeline (every component);
  (c) ``dateparser.search.search_dates`` — the date finder a user would otherwise reach for.
      It is slow, so it runs over a sample: the first ``--peer-chars`` characters of each text.

and prints the ratio (b)/(a) (goal ≥ 0.25). With ``--gold DIR`` (default ../shared/corpus/dev)
it also counts how many of search_dates' hits on those documents overlap a gold time provision,
next to the same figure for clausekit's time provisions (the precision of each as a deadline
finder). ``--profile`` prints a cProfile of one pipeline pass.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clausekit.commands.extract import iter_files
from clausekit.errors import ClausekitError
from clausekit.ingest import read_document

WORD = re.compile(r"\S+")


def words(texts: list[str]) -> int:
    return sum(len(WORD.findall(t)) for t in texts)


def median_time(fn, repeats: int, fresh=None) -> float:
    """Median seconds of ``fn(state)``; ``fresh()`` (untimed) makes a new state for each run, so
    no run profits from caches the previous one filled with the same texts."""
    times = []
    for _ in range(repeats):
        state = fresh() if fresh else None
        t0 = time.perf_counter()
        fn(state)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def load_texts(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in iter_files((str(folder),)):
        try:
            out.append((path.stem, read_document(path).text))
        except ClausekitError as e:  # a bad file is reported and skipped, the bench goes on
            print(f"skipped {path}: {e}", file=sys.stderr)
    return out


def peer_search(text: str):
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, languages=["en"]) or []


def peer_spans(text: str, hits) -> list[tuple[int, int]]:
    """search_dates returns (substring, datetime) pairs; locate each substring in order."""
    spans, pos = [], 0
    for sub, _ in hits:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i >= 0:
            spans.append((i, i + len(sub)))
            pos = i + len(sub)
    return spans


def gold_spans(text: str, gold: dict) -> list[tuple[int, int]]:
    out = []
    for d in gold.get("deadlines") or []:
        q = d.get("quote") or ""
        pattern = r"\s+".join(re.escape(w) for w in q.split())
        m = re.search(pattern, text) if pattern else None
        if m:
            out.append(m.span())
    return out


def overlap_share(spans: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[int, int]:
    hits = sum(1 for s, e in spans if any(s < ge and gs < e for gs, ge in gold))
    return hits, len(spans)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "mergers-dev"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--peer-chars", type=int, default=20_000,
                    help="characters of each text given to search_dates (it is slow); 0 = skip the peer")
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args(argv)

    import spacy

    from clausekit.nlp.pipeline import build_pipeline

    docs = load_texts(Path(a.folder))
    if not docs:
        print(f"no readable files in {a.folder}", file=sys.stderr)
        return 2
    texts = [t for _, t in docs]
    n_words = words(texts)
    nlp_max = 20_000_000

    def fresh_blank():
        blank = spacy.blank("en")
        blank.max_length = nlp_max
        return blank

    def fresh_pipeline():
        nlp = build_pipeline()
        nlp.max_length = nlp_max
        nlp("Warm-up.")  # lazy imports and pattern compilation, not the tokenizer cache of these texts
        return nlp

    # every run starts from a new pipeline (as a new process would): a run over the same texts
    # again would find clausekit's tokenizer cache already holding every chunk of them
    t_tok = median_time(lambda blank: [blank.make_doc(t) for t in texts], a.repeats, fresh_blank)
    t_own = median_time(lambda nlp: [nlp.make_doc(t) for t in texts], a.repeats, fresh_pipeline)
    t_full = median_time(lambda nlp: [nlp(t) for t in texts], a.repeats, fresh_pipeline)
    tok_wps, own_wps, full_wps = n_words / t_tok, n_words / t_own, n_words / t_full
    print(f"folder: {a.folder}  files: {len(texts)}  words: {n_words:,}  repeats: {a.repeats} (median)")
    print(f"(a) spacy.blank('en') tokenizer   {tok_wps:12,.0f} words/s")
    print(f"    clausekit's tokenizer alone    {own_wps:12,.0f} words/s   (a's, with its cache warmed chunk by chunk)")
    print(f"(b) clausekit full pipeline        {full_wps:12,.0f} words/s")
    print(f"    ratio full/tokenizer           {full_wps / tok_wps:12.3f}   (goal >= 0.25)")
    if a.peer_chars:
        sample = [t[: a.peer_chars] for t in texts]
        n_sample = words(sample)
        t_peer = median_time(lambda _: [peer_search(t) for t in sample], max(1, min(a.repeats, 3)))
        peer_wps = n_sample / t_peer
        print(f"(c) dateparser search_dates        {peer_wps:12,.0f} words/s   "
              f"(sample: first {a.peer_chars:,} chars of each file, {n_sample:,} words)")
        print(f"    clausekit / search_dates       {full_wps / peer_wps:12.1f} x")

    gold_dir = Path(a.gold) if a.gold else None
    if gold_dir and gold_dir.is_dir() and a.peer_chars:
        ours_hit = ours_n = peer_hit = peer_n = 0
        gold_nlp = fresh_pipeline()
        for name, text in load_texts(gold_dir):
            gpath = gold_dir / f"{name}.gold.json"
            if not gpath.exists():
                continue
            gold = gold_spans(text, json.loads(gpath.read_text(encoding="utf-8")))
            doc = gold_nlp(text)
            ours = [(d["start"], d["end"]) for d in doc._.clausekit_timex]
            h, n = overlap_share(ours, gold)
            ours_hit, ours_n = ours_hit + h, ours_n + n
            h, n = overlap_share(peer_spans(text, peer_search(text)), gold)
            peer_hit, peer_n = peer_hit + h, peer_n + n
        print(f"on {gold_dir} (whole texts): hits that overlap a gold time provision")
        print(f"    clausekit     {ours_hit:5d} / {ours_n:5d}  = {ours_hit / max(ours_n, 1):.3f}")
        print(f"    search_dates  {peer_hit:5d} / {peer_n:5d}  = {peer_hit / max(peer_n, 1):.3f}")

    if a.profile:
        nlp = fresh_pipeline()
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            nlp(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())

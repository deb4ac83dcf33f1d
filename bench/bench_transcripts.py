"""Transcripts: reading a 2.5 h lecture's captions, indexing a course's, searching them, the own-words check.

Ten generated WebVTT files of 2.5 h each (a cue every 3 s, about 3,000 cues and 30,000 words each,
as YouTube's captions of a long lecture). The search must answer within 50 ms; the anchor beside
it is the plain way, a case-folded substring scan of every cue in Python. Prints medians and
ratios, asserts nothing.

    .venv/bin/python bench/bench_transcripts.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from studytui.core.notes import note_bodies
from studytui.core.transcripts import OwnWordsCheck, TranscriptIndex, read_transcript
from timing import median_ms

LECTURES = 10
LECTURE_SECONDS = 2.5 * 3600
CUE_SECONDS = 3.0
BUDGET_MS = 50.0
VOCABULARY = [
    "the", "a", "of", "to", "and", "we", "is", "that", "this", "it", "in", "gradient", "loss", "tensor",
    "broadcasting", "backward", "forward", "layer", "weights", "bias", "neuron", "activation", "softmax",
    "logits", "batch", "normalization", "embedding", "attention", "token", "vocabulary", "sample",
    "probability", "distribution", "derivative", "chain", "rule", "value", "node", "graph", "topological",
    "sort", "learning", "rate", "step", "optimizer", "matrix", "multiply", "shape", "dimension", "row",
    "column", "sum", "mean", "variance",
]


def vtt_time(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def write_lecture(path: Path, rng: random.Random) -> None:
    blocks = ["WEBVTT", ""]
    start = 0.0
    while start < LECTURE_SECONDS:
        words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(7, 12)))
        blocks += [f"{vtt_time(start)} --> {vtt_time(start + CUE_SECONDS)}", words, ""]
        start += CUE_SECONDS
    path.write_text("\n".join(blocks), encoding="utf-8")


def main() -> None:
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"lecture-{n:02d}.vtt" for n in range(LECTURES)]
        for path in paths:
            write_lecture(path, rng)
        read_ms = median_ms(lambda: read_transcript(paths[0]), runs=5)
        transcripts = [read_transcript(path).transcript for path in paths]
        cues = sum(len(t.cues) for t in transcripts if t)
        index = TranscriptIndex()
        started = time.perf_counter()
        for number, transcript in enumerate(transcripts):
            assert transcript is not None
            index.add(f"lecture-{number:02d}", transcript)
        index_ms = (time.perf_counter() - started) * 1000
        print(f"{LECTURES} lectures of {LECTURE_SECONDS / 3600:g} h, {cues} cues, "
              f"{sum(len(c.text.split()) for t in transcripts if t for c in t.cues)} words")
        print(f"read one 2.5 h WebVTT (cues, tags, clean-up):{read_ms:8.1f} ms")
        print(f"index all {LECTURES} (FTS5, once, in a worker):  {index_ms:8.1f} ms")
        print()
        texts = [(n, cue.text.casefold()) for n, t in enumerate(transcripts) if t for cue in t.cues]
        print(f"{'query':<28} {'matches':>8} {'FTS5':>9} {'scan (anchor)':>14} {'scan/FTS5':>10} {'budget':>8}")
        for query in ("broadcasting", "chain rule", "topological sort graph", "backw", "zebra"):
            words = query.split()
            fts = median_ms(lambda query=query: index.search(query, limit=200), runs=30)
            scan = median_ms(lambda words=words: [t for t in texts if all(w in t[1] for w in words)][:200], runs=10)
            found = len(index.search(query, limit=200))
            verdict = "ok" if fts <= BUDGET_MS else "OVER"
            print(f"{query:<28} {found:>8} {fts:>6.2f} ms {scan:>11.2f} ms {scan / fts:>9.1f}x {verdict:>8}")
        one = median_ms(lambda: index.search("broadcasting", "lecture-03", limit=200), runs=30)
        print(f"{'broadcasting (one lesson)':<28} {'':>8} {one:>6.2f} ms")
        print()
        first = transcripts[0]
        assert first is not None
        started = time.perf_counter()
        check = OwnWordsCheck(first)
        prepare_ms = (time.perf_counter() - started) * 1000
        notes = "# L\n\n" + "".join(
            f"- [{n // 60}:{n % 60:02d}] a note of mine about tensors number {n}\n" for n in range(300)
        )
        bodies = note_bodies(notes)

        def all_new() -> object:
            check._cache = {}  # as when a lesson opens: nothing checked yet
            return check.check(bodies)

        cold = median_ms(all_new, runs=10)
        warm = median_ms(lambda: check.check(note_bodies(notes)), runs=30)
        print(f"own-words check: prepare one 2.5 h lecture {prepare_ms:.1f} ms; 300 notes all new {cold:.2f} ms, "
              f"one changed (parse + cache) {warm:.2f} ms")


if __name__ == "__main__":
    main()

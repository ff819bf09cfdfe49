"""Training the sentence model (lib/extract/mentions/sentence_model.py) on the dev gold of fakes-dev,
and measuring it by grouped cross-validation over dev articles.

    python -m lib.bench.sentence_model_train                 # writes data/models/event_sentences.tsv
    python -m lib.bench.sentence_model_train --folds 5       # cross-validated event figures, with and
                                                             # without the model, per fold and mean

Only rows of split=dev are read. A sentence of a dev gold article is labelled with the event type of
the current (not background) gold events whose evidence starts in it, else `none` (background
sentences, and sentences with no evidence, are `none`). Softmax regression with an L2 penalty,
full-batch gradient descent from zero weights: deterministic. A feature is kept when it occurs in
at least MIN_ARTICLES training articles (so no single article's names are learned).

Cross-validation: the dev articles are dealt into K folds by the order of sha1(id); for each fold the
model is trained on the other folds' articles and the whole extractor (rules and model) is run on
the fold's articles, scored by lib.bench.fakes_events beside the same articles without the model.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

import numpy

from lib.bench import fakes_events
from lib.extract import articles as extract_articles
from lib.extract.mentions import mentions_in, sentence_model
from lib.extract.spacy_pipeline import load_pipeline
from lib.temporal.component import SPANS_KEY
from lib.temporal.spans import day_of

MIN_ARTICLES = 3
Row = tuple[str, list[str], str, bool]
L2 = 0.001
STEPS = 1000
RATE = 1.0


def dev_gold() -> list[fakes_events.Gold]:
    return [g for g in fakes_events.read_gold() if g.split == "dev"]


def labelled(gold: Sequence[fakes_events.Gold]) -> list[Row]:
    """A row for every sentence of the gold's articles: (article id, features, label, whether the
    rules found a mention in it). A sentence is labelled with the event types of the current gold
    events whose evidence starts in it (a row each), else `none`."""
    by_article = defaultdict(list)
    for g in gold:
        by_article[g.article_id].append(g)
    nlp = load_pipeline()
    rows = []
    for article in fakes_events.read_articles(set(by_article)):
        dct = day_of(article.published)
        doc = nlp(extract_articles.article_doc(nlp, article, dct))
        timexes = [span._.timex for span in doc.spans[SPANS_KEY]]
        told = {m.sentence_start for m in mentions_in(doc, article, timexes, dct=dct)}
        starts = defaultdict(list)
        for g in by_article[article.id]:
            at = article.text.find(g.evidence[:60]) if g.evidence else -1
            if at >= 0 and not g.background:
                starts[at].append(g.event_type)
        for number, sentence in enumerate(doc.sents):
            labels = {t for at, types in starts.items() if sentence.start_char <= at < sentence.end_char
                      for t in types}
            feats = sentence_model.features(sentence, dct, number)
            for label in sorted(labels) or [sentence_model.NONE]:
                rows.append((article.id, feats, label, sentence.start_char in told))
    return rows


def train(rows: Sequence[Row]) -> tuple[dict, tuple[str, ...]]:
    """Weights (feature -> class -> weight) and the classes, from labelled sentences."""
    in_articles = defaultdict(set)
    for article_id, feats, _, _ in rows:
        for f in feats:
            in_articles[f].add(article_id)
    names = sorted(f for f, ids in in_articles.items() if len(ids) >= MIN_ARTICLES or f == "bias")
    column = {f: i for i, f in enumerate(names)}
    classes = tuple([sentence_model.NONE] + sorted({r[2] for r in rows} - {sentence_model.NONE}))
    x = numpy.zeros((len(rows), len(names)), dtype=numpy.float64)
    y = numpy.zeros((len(rows), len(classes)))
    for i, (_, feats, label, _) in enumerate(rows):
        x[i, [column[f] for f in feats if f in column]] = 1.0
        y[i, classes.index(label)] = 1.0
    w = numpy.zeros((len(names), len(classes)))
    for _ in range(STEPS):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = numpy.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - y) / len(rows) + L2 * w
        w -= RATE * grad
    weights = {f: {c: float(w[column[f], k]) for k, c in enumerate(classes) if abs(w[column[f], k]) >= 1e-4}
               for f in names}
    return weights, classes


def write(path: Path, weights: dict, classes: Sequence[str], sub_events: dict, note: str) -> None:
    lines = ["# The sentence model of lib/extract/mentions/sentence_model.py: softmax regression weights.",
             "# Made by `python -m lib.bench.sentence_model_train` (do not edit by hand). " + note,
             "# Format: TAB-separated rows: `class <class> <sub-event type a rescued mention gets>`, then",
             "# `weight <feature> <class> <weight>` (a feature's score for a class; absent = 0).",
             "# Example: weight\tlex:Battles\tBattles\t0.9 (a trigger word of a battle in the sentence)."]
    lines += [f"class\t{c}\t{sub_events.get(c, '')}" for c in classes]
    lines += [f"weight\t{f}\t{c}\t{v:.3f}" for f in sorted(weights) for c, v in weights[f].items()
              if abs(v) >= 0.005]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rescue_sub_events(gold: Sequence[fakes_events.Gold]) -> dict[str, str]:
    """Each event type's most frequent sub-event type in the (training) gold."""
    counts = defaultdict(Counter)
    for g in gold:
        if not g.background:
            counts[g.event_type][g.sub_event_type] += 1
    return {t: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for t, c in counts.items()}


def folds(ids: Sequence[str], k: int) -> list[list[str]]:
    ordered = sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    return [ordered[n::k] for n in range(k)]


def scores(gold, mentions, ids) -> tuple[int, int, int]:
    chosen = [g for g in gold if g.article_id in ids]
    result = fakes_events.evaluate(chosen, {i: mentions[i] for i in ids if i in mentions}, "dev")
    return len(result.pairs), len(result.gold), len(result.events)


def run_extractor(articles, model: Path | None) -> dict:
    os.environ["CTE_SENTENCE_MODEL"] = str(model) if model else "off"
    try:
        return {a.id: found for a, _, found in extract_articles.analyse(articles, workers=1)}
    finally:
        del os.environ["CTE_SENTENCE_MODEL"]


def cross_validate(k: int, thresholds: Sequence[float]) -> None:
    """Per fold and over all folds: recall and precision of the whole extractor on the fold's articles,
    without the model and with it at each RESCUE threshold, the model trained on the other folds."""
    gold = dev_gold()
    rows = labelled(gold)
    ids = sorted({g.article_id for g in gold})
    articles = {a.id: a for a in fakes_events.read_articles(set(ids))}
    without = run_extractor(list(articles.values()), None)
    configs = ["without"] + [f"RESCUE {t}" for t in thresholds]
    totals = {name: [0, 0, 0] for name in configs}
    print("fold  articles  " + "  ".join(f"{name:>26}" for name in configs))
    for n, fold in enumerate(folds(ids, k)):
        held = set(fold)
        path = Path(tempfile.gettempdir()) / f"sentence_model_fold{n}.tsv"
        write(path, *train([r for r in rows if r[0] not in held]),
              rescue_sub_events([g for g in gold if g.article_id not in held]), "A cross-validation fold.")
        cells = []
        for name, threshold in zip(configs, [None, *thresholds]):
            if threshold is None:
                found = without
            else:
                sentence_model.RESCUE = threshold
                found = run_extractor([articles[i] for i in fold], path)
            tp, g, e = scores(gold, found, held)
            totals[name] = [a + b for a, b in zip(totals[name], (tp, g, e))]
            cells.append(f"R {tp}/{g}={tp / g:.0%} P {tp}/{e}={tp / max(e, 1):.0%}")
        print(f"{n:>4}  {len(fold):>8}  " + "  ".join(f"{c:>26}" for c in cells), flush=True)
    for name, (tp, g, e) in totals.items():
        print(f"all {name:>12}: recall {tp}/{g} = {tp / g:.1%}, precision {tp}/{e} = {tp / max(e, 1):.1%}, "
              f"F1 {2 * tp / (g + e):.1%}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.sentence_model_train", description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, help="cross-validate over dev articles in this many folds")
    parser.add_argument("--thresholds", default=str(sentence_model.RESCUE),
                        help="comma-separated RESCUE thresholds to cross-validate")
    parser.add_argument("--out", type=Path, default=sentence_model.MODEL_PATH)
    args = parser.parse_args(argv)
    if args.folds:
        cross_validate(args.folds, [float(t) for t in args.thresholds.split(",") if t])
        return 0
    gold = dev_gold()
    rows = labelled(gold)
    weights, classes = train(rows)
    note = (f"Trained on the {len({r[0] for r in rows})} dev articles (split=dev rows only) of "
            f"data/gold/fakes_events.tsv ({len(rows)} sentence rows); MIN_ARTICLES {MIN_ARTICLES}, L2 {L2}, "
            f"{STEPS} steps of {RATE}.")
    write(args.out, weights, classes, rescue_sub_events(gold), note)
    print(f"wrote {args.out}: {len(weights)} features, classes {', '.join(classes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

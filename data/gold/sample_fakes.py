"""Choose the fakes-dev articles that get hand-written gold events, and their split.

Deterministic: ids ordered by sha1(id); duplicate texts skipped (the first in sha1 order is kept;
two texts are duplicates when their last 60 words agree, letters and digits only, so that copies
differing only in their opening dateline count as one); first one article of every year of the
date label (so the rare years 2011-2012 are in), then round-robin over the outlets
(alphabetical), each outlet giving its next article in sha1 order, until N articles. split = "test" when int(sha1(id), 16) % 3 == 0, else "dev".
The sample only grows: a larger N gives the smaller sample as its first rows, in the same order
(the gold has N = 155: ranks 0-94 written first, 95-124 and 125-154 appended later; data/gold/README.md).

    python data/gold/sample_fakes.py ../shared/corpora/fakes-dev 155
    (prints: rank from 0, id, split, outlet, FA-KES date label, governorate)
"""
import csv
import hashlib
import json
import re
import sys
from pathlib import Path


def sha(article_id: str) -> str:
    return hashlib.sha1(article_id.encode()).hexdigest()


def split_of(article_id: str) -> str:
    return "test" if int(sha(article_id), 16) % 3 == 0 else "dev"


def duplicate_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", "", text.lower()).split()[-60:])


def sample(corpus: Path, n: int) -> list[dict]:
    articles = {}
    for line in open(corpus / "articles.jsonl", encoding="utf-8"):
        a = json.loads(line)
        articles[a["id"]] = a
    labels = {r["id"]: r for r in csv.DictReader(open(corpus / "labels.csv", encoding="utf-8"))}
    seen_texts, ordered = set(), []
    for aid in sorted(articles, key=sha):
        text = duplicate_key(articles[aid]["text"])
        if text in seen_texts:
            continue
        seen_texts.add(text)
        ordered.append(aid)
    chosen: list[str] = []
    for year in sorted({labels[a]["date"][:4] for a in ordered}):
        chosen.append(next(a for a in ordered if labels[a]["date"][:4] == year))
    queues = {}
    for aid in ordered:
        queues.setdefault(labels[aid]["source"], []).append(aid)
    while len(chosen) < n and any(queues.values()):
        for source in sorted(queues):
            queue = [a for a in queues[source] if a not in chosen]
            queues[source] = queue
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return [dict(labels[a], split=split_of(a)) for a in chosen]


if __name__ == "__main__":
    rows = sample(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 155)
    for i, r in enumerate(rows):
        print(i, r["id"], r["split"], r["source"], r["date"], r["location"], sep="\t")

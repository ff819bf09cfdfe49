"""Generated records for benchmarks and UI tests: events, control intervals and the articles and
mentions they rest on, with exactly the store's columns (lib.model). Deterministic for a seed.

>>> data = generate(n_events=20, seed=1)
>>> len(data.events), sorted(set(data.events[0].to_row()) ^ set(Event.columns()))
(20, [])
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, fields
from pathlib import Path

from lib.corpus import Article
from lib.model import (DATE_FROM_CLAUSE, DATE_FROM_PUBLICATION, ControlInterval, Event, Mention)
from lib.temporal import Timex

CITIES = [("Aleppo", 36.202, 37.134, "Aleppo"), ("Hama", 35.131, 36.757, "Hama"),
          ("Homs", 34.733, 36.713, "Homs"), ("Damascus", 33.513, 36.292, "Damascus"),
          ("Daraa", 32.625, 36.106, "Daraa"), ("Sweida", 32.709, 36.569, "As-Suwayda"),
          ("Deir ez-Zor", 35.336, 40.141, "Deir ez-Zor"), ("Raqqa", 35.953, 39.009, "Raqqa"),
          ("Idlib", 35.931, 36.634, "Idlib"), ("Latakia", 35.524, 35.792, "Latakia"),
          ("Tartus", 34.889, 35.887, "Tartus"), ("Qamishli", 37.052, 41.231, "Al-Hasakah"),
          ("Palmyra", 34.560, 38.267, "Homs"), ("Manbij", 36.528, 37.955, "Aleppo"),
          ("Quneitra", 33.126, 35.824, "Quneitra")]
ACTORS = [("Hayat Tahrir al-Sham", "opposition"), ("Syrian army", "government"),
          ("Syrian Democratic Forces", "sdf"), ("Southern Operations Room", "opposition"),
          ("Russian air force", "foreign state"), ("Syrian National Army", "opposition")]
TYPES = [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
         ("Battles", "Government regains territory"),
         ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Strategic developments", "Non-violent transfer of territory"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
OUTLETS = ["Reuters", "AP", "Al Jazeera", "BBC", "The New York Times", "The Times of Israel"]
PHRASES = [("on Friday", 1), ("on Thursday", 1), ("last week", 2), ("earlier this month", 3),
           ("", 1)]


@dataclass(frozen=True)
class Generated:
    articles: list[Article]
    timexes: dict[str, list[Timex]]
    mentions: dict[str, list[Mention]]
    events: list[Event]
    control: list[ControlInterval]


_BLANKS = {"str": "", "int": 0, "bool": False}


def _record(cls, **values):
    """A record of `cls` from `values`, any field not given blank (the model grows fields)."""
    for field in fields(cls):
        if field.name not in values:
            values[field.name] = _BLANKS.get(str(field.type), None)
    return cls(**values)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def generate(n_events: int = 10_000, *, seed: int = 0, first_day: dt.date = dt.date(2024, 11, 1),
             days: int = 45, n_articles: int = 200) -> Generated:
    """`n_events` events over `days` days, each resting on one mention in one of `n_articles`
    articles; a control history for every city."""
    rng = random.Random(seed)
    articles, timexes, mentions = [], {}, {}
    for a in range(n_articles):
        published = first_day + dt.timedelta(days=rng.randrange(days))
        text = f"Report {a}. " + " ".join(f"Sentence {s} about the war on Friday." for s in range(20))
        article = Article(id=f"gen{a:04d}", title=f"Generated report {a}",
                          source=OUTLETS[a % len(OUTLETS)], url="", published=_iso(published),
                          dct_source="metadata", text=text)
        articles.append(article)
        timexes[article.id] = []
        mentions[article.id] = []
    events = []
    for n in range(n_events):
        city, lat, lon, admin1 = rng.choice(CITIES)
        (actor1, side1), (actor2, side2) = rng.sample(ACTORS, 2)
        event_type, sub_type = rng.choice(TYPES)
        phrase, precision = rng.choice(PHRASES)
        article = articles[rng.randrange(n_articles)]
        day = dt.date.fromisoformat(article.published) - dt.timedelta(days=rng.randrange(3))
        if precision == 2:
            start = day - dt.timedelta(days=day.weekday())
            end = start + dt.timedelta(days=6)
        elif precision == 3:
            start = day.replace(day=1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            start = end = day
        n_sources = rng.choice([1, 1, 1, 2, 2, 3, 4])
        outlets = "; ".join(sorted(rng.sample(OUTLETS, n_sources)))
        sentence = f"{actor1} fought {actor2} in {city} {phrase}.".replace("  ", " ")
        at = article.text.index("Sentence 1 ")
        mention_id = f"{article.id}:{at}:{n}"
        t_start = at + sentence.find(phrase) if phrase else -1
        mentions[article.id].append(_record(
            Mention,
            mention_id=mention_id, article_id=article.id, source=article.source,
            published=article.published, sentence_start=at, sentence_end=at + len(sentence),
            sentence=sentence, trigger="fought", trigger_start=at + len(actor1) + 1,
            trigger_end=at + len(actor1) + 7, event_type=event_type, sub_event_type=sub_type,
            control="", actor1=actor1, actor2=actor2, side1=side1, side2=side2, place=city,
            place_known=True, place_kind="city", admin1=admin1, latitude=lat, longitude=lon,
            date_start=_iso(start), date_end=_iso(end), time_precision=precision,
            date_text=phrase.removeprefix("on "), timex_value=_iso(start),
            timex_start=t_start, timex_end=t_start + len(phrase) if phrase else -1,
            date_source=DATE_FROM_CLAUSE if phrase else DATE_FROM_PUBLICATION,
            anchor="DCT" if phrase else "", rule="weekday" if phrase else "", attribution="",
            polarity="asserted", fatalities=None))
        events.append(_record(
            Event,
            event_id=f"ev{n:05d}", event_date=_iso(start), time_precision=precision,
            event_type=event_type, sub_event_type=sub_type, actor1=actor1, actor2=actor2,
            admin1=admin1, location=city, latitude=lat, longitude=lon, geo_precision=1,
            source=outlets, notes=sentence, fatalities=None, date_text=phrase.removeprefix("on "),
            timex_value=_iso(start), date_start=_iso(start), date_end=_iso(end),
            anchor="DCT" if phrase else "", evidence=f"[{article.source}] {sentence}",
            n_sources=n_sources, claim_status=rng.choice(["reported"] * 6 + ["disputed", "denied"]),
            side1=side1, side2=side2, place_known=True, mention_ids=mention_id))
    control = []
    for city, lat, lon, admin1 in CITIES:
        change = first_day + dt.timedelta(days=rng.randrange(days))
        after = rng.choice(["opposition", "sdf", "contested"])
        common = {"city": city, "precision": 1, "latitude": lat, "longitude": lon,
                  "admin1": admin1}
        control.append(_record(ControlInterval, controller="government",
                               actor_detail="Syrian army", valid_from="", valid_to=_iso(change),
                               status="reported", sources="AP",
                               evidence=f"[AP] The army held {city}.", **common))
        control.append(_record(ControlInterval, controller=after, actor_detail="",
                               valid_from=_iso(change), valid_to="",
                               status=rng.choice(["reported", "disputed"]), sources="Reuters; AP",
                               evidence=f"[Reuters] {city} changed hands.", **common))
    return Generated(articles, timexes, mentions, events, control)


def article_file(article: Article) -> str:
    """The article as a front-matter Markdown file the corpus readers take."""
    header = {"id": article.id, "title": article.title, "source": article.source,
              "url": article.url, "published": article.published}
    return ("---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in header.items()) + "---\n"
            + article.text)


def write_store(data: Generated, store_path: Path, corpus_dir: Path) -> None:
    """Write the articles as files into `corpus_dir` and everything into the store at
    `store_path`, as an update of that folder would have left it (so the app's update finds
    nothing to do and no language model is needed)."""
    from lib.corpus import read_articles
    from lib.pipeline import content_hash
    from lib.store import Store

    corpus_dir.mkdir(parents=True, exist_ok=True)
    for article in data.articles:
        (corpus_dir / f"{article.id}.md").write_text(article_file(article), encoding="utf-8")
    read = {a.id: a for a in read_articles([corpus_dir]) if isinstance(a, Article)}
    with Store(store_path) as store:
        for article in data.articles:
            stored = read[article.id]
            store.put_article(stored, content_hash(stored), data.timexes[article.id],
                              data.mentions[article.id])
        store.put_derived(data.events, data.control)


# --- mentions at scale, for consolidation and control -------------------------------------------

MENTIONS_PER_DAY = 300  # the density of the generated reporting: the period grows with the mentions
MENTIONS_PER_ARTICLE = 6
VILLAGES = 2_000        # gazetteer-like places (not in the lexicon) beside the lexicon's
_SYLLABLES = ("ka", "ro", "mi", "tu", "sel", "dan", "ber", "qa", "lin", "zo", "har", "fi", "mur", "je",
              "wa", "pol", "ne", "sho", "ri", "bu")
_WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s")]  # 1,200 words


def _mention_world(seed: int):
    """The lexicon's places, actors and trigger kinds, with villages in its provinces."""
    from lib.extract import lexicon

    rng = random.Random(seed)
    known = sorted(lexicon.places().values(), key=lambda p: p.name)
    provinces = [p for p in known if p.kind == "province"]
    places = [(p.name, p.kind, p.admin1, p.latitude, p.longitude) for p in known]
    for v in range(VILLAGES):
        province = provinces[v % len(provinces)]
        places.append((f"Village {v:04d}", "town", province.name,
                       province.latitude + rng.uniform(-0.5, 0.5), province.longitude + rng.uniform(-0.5, 0.5)))
    actors = sorted(((a.name, a.side, a.acled_type) for a in lexicon.actors().values()
                     if a.kind not in ("outlet", "person") and a.side))
    kinds = sorted({(t.event_type, t.sub_event_type, t.kind, t.control, t.many_parties)
                    for t in lexicon.triggers().values()})
    return places, actors, kinds


def generate_mentions(n_mentions: int, *, seed: int = 0, first_day: dt.date = dt.date(2012, 1, 1),
                      per_day: int = MENTIONS_PER_DAY) -> list[Mention]:
    """`n_mentions` mentions as extraction gives them, over `n_mentions / per_day` days (a longer
    period for more mentions, the same density): lexicon places and villages (15% without a
    place), lexicon actors (20% without one), every trigger kind, precisions from day to month, a
    tenth of the sentences re-posted from an earlier article, a few denied and hedged. Six
    mentions an article. Deterministic for a seed.

    >>> ms = generate_mentions(50, seed=1)
    >>> len(ms), len({m.mention_id for m in ms}), ms[0].article_id
    (50, 50, 'syn0000000')
    """
    from lib.model import interaction_code

    rng = random.Random(seed)
    places, actors, kinds = _mention_world(seed)
    days = max(1, n_mentions // per_day)
    mentions: list[Mention] = []
    sentences: list[str] = []
    article_day = first_day
    for n in range(n_mentions):
        a = n // MENTIONS_PER_ARTICLE
        if n % MENTIONS_PER_ARTICLE == 0:
            article_day = first_day + dt.timedelta(days=rng.randrange(days))
        event_type, sub_type, kind, control, many = rng.choice(kinds)
        place = rng.choice(places[:60]) if rng.random() < 0.5 else rng.choice(places)
        if rng.random() < 0.15 and not control:
            place = ("", "", "", None, None)
        actor1 = rng.choice(actors) if rng.random() < 0.8 else ("", "", 0)
        actor2 = rng.choice(actors) if rng.random() < 0.4 else ("", "", 0)
        roll = rng.random()
        precision = 1 if roll < 0.75 else 2 if roll < 0.9 else 3
        day = article_day - dt.timedelta(days=rng.randrange(3))
        if precision == 2:
            start, end = day - dt.timedelta(days=day.weekday()), day - dt.timedelta(days=day.weekday() - 6)
        elif precision == 3:
            start = day.replace(day=1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            start = end = day
        if sentences and rng.random() < 0.1:
            sentence = rng.choice(sentences[-5_000:])  # re-posted from a recent article
        else:
            words = rng.choices(_WORDS, k=20)  # a news sentence's length, its own words
            words[rng.randrange(20)] = f"{kind} {place[0] or 'the area'}"
            sentence = f"{actor1[0] or 'Gunmen'} " + " ".join(words) + "."
            sentences.append(sentence)
        roll = rng.random()
        polarity = "asserted" if roll < 0.9 else "denied" if roll < 0.95 else "hedged"
        at = (n % MENTIONS_PER_ARTICLE) * 200
        mentions.append(Mention(
            mention_id=f"syn{a:07d}:{at}:{at + 5}", article_id=f"syn{a:07d}",
            source=OUTLETS[a % len(OUTLETS)], published=_iso(article_day), sentence_start=at,
            sentence_end=at + len(sentence), sentence=sentence, trigger=kind, trigger_start=at + 5,
            trigger_end=at + 10, event_type=event_type, sub_event_type=sub_type, control=control,
            many_parties=many, kind=kind, actor1=actor1[0], actor2=actor2[0], side1=actor1[1],
            side2=actor2[1], place=place[0], place_known=bool(place[0]), place_kind=place[1],
            admin1=place[2], latitude=place[3], longitude=place[4], date_start=_iso(start),
            date_end=_iso(end), time_precision=precision, date_text="", timex_value=_iso(start),
            timex_start=-1, timex_end=-1,
            date_source=DATE_FROM_CLAUSE if precision == 1 else DATE_FROM_PUBLICATION, anchor="DCT",
            rule="", attribution="", polarity=polarity, fatalities=None, actor1_type=actor1[2],
            actor2_type=actor2[2], interaction=interaction_code(actor1[2], actor2[2])))
    return mentions

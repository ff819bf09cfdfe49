"""The place, actor and trigger lexicons: their data, their loader and the entity ruler built from them.

Every `example` the lexicons carry is run through the real pipeline: the knowledge tests itself.
"""
import re

import pytest

from lib.extract import lexicon
from lib.extract.lexicon import (actor_by_alias, actors, duplicate_aliases, entity_ruler_patterns, normalise,
                         pattern_conflicts, place_by_alias, places, triggers)
from lib.extract.spacy_pipeline import LEXICON_RULER, load_pipeline

SYRIA_BOX = (32.3, 37.4, 35.6, 42.4)  # south, north, west, east
GOVERNORATE_CAPITALS = ["Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa",
                        "Deir ez-Zor", "Hasakah", "Daraa", "Sweida", "Quneitra", "Douma"]
# aliases that two rows share on purpose: none so far
DELIBERATE_DUPLICATES: dict[str, list[str]] = {}

PLACES = list(places().values())
ACTORS = list(actors().values())
TRIGGERS = list(triggers().values())


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(timex=False)


def contains_words(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words, compared by `normalise` (which drops the apostrophe of
    a possessive, hence the optional s)."""
    return re.search(rf"(?<!\w){re.escape(normalise(phrase))}s?(?!\w)", normalise(text)) is not None


# --- the data --------------------------------------------------------------------------------------

def test_no_alias_is_shared_by_two_places():
    assert duplicate_aliases(PLACES) == DELIBERATE_DUPLICATES


def test_no_alias_is_shared_by_two_actors():
    assert duplicate_aliases(ACTORS) == DELIBERATE_DUPLICATES


def test_no_ruler_pattern_is_claimed_by_two_entries():
    """A place and an actor may share a pattern only with the same label and id (Iran, Turkey)."""
    assert pattern_conflicts() == {}


@pytest.mark.parametrize("place", [p for p in PLACES if p.country == "Syria"], ids=lambda p: p.name)
def test_every_syrian_place_lies_in_syria(place):
    south, north, west, east = SYRIA_BOX
    assert south <= place.latitude <= north and west <= place.longitude <= east


def test_every_governorate_has_its_capital_and_its_province_row():
    table = places()
    provinces = {p.name for p in PLACES if p.kind == "province" and p.country == "Syria"}
    assert len(provinces) == 14
    for capital in GOVERNORATE_CAPITALS:
        assert table[capital].kind == "city"
        assert table[capital].admin1 in provinces
    for place in PLACES:
        if place.country == "Syria" and place.kind != "country":
            assert place.admin1 in provinces, place.name
        if place.kind == "province":
            assert place.admin1 == place.name


@pytest.mark.parametrize("row", PLACES + ACTORS, ids=lambda r: r.name)
def test_every_example_names_its_row(row):
    assert row.example, f"{row.name} has no example"
    assert any(contains_words(row.example, name) for name in row.names), row.example


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p.name)
def test_the_pipeline_finds_every_place_example(nlp, place):
    doc = nlp(place.example)
    found = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert any(e.ent_id_ == place.name and e.label_ == lexicon.place_label(place) for e in doc.ents), found


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.name)
def test_the_pipeline_finds_every_actor_example(nlp, actor):
    doc = nlp(actor.example)
    found = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert any(e.ent_id_ == actor.name and e.label_ == lexicon.actor_label(actor) for e in doc.ents), found


@pytest.mark.parametrize("trigger", TRIGGERS, ids=lambda t: t.lemma)
def test_every_trigger_example_holds_its_lemma(nlp, trigger):
    wanted = trigger.lemma.split()
    lemmas = [t.lemma_.lower() for t in nlp(trigger.example) if not t.is_space]
    runs = [lemmas[i:i + len(wanted)] for i in range(len(lemmas))]
    assert wanted in runs, lemmas


def test_the_seed_happenings_have_triggers():
    table = triggers()
    assert {t: table[t].control for t in ["capture", "take control", "pull out", "redeploy", "fall to"]} == {
        "capture": "gain", "take control": "gain", "pull out": "loss", "redeploy": "hold", "fall to": "gain"}
    assert table["evacuate"].event_type == "Strategic developments" and table["evacuate"].control == ""
    assert table["airstrike"].event_type == "Explosions/Remote violence"
    assert "say" not in table and "deny" not in table


# --- lookups ---------------------------------------------------------------------------------------

def test_hts_by_acronym_and_by_name():
    assert actor_by_alias("HTS") == actor_by_alias("Hayat Tahrir al-Sham") == actors()["Hayat Tahrir al-Sham"]


@pytest.mark.parametrize("text, name", [
    ("Deir al-Zour", "Deir ez-Zor"), ("deir el zour", "Deir ez-Zor"), ("Deir Ezzor", "Deir ez-Zor"),
    ("Dara’a", "Daraa"), ("Daraa province", "Daraa Governorate"), ("the Golan Heights", "Golan Heights"),
    ("Türkiye", "Turkey"), ("Turkiye", "Turkey"), ("Seyed Zainab shrine", "Sayyida Zaynab Shrine"),
    ("Tadmur", "Palmyra"), ("Abu Kamal", "Boukamal"), ("Washington, D.C.", "Washington"),
])
def test_place_by_alias(text, name):
    assert place_by_alias(text).name == name


@pytest.mark.parametrize("text, name", [
    ("Assad’s forces", "Syrian government forces"), ("the war monitor", "Syrian Observatory for Human Rights"),
    ("Erdoğan", "Recep Tayyip Erdogan"), ("Abu Mohammed al-Jolani", "Ahmed al-Sharaa"),
    ("Kurdish-led force", "Syrian Democratic Forces"), ("Daesh", "Islamic State"),
])
def test_actor_by_alias(text, name):
    assert actor_by_alias(text).name == name


def test_unknown_names_give_none():
    assert place_by_alias("Atlantis") is None and actor_by_alias("nobody at all") is None


# --- the ruler in the pipeline ---------------------------------------------------------------------

def test_the_ruler_sits_before_ner(nlp):
    names = nlp.pipe_names  # the model's ner, the same ner run around names only, or rules last (CTE_NER_SCOPE)
    assert names[names.index(LEXICON_RULER) + 1] in ("ner", "ner_on_names") or (
        "ner" not in names and names[-1] == "name_rules")


SEED_ENTITIES = [
    ("The coalition of advancing rebels is led by Hayat Tahrir al-Sham, a group previously affiliated with "
     "Al Qaeda.", "Hayat Tahrir al-Sham", "ORG", "Hayat Tahrir al-Sham"),
    ("The Observatory said Syrian troops had left Homs.", "Homs", "GPE", "Homs"),
    ("The Islamist group leading the onslaught, a former al-Qaeda affiliate now known as Hayat Tahrir al-Sham "
     "(HTS), made a last call on forces loyal to Assad in Homs to defect.", "HTS", "ORG", "Hayat Tahrir al-Sham"),
    ("Designated a terrorist organisation by the United States, HTS has a controversial history.",
     "HTS", "ORG", "Hayat Tahrir al-Sham"),
    ("Syrian military says it redeployed in Daraa after local rebels take southern province",
     "Daraa", "GPE", "Daraa"),
    ("Daraa was dubbed “the cradle of the revolution” early in the civil war.", "Daraa", "GPE", "Daraa"),
    ("Russia and the United States also called on their citizens to leave Syria immediately amid the resurgent "
     "Syrian civil war, which on Friday saw rebels capture the southern Daraa province bordering Jordan.",
     "Daraa province", "GPE", "Daraa Governorate"),
    ("And in another sign of the government’s loosening control, a Kurdish-led force backed by the United States, "
     "which is separate from the rebels advancing on Homs, said it had deployed in the eastern city of "
     "Deir al-Zour, which the government had previously held.", "Deir al-Zour", "GPE", "Deir ez-Zor"),
    ("By Friday, rebels had taken control of the eastern city of Deir Ezzor and had reached the outskirts of "
     "Homs, the country’s third largest city.", "Deir Ezzor", "GPE", "Deir ez-Zor"),
    ("By Friday, rebels had taken control of the eastern city of Deir Ezzor and had reached the outskirts of "
     "Homs, the country’s third largest city.", "Homs", "GPE", "Homs"),
    ("The Iranian officials said two top generals fled to Iraq on Friday as rebel groups closed in on Homs and "
     "captured Deir el-Zour, the Assad regime’s foothold in Syria’s vast eastern desert.",
     "Deir el-Zour", "GPE", "Deir ez-Zor"),
]


@pytest.mark.parametrize("sentence, text, label, entity_id", SEED_ENTITIES, ids=lambda v: v[:40])
def test_seed_entities_get_the_right_label_and_id(nlp, sentence, text, label, entity_id):
    """The bare model labels Hayat Tahrir al-Sham PERSON, Homs ORG or PERSON, and misses HTS and Daraa."""
    ents = {e.text: (e.label_, e.ent_id_) for e in nlp(sentence).ents}
    assert ents.get(text) == (label, entity_id), ents


def test_without_the_lexicon_the_bare_model_gets_some_wrong():
    bare = load_pipeline(timex=False, lexicon=False, ner_scope="doc")
    assert LEXICON_RULER not in bare.pipe_names
    wrong = [text for sentence, text, label, _ in SEED_ENTITIES
             if {e.text: e.label_ for e in bare(sentence).ents}.get(text) != label]
    assert wrong  # if the model ever learns them all, the ruler is still harmless


# --- the loader ------------------------------------------------------------------------------------

PLACE_HEADER = "name\tkind\tadmin1\tcountry\tlatitude\tlongitude\taliases\texample"
ACTOR_HEADER = "name\tside\tkind\tgeneric\taliases\texample"
TRIGGER_HEADER = "lemma\tevent_type\tsub_event_type\tcontrol\tpos\tgoal\tparties\tkind\texample"


def write_lexicon(folder, places_rows=(), actors_rows=(), trigger_rows=()):
    for name, header, rows in [("places.tsv", PLACE_HEADER, places_rows), ("actors.tsv", ACTOR_HEADER, actors_rows),
                               ("triggers.tsv", TRIGGER_HEADER, trigger_rows)]:
        (folder / name).write_text("# a test lexicon\n" + header + "\n" + "".join(r + "\n" for r in rows),
                                   encoding="utf-8")
    return folder


@pytest.mark.parametrize("file, row, message", [
    ("places", "Gondor\tcity\tX\tY\t12.5", r"places\.tsv, line 3: expected 8 .*found 5"),
    ("places", "Gondor\tcity\tX\tY\tnorth\t10\t\tGondor", r"places\.tsv, line 3: latitude 'north' is not a number"),
    ("places", "Gondor\tcity\tX\tY\t95\t10\t\tGondor", r"places\.tsv, line 3: latitude 95 is outside"),
    ("places", "Gondor\tkingdom\tX\tY\t10\t10\t\tGondor", r"places\.tsv, line 3: unknown kind 'kingdom'"),
    ("actors", "Orcs\tevil\tmilitia\tno\t\tOrcs", r"actors\.tsv, line 3: unknown side 'evil'"),
    ("actors", "Orcs\tmilitia\thorde\tno\t\tOrcs", r"actors\.tsv, line 3: unknown kind 'horde'"),
    ("triggers", "smite\tBattles\tSmiting\t\tverb\t\tone\tsmiting\tsmote", r"triggers\.tsv, line 3: unknown sub_event_type of Battles"),
    ("triggers", "smite\tBattles\tArmed clash\tmaybe\tverb\t\tone\tsmiting\tsmote", r"triggers\.tsv, line 3: unknown control 'maybe'"),
    ("triggers", "Smite\tBattles\tArmed clash\t\tverb\t\tone\tsmiting\tsmote", r"triggers\.tsv, line 3: lemma 'Smite' should be lower"),
    ("triggers", "smite\tBattles\tArmed clash\t\tadverb\t\tone\tsmiting\tsmote", r"triggers\.tsv, line 3: pos should be verb, noun"),
    ("triggers", "smite\tBattles\tArmed clash\t\tverb\tthere\tone\tsmiting\tsmote", r"triggers\.tsv, line 3: unknown goal 'there'"),
])
def test_a_malformed_row_names_the_file_the_line_and_the_fault(tmp_path, file, row, message):
    write_lexicon(tmp_path, **{f"{file}_rows" if file != "triggers" else "trigger_rows": [row]})
    loader = {"places": places, "actors": actors, "triggers": triggers}[file]
    with pytest.raises(ValueError, match=message):
        loader(tmp_path)


def test_a_wrong_header_or_a_repeated_name_is_an_error(tmp_path):
    (tmp_path / "places.tsv").write_text("# x\nname\tkind\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.tsv, line 2: the header row should be"):
        places(tmp_path)
    write_lexicon(tmp_path, actors_rows=["Orcs\tmilitia\tmilitia\tno\t\tOrcs"] * 2)
    with pytest.raises(ValueError, match=r"actors\.tsv, line 4: 'Orcs' is listed twice"):
        actors(tmp_path)


def test_cte_lexicon_dir_is_honoured(tmp_path, monkeypatch):
    folder = write_lexicon(tmp_path, ["Gondor\tcity\tAnorien\tMiddle-earth\t10.0\t20.0\tMinas Tirith | Gondor city\t"
                                      "orcs marched on Minas Tirith"],
                           ["Orc host\tmilitia\tmilitia\tno\torcs\torcs marched"],
                           ["march\tStrategic developments\tOther\t\tverb\t\tone\tmarch\torcs marched"])
    monkeypatch.setenv("CTE_LEXICON_DIR", str(folder))
    assert list(places()) == ["Gondor"] and list(actors()) == ["Orc host"] and list(triggers()) == ["march"]
    assert place_by_alias("minas tirith").name == "Gondor"
    assert place_by_alias("Damascus") is None
    assert len(entity_ruler_patterns()) == 5  # Gondor, Minas Tirith, Gondor city, Orc host, orcs
    nlp = load_pipeline(timex=False)
    assert [(e.text, e.label_, e.ent_id_) for e in nlp("The orcs marched on Minas Tirith.").ents] == [
        ("orcs", "ORG", "Orc host"), ("Minas Tirith", "GPE", "Gondor")]
    monkeypatch.delenv("CTE_LEXICON_DIR")
    assert place_by_alias("Damascus").name == "Damascus"


def test_an_edited_lexicon_is_reread(tmp_path):
    write_lexicon(tmp_path, ["Gondor\tcity\tX\tY\t10\t20\t\tGondor"])
    assert place_by_alias("Rohan", tmp_path) is None
    import os
    write_lexicon(tmp_path, ["Rohan\tcity\tX\tY\t10\t20\t\tRohan"])
    stat = (tmp_path / "places.tsv").stat()
    os.utime(tmp_path / "places.tsv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert place_by_alias("Rohan", tmp_path).name == "Rohan"


def test_a_missing_file_says_which(tmp_path):
    with pytest.raises(FileNotFoundError, match="triggers.tsv"):
        triggers(tmp_path)


@pytest.mark.parametrize("name", ["places.tsv", "actors.tsv", "triggers.tsv"])
def test_every_lexicon_file_starts_with_its_format(name):
    text = (lexicon.lexicon_dir() / name).read_text(encoding="utf-8")
    assert text.startswith("# ") and "Format:" in text.split("\n\n")[0]

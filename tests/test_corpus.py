"""The corpus readers: formats, the seed corpus, and bad input that must not stop a batch."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from lib.corpus import Article, Problem, read_articles
from lib.corpus.article import normalise_published
from lib.corpus.readers import READERS, make_article, register_reader
from lib.settings import DATA_DIR, PROJECT_ROOT, SETTINGS_DOC, Settings
from lib.temporal.timex import Timex

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
CORPUS = DATA_DIR / "corpus"


def no_tagger(text, dct):
    return []


def read(paths, **options):
    options.setdefault("tagger", no_tagger)
    return list(read_articles(paths, **options))


def articles(items):
    return [item for item in items if isinstance(item, Article)]


def problems(items):
    return [item for item in items if isinstance(item, Problem)]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- the seed corpus -----------------------------------------------------------------------------

SEED_METADATA = [  # stem, published, dct_source, source, url
    ("000_3e5b5d5b855bd088", "2024-12-06", "metadata", "The New York Times", ""),
    ("001_deb08d6d3284c542", "2024-12-06", "metadata", "The New York Times", ""),
    ("002_9947dc919c21692a", "2024-12-06T22:35", "text cue", "Newsweek", ""),
    ("003_233c76e6b16ad938", "2024-12-07", "metadata", "The Times of Israel",
     "https://www.timesofisrael.com/iran-said-to-evacuate-officials-from-syria-in-apparent-loss-"
     "of-faith-in-assad/"),
    ("004_fb0bac4d8e447d8c", "2024-12-07", "inferred", "unknown", ""),
]


@pytest.mark.parametrize("stem, published, dct_source, source, url", SEED_METADATA)
def test_seed_metadata(stem, published, dct_source, source, url):
    [article] = read([CORPUS / f"{stem}.md"])
    assert (article.id, article.published, article.dct_source, article.url) == (
        stem, published, dct_source, url)
    assert article.source.startswith(source)
    assert article.dct_note


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed folder is not here")
@pytest.mark.parametrize("stem", [row[0] for row in SEED_METADATA])
def test_seed_text_is_the_original_byte_for_byte(stem):
    [article] = read([CORPUS / f"{stem}.md"])
    assert article.text == (SEEDS / f"{stem}.txt").read_bytes().decode("utf-8")


def test_corpus_folder_reads_the_five_seeds_in_order_and_skips_its_readme():
    items = read([CORPUS])
    assert problems(items) == []
    assert [a.id for a in articles(items)] == [row[0] for row in SEED_METADATA]


def test_seed_002_says_where_its_date_comes_from():
    [article] = read([CORPUS / "002_9947dc919c21692a.md"])
    assert "Updated 12/06/24, 10:35 PM" in article.dct_note
    assert article.dct == dt.datetime(2024, 12, 6, 22, 35)


# --- formats -------------------------------------------------------------------------------------

def test_plain_text_file_is_one_article_named_by_its_file(tmp_path):
    [article] = read([write(tmp_path, "report.txt", "Rebels took Hama on Thursday.\n")])
    assert (article.id, article.text, article.published, article.dct_source, article.path) == (
        "report", "Rebels took Hama on Thursday.\n", "", "none", str(tmp_path / "report.txt"))


@pytest.mark.parametrize("content, fields, text", [
    ("---\nid: a1\ntitle: Hama falls\npublished: 2024-12-05\n---\nRebels took Hama.",
     {"id": "a1", "title": "Hama falls", "published": "2024-12-05", "dct_source": "metadata"},
     "Rebels took Hama."),
    # the body is kept exactly, leading blank lines and trailing whitespace included
    ("---\ntitle: x\n---\n\n  Rebels took Hama.\n\n", {"id": "art"}, "\n  Rebels took Hama.\n\n"),
    ("---\r\npublished: '2024-12-06T22:35'\r\n---\r\nLine one.\r\nLine two.\r\n",
     {"published": "2024-12-06T22:35"}, "Line one.\r\nLine two.\r\n"),
    ("No front matter at all.\n", {"id": "art", "published": "", "dct_source": "none"},
     "No front matter at all.\n"),
    ("---\n---\nEmpty header.", {"id": "art"}, "Empty header."),
    ("---\npublished: 2024-12-06 22:35:00\ndct_source: text cue\ndct_note: from the byline\n---\nT.",
     {"published": "2024-12-06T22:35", "dct_source": "text cue", "dct_note": "from the byline"}, "T."),
    ("\ufeff---\nurl: https://example.org/a\n---\nWith a byte order mark.",
     {"url": "https://example.org/a"}, "With a byte order mark."),
])
def test_markdown_front_matter(tmp_path, content, fields, text):
    [article] = read([write(tmp_path, "art.md", content)])
    assert article.text == text
    for name, value in fields.items():
        assert getattr(article, name) == value


def test_json_lines_one_article_per_line_with_ids(tmp_path):
    lines = [{"id": "x1", "title": "T", "source": "S", "url": "u", "published": "2024-12-06",
              "text": "Rebels took Hama."},
             {"text": "No metadata here."}]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n\n")
    first, second = read([path])
    assert (first.id, first.title, first.source, first.url, first.published, first.dct_source) == (
        "x1", "T", "S", "u", "2024-12-06", "metadata")
    assert (second.id, second.text, second.dct_source) == ("feed:2", "No metadata here.", "none")
    assert first.path == second.path == str(path)


def test_folder_gives_known_files_sorted_without_readme_and_hidden_files(tmp_path):
    for name in ("b.txt", "a.md", "README.md", ".hidden.txt", "notes.pdf", "c.jsonl"):
        write(tmp_path, name, '{"text": "x"}' if name.endswith("jsonl") else "Some text.")
    assert [a.id for a in read([tmp_path])] == ["a", "b", "c:1"]


def test_stdin_is_one_plain_text_article():
    [article] = read(["-"], stdin=io.BytesIO("Rebels took Hama on Thursday.".encode()))
    assert (article.id, article.path, article.text) == ("stdin", "-", "Rebels took Hama on Thursday.")


@pytest.mark.parametrize("published, dct", [
    ("2024-12-06", dt.date(2024, 12, 6)),
    ("2024-12-06T22:35", dt.datetime(2024, 12, 6, 22, 35)),
    ("", None),
])
def test_article_dct(published, dct):
    article = Article("a", "", "", "", published, "metadata" if published else "none", "T.")
    assert article.dct == dct


@pytest.mark.parametrize("value, expected", [
    ("2024-12-06", "2024-12-06"),
    (" 2024-12-06 ", "2024-12-06"),
    ("2024-12-06T22:35", "2024-12-06T22:35"),
    ("2024-12-06 22:35:10", "2024-12-06T22:35:10"),
    ("2024-12-06T22:35:00Z", "2024-12-06T22:35"),
    (dt.date(2024, 12, 6), "2024-12-06"),
    (dt.datetime(2024, 12, 6, 8, 5), "2024-12-06T08:05"),
])
def test_normalise_published(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value, reason", [
    ("2024-13-45", "published: '2024-13-45' is not a valid date: month must be in 1..12"),
    ("2024-02-30", "published: '2024-02-30' is not a valid date: day is out of range for month"),
    ("yesterday", "published: 'yesterday' is not an ISO date (expected YYYY-MM-DD"),
    ("12/06/2024", "published: '12/06/2024' is not an ISO date"),
    (20241206, "published: 20241206 is not a date"),
])
def test_normalise_published_says_which_field_and_why(value, reason):
    with pytest.raises(ValueError) as error:
        normalise_published(value)
    assert str(error.value).startswith(reason)


# --- the registry --------------------------------------------------------------------------------

def test_a_new_format_is_one_function_and_one_registration(tmp_path, monkeypatch):
    monkeypatch.setitem(READERS, ".rev", None)

    @register_reader(".rev")
    def read_reversed(path, max_bytes):
        yield make_article({}, path.read_text()[::-1], path=str(path), default_id=path.stem)

    [article] = read([write(tmp_path, "x.rev", ".dlrow olleH")])
    assert article.text == "Hello world."
    assert [a.id for a in read([tmp_path])] == ["x"]


# --- bad input: each yields a Problem naming the place and the reason; the rest is read ---------

BIG = b"Rebels advanced. " * (5 * 1024 * 1024 // 17 + 1)

BAD_INPUT = [  # file name, content, where (suffix), reason fragments
    ("empty.txt", b"", "empty.txt", ["empty file"]),
    ("blank.txt", b"  \n\t \r\n", "blank.txt", ["only whitespace"]),
    ("latin1.txt", b"Caf\xe9 in Homs", "latin1.txt", ["not UTF-8", "0xe9", "byte offset 3"]),
    ("huge.txt", BIG, "huge.txt", ["too large", "5.2 MB", "limit of 1.0 MB"]),
    ("blank-body.md", b"---\nid: x\n---\n \n", "blank-body.md", ["article body", "whitespace"]),
    ("unclosed.md", b"---\nid: x\nRebels took Hama.", "unclosed.md",
     ["malformed front matter", "no closing '---'"]),
    ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nText.", "bad-yaml.md",
     ["malformed front matter", "line"]),
    ("list.md", b"---\n- a\n- b\n---\nText.", "list.md", ["malformed front matter"]),
    ("bad-month.md", b"---\npublished: 2024-13-45\n---\nText.", "bad-month.md",
     ["published", "'2024-13-45'", "not a valid date", "month must be in 1..12"]),
    ("yesterday.md", b"---\npublished: yesterday\n---\nText.", "yesterday.md",
     ["published", "'yesterday'", "not an ISO date"]),
    ("bad-source.md", b"---\npublished: 2024-12-06\ndct_source: guess\n---\nText.", "bad-source.md",
     ["dct_source", "'guess'"]),
    ("empty.jsonl", b"\n\n", "empty.jsonl", ["empty file"]),
    ("feed.pdf", b"%PDF", "feed.pdf", ["unknown file type '.pdf'"]),
]


@pytest.mark.parametrize("name, content, where, reasons", BAD_INPUT)
def test_bad_input_is_reported_and_the_rest_is_read(tmp_path, name, content, where, reasons):
    good_before = write(tmp_path, "a-good.txt", "Rebels took Hama.")
    bad = write(tmp_path, name, content)
    good_after = write(tmp_path, "z-good.md", "---\npublished: 2024-12-06\n---\nHoms is next.")
    items = read([good_before, bad, good_after])
    [problem] = problems(items)
    assert problem.where == str(tmp_path / where)
    for fragment in reasons:
        assert fragment in problem.reason
    assert [a.id for a in articles(items)] == ["a-good", "z-good"]


JSONL_LINES = [
    ('{"id": "ok1", "text": "Rebels took Hama."}', None),
    ('{"id": "broken", "text": "no closing brace"', ["not valid JSON", "column"]),
    ('{"id": "no-text", "title": "T"}', ['no "text" field']),
    ('{"id": "blank", "text": "   "}', ['"text"', "whitespace"]),
    ('{"id": "number", "text": 42}', ['"text" is not a string']),
    ('["a", "list"]', ["expected a JSON object"]),
    ('{"id": "date", "published": "2024-13-45", "text": "T."}', ["published", "'2024-13-45'"]),
    ('{"id": "ok2", "text": "Homs is next."}', None),
]


def test_json_lines_bad_lines_are_reported_with_their_line_number(tmp_path):
    path = write(tmp_path, "feed.jsonl", "\n".join(line for line, _ in JSONL_LINES) + "\n")
    items = read([path])
    assert [a.id for a in articles(items)] == ["ok1", "ok2"]
    expected = [(f"{path}:{number}", reasons)
                for number, (_, reasons) in enumerate(JSONL_LINES, start=1) if reasons]
    got = problems(items)
    assert [p.where for p in got] == [where for where, _ in expected]
    for problem, (_, reasons) in zip(got, expected):
        for fragment in reasons:
            assert fragment in problem.reason, problem


def test_json_lines_bad_utf8_names_the_line_and_the_file_byte_offset(tmp_path):
    path = write(tmp_path, "feed.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    items = read([path])
    [problem] = problems(items)
    assert problem.where == f"{path}:2"
    assert "not UTF-8" in problem.reason and "byte offset 28" in problem.reason
    assert len(articles(items)) == 1


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    locked = write(tmp_path, "locked.txt", "Secret.")
    original = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = read([locked, write(tmp_path, "open.txt", "Open.")])
    assert problems(items) == [Problem(str(locked), "cannot read: Permission denied")]
    assert [a.id for a in articles(items)] == ["open"]


def test_missing_path_and_empty_folder_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    items = read([tmp_path / "missing.txt", tmp_path / "empty"])
    assert [p.where for p in problems(items)] == [str(tmp_path / "missing.txt"),
                                                   str(tmp_path / "empty")]
    assert "no such file" in items[0].reason and "no article files" in items[1].reason


@pytest.mark.parametrize("stdin, reason", [
    (b"", "empty input"), (b"  \n", "only whitespace"), (b"\xff\xfe", "not UTF-8"),
])
def test_bad_stdin_is_reported(stdin, reason):
    [problem] = read(["-"], stdin=io.BytesIO(stdin))
    assert problem.where == "-" and reason in problem.reason


def test_size_limit_is_a_setting(tmp_path, monkeypatch):
    assert "CTE_MAX_ARTICLE_BYTES" in SETTINGS_DOC
    assert Settings().max_article_bytes == 1_000_000
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "10")
    [problem] = read([write(tmp_path, "long.txt", "More than ten bytes.")])
    assert "over the limit of 10 bytes" in problem.reason
    [article] = read([write(tmp_path, "long.txt", "More than ten bytes.")], max_bytes=100)
    assert article.text == "More than ten bytes."


# --- the publication date of an article without one ----------------------------------------------

def test_missing_date_is_inferred_from_the_text(tmp_path):
    text = "Rebels took Daraa.\nPosted Dec. 7, 2024"
    start = text.index("Dec.")

    def tagger(text_, dct):
        assert dct is None
        return [Timex(start, start + 12, "Dec. 7, 2024", "DATE", "2024-12-07")]

    [article] = read([write(tmp_path, "a.txt", text)], tagger=tagger)
    assert (article.published, article.dct_source, article.dct_note) == (
        "2024-12-07", "text cue", "from 'Posted Dec. 7, 2024'")


def test_nothing_to_infer_from_keeps_the_date_empty_never_today(tmp_path):
    [article] = read([write(tmp_path, "a.txt", "Rebels advanced on Friday.")])
    assert (article.published, article.dct_source, article.dct) == ("", "none", None)
    assert "none could be inferred" in article.dct_note


def test_metadata_date_is_kept_and_the_tagger_not_called(tmp_path):
    def tagger(text, dct):
        raise AssertionError("no inference needed")

    [article] = read([write(tmp_path, "a.md", "---\npublished: 2024-12-06\n---\nText.")],
                     tagger=tagger)
    assert article.published == "2024-12-06"


def test_inference_can_be_turned_off(tmp_path):
    [article] = read([write(tmp_path, "a.txt", "Posted 2024-12-07")], infer_dct=False,
                     tagger=lambda text, dct: [Timex(7, 17, "2024-12-07", "DATE", "2024-12-07")])
    assert article.dct_source == "none"


def test_a_dateline_that_contradicts_the_metadata_date_wins_when_reading(tmp_path):
    """What `python -m lib timex` and the benchmarks read agrees with what the pipeline stores: a
    clear dateline at the top of the text overrides a metadata date that contradicts it; one that
    agrees, or none, leaves the metadata date alone; infer_dct=False reads the file as it is."""
    rows = [{"id": "wrong", "published": "2011-09-15", "text": "Mon Jun 20 2016 Rebels shelled Aleppo."},
            {"id": "agrees", "published": "2016-06-20", "text": "Mon Jun 20 2016 Rebels shelled Aleppo."},
            {"id": "none", "published": "2011-09-15", "text": "Rebels shelled Aleppo on Monday."}]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    read = {a.id: a for a in read_articles([path])}
    assert (read["wrong"].published[:10], read["wrong"].dct_source) == ("2016-06-20", "text cue")
    assert "2011-09-15" in read["wrong"].dct_note
    assert (read["agrees"].published, read["agrees"].dct_source) == ("2016-06-20", "metadata")
    assert (read["none"].published, read["none"].dct_source) == ("2011-09-15", "metadata")
    raw = {a.id: a for a in read_articles([path], infer_dct=False)}
    assert (raw["wrong"].published, raw["wrong"].dct_source) == ("2011-09-15", "metadata")

"""`python -m lib timex`: the command-line contract of DESIGN.md."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lib import temporal
from lib.cli import COMMANDS, NO_DCT, main
from lib.settings import DATA_DIR, PROJECT_ROOT
from lib.temporal.timex import Timex

SEED_002 = DATA_DIR / "corpus" / "002_9947dc919c21692a.md"


def fake_tag(text, dct):
    """Each 'Friday' is a timex: the DCT's day when there is a DCT, unresolved otherwise."""
    value = dct.isoformat()[:10] if dct else "XXXX-WXX-5"
    return [Timex(m.start(), m.end(), m.group(), "DATE", value, anchor="DCT" if dct else "",
                  rule="fake_weekday") for m in re.finditer(r"Friday", text)]


@pytest.fixture(autouse=True)
def tagger(monkeypatch):
    monkeypatch.setattr(temporal, "tag", fake_tag)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def run(capsys, *argv: str) -> tuple[int, list[dict], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err.splitlines()


def test_json_lines_one_object_per_article(tmp_path, capsys):
    md = write(tmp_path, "a.md", "---\nid: art-1\npublished: 2024-12-06\n---\nRebels advanced on Friday.")
    jsonl = write(tmp_path, "b.jsonl", '{"text": "On Friday, Homs.", "published": "2024-12-07"}\n'
                                       '{"id": "x", "text": "No dates.", "published": "2024-12-07"}\n')
    code, records, errors = run(capsys, "timex", str(md), str(jsonl))
    assert (code, errors) == (0, [])
    assert [(r["file"], r["id"], r["dct"], r["dct_source"]) for r in records] == [
        (str(md), "art-1", "2024-12-06", "metadata"),
        (str(jsonl), "b:1", "2024-12-07", "metadata"),
        (str(jsonl), "x", "2024-12-07", "metadata")]
    assert records[0]["timexes"] == [{"start": 19, "end": 25, "text": "Friday", "type": "DATE",
                                      "value": "2024-12-06", "mod": "", "anchor": "DCT",
                                      "rule": "fake_weekday"}]
    assert records[2]["timexes"] == []


def test_dct_option_overrides_every_article(tmp_path, capsys):
    md = write(tmp_path, "a.md", "---\npublished: 2024-12-01\n---\nOn Friday.")
    txt = write(tmp_path, "b.txt", "Also on Friday.")
    code, records, _ = run(capsys, "timex", "--dct", "2024-12-06", str(md), str(txt))
    assert code == 0
    assert [(r["dct"], r["dct_source"]) for r in records] == [("2024-12-06", "user")] * 2
    assert {t["value"] for r in records for t in r["timexes"]} == {"2024-12-06"}


def test_inferred_dct_is_used_and_said(tmp_path, capsys, monkeypatch):
    text = "Rebels advanced on Friday.\nUpdated 12/06/24, 10:35 PM: more."

    def tag(text_, dct):
        cue = Timex(text.index("12/"), text.index(": more"), "12/06/24, 10:35 PM", "TIME",
                    "2024-12-06T22:35")
        return [cue, *fake_tag(text_, dct)] if dct is None else fake_tag(text_, dct)

    monkeypatch.setattr(temporal, "tag", tag)
    code, [record], _ = run(capsys, "timex", str(write(tmp_path, "n.txt", text)))
    assert (code, record["dct"], record["dct_source"]) == (0, "2024-12-06T22:35", "text cue")
    assert record["timexes"][0]["value"] == "2024-12-06"


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hama fell on Friday.")))
    code, [record], _ = run(capsys, "timex", "--dct", "2024-12-06", "-")
    assert (code, record["file"], record["id"], record["timexes"][0]["start"]) == (0, "-", "stdin", 13)


@pytest.mark.parametrize("value, reason", [
    ("2024-13-45", "'2024-13-45' is not a valid date: month must be in 1..12"),
    ("yesterday", "'yesterday' is not an ISO date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
])
def test_malformed_dct_is_a_usage_error(tmp_path, capsys, value, reason):
    code = main(["timex", "--dct", value, str(write(tmp_path, "a.txt", "Text."))])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"argument --dct: {reason}" in err


BIG = b"Rebels advanced. " * (5 * 1024 * 1024 // 17 + 1)

BAD_FILES = [  # name, content, where (suffix), start of the reason
    ("empty.txt", b"", "empty.txt", "empty file"),
    ("blank.txt", b" \n\t\n", "blank.txt", "file has only whitespace"),
    ("latin1.txt", b"Caf\xe9", "latin1.txt", "not UTF-8 text: byte 0xe9 at byte offset 3"),
    ("huge.txt", BIG, "huge.txt",
     "file too large: 5.2 MB (5,242,885 bytes) is over the limit of 1.0 MB"),
    ("undated.txt", b"Rebels advanced on Friday.", "undated.txt", NO_DCT),
    ("bad-date.md", b"---\npublished: 2024-13-45\n---\nText.", "bad-date.md",
     "published: '2024-13-45' is not a valid date"),
    ("feed.jsonl", b'{"text": "ok on Friday", "published": "2024-12-06"}\n{"text": broken\n',
     "feed.jsonl:2", "not valid JSON"),
]


@pytest.mark.parametrize("name, content, where, reason", BAD_FILES)
def test_bad_input_is_reported_the_rest_processed_and_exit_1(tmp_path, capsys, name, content,
                                                             where, reason):
    good = write(tmp_path, "good.md", "---\npublished: 2024-12-06\n---\nOn Friday.")
    bad = write(tmp_path, name, content)
    code, records, errors = run(capsys, "timex", str(bad), str(good))
    assert code == 1
    [error] = errors
    assert error.startswith(f"lib timex: {tmp_path / where}: {reason}")
    assert str(good) in [r["file"] for r in records]


def test_several_bad_inputs_in_one_call(tmp_path, capsys):
    paths = [write(tmp_path, name, content) for name, content, _, _ in BAD_FILES]
    good = write(tmp_path, "good.md", "---\npublished: 2024-12-06\n---\nOn Friday.")
    code, records, errors = run(capsys, "timex", *map(str, paths), str(tmp_path / "missing.txt"),
                                str(good))
    assert code == 1
    assert len(errors) == len(BAD_FILES) + 1
    assert errors[-1] == f"lib timex: {tmp_path / 'missing.txt'}: no such file or folder"
    assert [r["file"] for r in records] == [str(tmp_path / "feed.jsonl"), str(good)]


def test_no_dct_in_json_lines_names_the_article(tmp_path, capsys):
    feed = write(tmp_path, "feed.jsonl", '{"id": "a7", "text": "On Friday."}\n')
    code, records, errors = run(capsys, "timex", str(feed))
    assert (code, records) == (1, [])
    assert errors == [f"lib timex: {feed}: article 'a7': {NO_DCT}"]


def test_a_tagger_failure_skips_that_article_only(tmp_path, capsys, monkeypatch):
    def tag(text, dct):
        if "boom" in text:
            raise RuntimeError("rule exploded")
        return []

    monkeypatch.setattr(temporal, "tag", tag)
    bad = write(tmp_path, "a.txt", "boom")
    good = write(tmp_path, "b.txt", "fine")
    code, records, errors = run(capsys, "timex", "--dct", "2024-12-06", str(bad), str(good))
    assert code == 1 and [r["id"] for r in records] == ["b"]
    assert errors == [f"lib timex: {bad}: tagging failed: RuntimeError: rule exploded"]


def test_timeml_documents_are_separated_by_a_blank_line(tmp_path, capsys):
    a = write(tmp_path, "a.txt", "Hama <fell> on Friday & more.")
    b = write(tmp_path, "b.txt", "Homs next.")
    assert main(["timex", "--format", "timeml", "--dct", "2024-12-06", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    documents = out.split("</TimeML>\n\n")
    assert len(documents) == 2
    first = ET.fromstring(documents[0] + "</TimeML>")
    assert "".join(first.find("TEXT").itertext()) == "Hama <fell> on Friday & more."
    assert first.find("TEXT/TIMEX3").get("value") == "2024-12-06"
    assert ET.fromstring(documents[1]).find("DOCID").text == "b"


@pytest.mark.parametrize("format_, suffix", [("timeml", ".tml"), ("json", ".json")])
def test_out_writes_one_file_per_article(tmp_path, capsys, format_, suffix):
    feed = write(tmp_path, "feed.jsonl", '{"id": "x/1", "text": "On Friday."}\n'
                                         '{"id": "x/1", "text": "Again Friday."}\n'
                                         '{"text": "Third."}\n')
    out = tmp_path / "out"
    assert main(["timex", "--format", format_, "--dct", "2024-12-06", "--out", str(out),
                 str(feed)]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"x_1{suffix}", f"x_1-2{suffix}", f"feed_3{suffix}"])
    if format_ == "timeml":
        assert ET.parse(out / "x_1-2.tml").getroot().find("DOCID").text == "x/1"
    else:
        assert json.loads((out / "feed_3.json").read_text())["id"] == "feed:3"


def test_help_explains_the_commands(capsys):
    assert main(["--help"]) == 0
    top = capsys.readouterr().out
    for command in COMMANDS:
        assert command in top
    assert "exit status" in top
    assert main(["timex", "--help"]) == 0
    timex = capsys.readouterr().out
    for needed in ("--dct", "--format", "--out", "'-'", ".jsonl", "front matter", "JSON Lines",
                   "TimeML", "dct_source", "anchor", "exit status", "lib timex: PATH: REASON"):
        assert needed in timex, needed


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_real_process_reads_stdin_and_files(tmp_path):
    missing = tmp_path / "missing.txt"
    result = subprocess.run([sys.executable, "-m", "lib", "timex", "--dct", "2024-12-06", "-",
                             str(SEED_002), str(missing)],
                            input="Hama fell on Thursday.".encode(), capture_output=True,
                            cwd=PROJECT_ROOT, timeout=300)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["file"], r["dct"], r["dct_source"]) for r in records] == [
        ("-", "2024-12-06", "user"), (str(SEED_002), "2024-12-06", "user")]
    assert result.stderr.decode().splitlines() == [
        f"lib timex: {missing}: no such file or folder"]


def test_real_tagger_on_seed_002(capsys, monkeypatch):
    monkeypatch.undo()
    if not temporal.tag("Dec. 4, 2024", None):
        pytest.skip("lib.temporal.tag is still a placeholder")
    code, [record], errors = run(capsys, "timex", str(SEED_002))
    assert (code, errors, record["dct"], record["dct_source"]) == (
        0, [], "2024-12-06T22:35", "text cue")
    by_text = {t["text"]: t["value"] for t in record["timexes"]}
    assert by_text["12/06/24, 10:35 PM"] == "2024-12-06T22:35"
    assert by_text["Thursday"] == "2024-12-05"

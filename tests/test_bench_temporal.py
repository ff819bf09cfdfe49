"""The temporal benchmark: HeidelTime's output read back into offsets, and the table without it."""
import datetime as dt

import pytest

from lib.bench import heideltime, temporal
from lib.bench.scoring import GoldDocument, Run, align
from lib.temporal.timex import Timex


def test_driver_output_becomes_timexes_with_offsets_into_the_text(tmp_path):
    out = tmp_path / "0.out"
    out.write_text("12\t20\tDATE\t2024-12-05\t\tdate_r5c\n26\t34\tDURATION\tP2D\t\tduration_r1\n")
    text = "Rebels left Thursday; for two days they marched."
    rows = heideltime._read_offsets(out)
    timexes = heideltime._from_json(rows, text)
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Thursday", "DATE", "2024-12-05"), ("two days", "DURATION", "P2D")]
    assert timexes[0].rule == "heideltime:date_r5c"


def test_a_document_the_driver_failed_on_has_no_output(tmp_path):
    out = tmp_path / "0.out"
    out.write_text("#error\tDocumentCreationTimeMissingException\n")
    assert heideltime._read_offsets(out) is None
    assert heideltime._read_offsets(tmp_path / "missing.out") is None


def test_the_jar_s_timeml_is_placed_in_the_text_by_searching_forward():
    text = "On Friday & Friday again, AT&T fell."
    timeml = ('<?xml version="1.0"?>\n<TimeML>On <TIMEX3 tid="t1" type="DATE" value="2024-12-06">'
              'Friday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DATE" value="2024-12-06">Friday'
              '</TIMEX3> again, AT&amp;T fell.</TimeML>')
    rows = heideltime._offsets_from_timeml(timeml, text)
    assert [(r[0], r[1]) for r in rows] == [(3, 9), (12, 18)]


def test_the_table_has_one_row_per_suite_and_system():
    gold = (Timex(0, 6, "Friday", "DATE", "2024-12-06"),)
    doc = GoldDocument("d", dt.date(2024, 12, 6), "Friday.", gold)
    run = Run("ours", (("d", align(doc.gold, gold)),))
    table = temporal.table([("suite-a", run), ("suite-b", run)])
    assert table.count("ours") == 2 and "100.00" in table


@pytest.mark.skipif(not temporal.SUITES[0].folder.exists(), reason="shared bench data absent")
def test_ours_alone_runs_on_a_suite(capsys):
    assert temporal.main(["--no-heideltime", "--suites", "te3-platinum"]) == 0
    assert "te3-platinum  ours" in capsys.readouterr().out

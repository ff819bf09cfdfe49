"""Nothing lost, nothing clobbered: the store under typos, missing folders, unreadable files,
kill -9, restarts, concurrent edits from threads and processes, and a store that can't be used.

The analysis is faked (lib.bench.reliability.install_fake_analysis), so these check the store's and
the pipeline's own logic quickly; `python -m lib.bench.reliability` runs the same with the real
pipeline and prints figures."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lib.bench.reliability import concurrent_edits, consistency_problems, write_corpus
from lib.cli import main
from lib.corpus import Problem, read_articles
from lib.pipeline import PruneRefused, set_published, update
from lib.settings import PROJECT_ROOT, Settings, SettingError
from lib.store import EditConflict, Store, StoreError


@pytest.fixture
def fake(monkeypatch):
    """The fake analysis, installed for this test only."""
    from lib.bench.reliability import install_fake_analysis

    for name in ("lib.extract.articles", "lib.extract.events", "lib.extract.control",
                 "lib.extract.spacy_pipeline"):  # put back as they were after the test
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name))
    install_fake_analysis()


@pytest.fixture
def filled(fake, tmp_path):
    """A corpus of 6 articles and a store holding them."""
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, 6)
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        update(store, [corpus])
    return corpus, path, set(ids)


def stored(path: Path) -> set[str]:
    with Store(path) as store:
        return set(store.known_hashes())


# --- nothing lost --------------------------------------------------------------------------------

def test_a_mistyped_or_missing_input_removes_nothing(filled, tmp_path):
    corpus, path, ids = filled
    with Store(path) as store:
        report = update(store, [tmp_path / "corpsu"])  # the app's start, or the CLI, on a typo
        assert [p.reason for p in report.problems] == ["no such file or folder"]
        assert report.removed == 0 and set(report.not_in_inputs) == ids
        with pytest.raises(PruneRefused, match="refusing to prune: .*corpsu does not exist"):
            update(store, [corpus, tmp_path / "corpsu"], prune=True)
        (tmp_path / "empty").mkdir()  # an unmounted drive looks like this
        with pytest.raises(PruneRefused, match="holds no article files"):
            update(store, [tmp_path / "empty"], prune=True)
    assert stored(path) == ids


def test_an_unreadable_file_keeps_its_article_even_with_prune(filled):
    corpus, path, ids = filled
    (corpus / "a0002.md").write_bytes(b"\xff\xfe no longer UTF-8")
    os.symlink(corpus / "gone.md", corpus / "a0003.md.tmp")  # noise a reader ignores
    with Store(path) as store:
        report = update(store, [corpus], prune=True)
    assert any(p.where.endswith("a0002.md") for p in report.problems)
    assert report.removed == 0 and stored(path) == ids


def test_prune_removes_only_what_the_inputs_no_longer_give(filled):
    corpus, path, ids = filled
    (corpus / "a0005.md").unlink()
    with Store(path) as store:
        assert update(store, [corpus]).removed == 0
        report = update(store, [corpus], prune=True)
    assert report.removed == 1 and stored(path) == ids - {"a0005"}


def test_the_cli_on_a_typo_keeps_the_store_and_its_csv(filled, tmp_path, capsys):
    corpus, _, ids = filled
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    assert main(["extract", str(tmp_path / "corpsu"), "--out", str(out)]) == 1
    assert len((out / "articles.csv").read_text(encoding="utf-8-sig").splitlines()) > len(ids)
    assert main(["extract", str(tmp_path / "corpsu"), "--out", str(out), "--prune"]) == 2
    assert stored(out / "store.duckdb") == ids
    assert "refusing to prune" in capsys.readouterr().err


_KILLED_UPDATE = textwrap.dedent("""
    import sys
    from lib.bench.reliability import install_fake_analysis
    install_fake_analysis(delay=0.15)
    from lib.pipeline import update
    from lib.store import Store
    with Store(sys.argv[1]) as store:
        update(store, [sys.argv[2]], on_progress=lambda done, total: print(done, flush=True))
""")


def test_kill_9_in_the_middle_of_an_update_loses_nothing(filled):
    corpus, path, ids = filled
    for file in corpus.glob("*.md"):  # every article changed: the update re-analyses them all
        file.write_text(file.read_text(encoding="utf-8") + "\nMore on Friday.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _KILLED_UPDATE, str(path), str(corpus)],
                               cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "1"
    assert process.stdout.readline().strip() == "2"  # mid-run: 2 of 6 stored
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert stored(path) == ids
    with Store(path) as store:
        update(store, [corpus])  # the restart finishes the job
        assert consistency_problems(store) == [] and set(store.known_hashes()) == ids


# --- nothing clobbered ---------------------------------------------------------------------------

def test_concurrent_edits_from_threads_raise_nothing_and_stay_consistent(filled):
    _, path, _ = filled
    counts = concurrent_edits(path, threads=4, processes=0, rounds=100)
    assert counts["edits"] + counts["conflicts"] == 100
    assert (counts["exceptions"], counts["inconsistent"]) == (0, 0)
    assert counts["edits"] > 0


def test_concurrent_edits_from_processes_and_threads(filled):
    _, path, _ = filled
    counts = concurrent_edits(path, threads=2, processes=2, rounds=40, fake=True)
    assert (counts["exceptions"], counts["inconsistent"]) == (0, 0)
    assert counts["edits"] + counts["conflicts"] == 40 and counts["edits"] > 0


def test_a_stale_edit_is_a_conflict_naming_the_current_value(filled):
    _, path, _ = filled
    with Store(path) as store:
        seen = store.article("a0001").published
        set_published(store, "a0001", "2024-11-20", expected=seen)  # another analyst
        with pytest.raises(EditConflict) as conflict:
            set_published(store, "a0001", "2024-11-25", expected=seen)
        assert conflict.value.current == "2024-11-20"
        assert "another analyst just changed" in str(conflict.value)
        assert store.article("a0001").published == "2024-11-20"
        assert store.overrides() == {"a0001": "2024-11-20"}
        assert consistency_problems(store) == []


def test_an_update_never_overwrites_a_date_set_meanwhile(filled):
    corpus, path, _ = filled
    (corpus / "a0001.md").write_text((corpus / "a0001.md").read_text() + " Changed.\n")
    with Store(path) as store:
        original = store.change

        def edit_then_change():  # an analyst saves a date while the update analyses
            store.change = original
            set_published(store, "a0001", "2024-11-02")
            return original()

        store.change = edit_then_change
        update(store, [corpus])
        assert store.article("a0001").published == "2024-11-02"
        assert consistency_problems(store) == []


# --- refused in plain words ----------------------------------------------------------------------

@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1899-12-31T10:00"])
def test_a_publication_date_outside_the_range_is_refused_naming_the_file(tmp_path, published):
    path = tmp_path / "far.md"
    path.write_text(f"---\npublished: {published}\n---\nRebels took Hama on Friday.\n")
    [problem] = read_articles([path])
    assert isinstance(problem, Problem) and problem.where == str(path)
    assert "outside the accepted publication dates" in problem.reason
    assert "CTE_PUBLISHED_RANGE" in problem.reason


def test_the_published_range_is_a_setting(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CTE_PUBLISHED_RANGE", "0001..9999")
    path = tmp_path / "old.md"
    path.write_text("---\npublished: 1850-06-01\n---\nText.\n")
    [article] = read_articles([path])
    assert article.published == "1850-06-01"
    monkeypatch.setenv("CTE_PUBLISHED_RANGE", "nonsense")
    assert main(["timex", str(path)]) == 2
    assert "CTE_PUBLISHED_RANGE" in capsys.readouterr().err


def test_a_dct_outside_the_range_is_a_usage_error(tmp_path, capsys):
    assert main(["timex", "--dct", "9999-12-31", "-"]) == 2
    assert "outside the accepted publication dates" in capsys.readouterr().err


@pytest.mark.parametrize("value, expected", [("2MB", 2_000_000), ("500KB", 500_000),
                                             ("1 MiB", 1_048_576), ("123", 123)])
def test_size_settings_take_units(value, expected):
    assert Settings.from_env({"CTE_MAX_ARTICLE_BYTES": value}).max_article_bytes == expected


def test_a_bad_size_setting_is_a_message_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "2 XB")
    with pytest.raises(SettingError):
        Settings.from_env()
    assert main(["timex", "-"]) == 2
    assert "CTE_MAX_ARTICLE_BYTES: '2 XB' is not a size" in capsys.readouterr().err


def test_a_text_over_the_models_limit_is_refused_whatever_the_byte_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "3MB")
    path = tmp_path / "long.txt"
    path.write_text("Rebels advanced. " * 70_000)  # 1.19 million characters
    [problem] = read_articles([path], infer_dct=False)
    assert "text too long" in problem.reason and "1,000,000" in problem.reason


def test_subfolders_and_broken_links_are_reported(tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, 1)
    (folder / "more").mkdir()
    os.symlink(folder / "nowhere.md", folder / "dangling.md")
    os.symlink(folder / "loop2.md", folder / "loop1.md")
    os.symlink(folder / "loop1.md", folder / "loop2.md")
    reasons = {Path(p.where).name: p.reason for p in read_articles([folder], infer_dct=False)
               if isinstance(p, Problem)}
    assert "subfolder skipped" in reasons["more"]
    assert "dangling symbolic link" in reasons["dangling.md"]
    assert "symbolic link loop" in reasons["loop1.md"]
    # a subfolder given as an input of its own is read, not reported
    assert "more" not in {Path(p.where).name for p in read_articles([folder, folder / "more"])
                          if isinstance(p, Problem) and "subfolder" in p.reason}


def test_a_damaged_store_is_exit_2_in_words(filled, tmp_path, capsys):
    corpus, _, _ = filled
    out = tmp_path / "out"
    out.mkdir()
    (out / "store.duckdb").write_bytes(b"DUCK" * 4096)
    assert main(["extract", str(corpus), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "damaged or not a DuckDB file" in error and "Move it aside" in error
    assert "Traceback" not in error


def test_an_unwritable_store_is_exit_2_in_words(filled, tmp_path, capsys):
    corpus, _, _ = filled
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out"),
                 "--store", str(blocker / "store.duckdb")]) == 2
    error = capsys.readouterr().err
    assert "cannot write the store" in error and "CTE_STORE_PATH" in error


def test_a_store_open_elsewhere_waits_then_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CTE_STORE_WAIT", "0.3")
    path = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from lib.store import Store; s = Store({str(path)!r}); "
                               "print('open', flush=True); input()"],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"in use by another process \(pid \d+\)"):
            Store(path)
    finally:
        holder.communicate("\n", timeout=30)
    Store(path).close()  # free again once the other process is done


# --- waiting for a date ----------------------------------------------------------------------------

def test_an_undated_article_waits_and_is_added_when_dated(fake, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    (corpus / "undated.txt").write_text("Rebels took Homs on Friday.")
    with Store(tmp_path / "s.duckdb") as store:
        report = update(store, [corpus])
        assert report.waiting == ("undated",)
        assert store.pending()["article_id"].tolist() == ["undated"]
        update(store, [corpus])  # a restart: still waiting, listed once
        assert store.pending()["article_id"].tolist() == ["undated"]
        set_published(store, "undated", "2024-12-06", expected="")
        assert store.article("undated").published == "2024-12-06"
        assert store.pending().empty and consistency_problems(store) == []

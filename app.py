"""Home page: what the corpus holds, the latest developments, and how to add articles."""
import streamlit as st

from lib.app import desk, ui
from lib.app.navigation import route

if route(__file__):  # the sidebar's pages, this one titled Home; another page ran: done
    st.stop()

st.set_page_config(page_title="Conflict timeline explorer", layout="wide")
st.title("Conflict timeline explorer")

config = ui.settings()
summary = desk.home_summary()  # queries over the events (the analysts' corrections applied)

columns = st.columns([1, 1, 2, 1, 1])
columns[0].metric("Articles", summary.n_articles)
columns[1].metric("Outlets", summary.n_outlets)
columns[2].metric("Published", summary.published_range)
columns[3].metric("Events", summary.n_events)
columns[4].metric("Cities", summary.n_cities)

report = ui.update_report()
waiting = set(report.waiting)
for problem in report.problems:
    if problem.reason.startswith("no publication date") and waiting:
        continue  # listed below, with where to date them
    st.warning(f"Skipped {ui.plain(problem.where)}: {ui.plain(problem.reason)}")
pending = desk.store_view().pending
if pending is not None and len(pending):
    st.warning(f"{len(pending)} article(s) wait for a publication date (none in the file, "
               "none could be inferred): set it on the **Articles** page to add them.")
if report.not_in_inputs:
    shown = ", ".join(ui.plain(i) for i in report.not_in_inputs[:5])
    more = f" and {len(report.not_in_inputs) - 5} more" if len(report.not_in_inputs) > 5 else ""
    st.info(f"{len(report.not_in_inputs)} stored article(s) are no longer in the corpus folder "
            f"({shown}{more}): kept. To remove them, run python -m lib extract "
            f"{ui.plain(config.corpus_dir)} --out DIR --store {ui.plain(config.store_path)} "
            "--prune.")

st.subheader("Latest developments")
if summary.latest.empty:
    st.info("No events extracted yet.")
for line in summary.latest_lines:
    st.markdown(f"- {ui.plain(line)}")

st.subheader("Articles")
st.dataframe(summary.article_table, key="home_articles", hide_index=True)

st.subheader("Adding articles")
st.markdown(
    "Upload `.txt`, `.md`, `.html` or `.jsonl` files, or paste a report, on the **Articles** "
    "page, with its publication date: the explorer extracts it at once and keeps it "
    f"(files are saved under {ui.plain(config.corpus_dir)}/uploads). You can also drop files "
    f"into {ui.plain(config.corpus_dir)} and restart: `.md` with a front-matter header (title, "
    "source, url, published), `.jsonl` with one article a line (id, title, source, url, "
    "published, text). An article without a publication date gets one inferred from its text; "
    "the Articles page says how each date is known and lets you correct it.")
st.page_link("pages/3_Articles.py", label="Go to Articles")

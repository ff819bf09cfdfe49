"""Articles: each article with its dates and entities highlighted, its publication date (editable),
the articles waiting for a date, and adding articles by upload or paste."""
import datetime as dt

import streamlit as st

from lib.app import ui
from lib.app.article_view import (article_html, date_bounds, pasted_upload, timex_table,
                                  title_html, widget_key)
from lib.app.highlight import legend_html
from lib.corpus.readers import size_text
from lib.temporal.spans import day_of

st.set_page_config(page_title="Articles · Conflict timeline explorer", layout="wide")
st.title("Articles")

config = ui.settings()
accepted = config.accepted_published()
tables = ui.tables()
articles = tables.articles
notice = st.session_state.pop("art_notice", None)
if notice:
    st.success(notice)
conflict = st.session_state.pop("art_conflict", None)
if conflict:
    st.warning(conflict)

pending = tables.pending
if pending is not None and len(pending):
    st.subheader(f"Waiting for a publication date ({len(pending)})")
    st.caption("These articles have no publication date in their file and none could be inferred "
               "from their text. Set the date to add them: every relative date in them is "
               "resolved against it.")
    for row in pending.to_dict("records"):
        key = widget_key(row["article_id"])
        with st.form(f"art_pending_form_{key}"):
            st.markdown(f"**{ui.plain(row['title'] or row['article_id'])}** · "
                        f"{ui.plain(row['source'] or 'unknown outlet')} · "
                        f"id {ui.plain(row['article_id'])} · file {ui.plain(row['path'])}")
            st.caption(ui.plain(row["excerpt"]))
            day = st.date_input("Publication date", value=None, min_value=accepted.first,
                                max_value=accepted.last, key=f"art_pending_date_{key}",
                                format="YYYY-MM-DD")
            if st.form_submit_button("Set the date and add the article",
                                     key=f"art_pending_set_{key}"):
                if day is None:
                    st.error("Choose a date first.")
                else:
                    with st.spinner("Adding the article with its date…"):
                        clash = ui.set_published(row["article_id"], day.isoformat(), expected="")
                    if clash is not None:
                        st.session_state["art_conflict"] = str(clash)
                    else:
                        st.session_state["art_notice"] = (
                            f"Publication date of {row['article_id']} set to {day.isoformat()}: "
                            "the article was added.")
                    st.rerun()

if articles.empty:
    st.info("No articles yet: add some below.")
else:
    labels = {r["id"]: f"{day_of(r['published']) or 'undated'} · {r['source'] or 'unknown outlet'} · "
                       f"{r['title'] or r['id']}" for r in articles.to_dict("records")}
    article_id = st.selectbox("Article", list(labels), format_func=labels.get, key="art_pick")
    article = articles[articles["id"] == article_id].iloc[0]
    timexes = tables.timexes[tables.timexes["article_id"] == article_id]
    mentions = tables.mentions[tables.mentions["article_id"] == article_id]

    ui.html_block(title_html(article["title"] or article["id"]))
    st.caption(f"{ui.plain(article['source'] or 'unknown outlet')} · id {ui.plain(article['id'])}")

    # the date this session last showed: a save is checked against it (another analyst may
    # have changed the article since; the rerun that handles the click already reads theirs)
    seen_key = f"art_seen_{widget_key(article_id)}"
    seen = st.session_state.get(seen_key, article["published"])
    st.session_state[seen_key] = article["published"]
    with st.form(f"art_date_form_{article_id}"):
        st.markdown(f"**Published:** {ui.plain(article['published'] or 'unknown')} — known from "
                    f"*{ui.plain(article['dct_source'])}*"
                    + (f": {ui.plain(article['dct_note'])}" if article["dct_note"] else ""))
        current = dt.date.fromisoformat(day_of(article["published"])) if article["published"] else None
        first, last = date_bounds(accepted.first, accepted.last, current)
        new_date = st.date_input("Correct the publication date", value=current,
                                 min_value=first, max_value=last, key=f"art_date_{article_id}",
                                 format="YYYY-MM-DD")
        if st.form_submit_button("Save the date and re-resolve", key="art_set"):
            if new_date is None:
                st.error("Choose a date first.")
            else:
                with st.spinner("Re-resolving the article's dates and what depends on them…"):
                    clash = ui.set_published(article_id, new_date.isoformat(), expected=seen)
                if clash is not None:
                    st.session_state["art_conflict"] = str(clash)
                else:
                    st.session_state["art_notice"] = (
                        f"Publication date set to {new_date.isoformat()}: the article's dates, "
                        "events and control were re-resolved.")
                st.rerun()

    ui.html_block(legend_html())
    text_column, timex_column = st.columns([3, 2])
    with text_column:
        ui.html_block(article_html(article["text"], timexes, mentions))
    with timex_column:
        st.markdown("**Temporal expressions**")
        st.dataframe(timex_table(timexes), key="art_timexes", hide_index=True)

st.divider()
st.header("Add articles")
st.markdown("Upload `.txt`, `.md` (front matter), `.html` or `.jsonl` files, or paste a report. "
            f"At most {size_text(config.max_article_bytes)} a file (a `.jsonl` file as a whole) "
            f"and {config.max_upload_files} files an upload; larger batches go in the corpus "
            "folder, or through `python -m lib extract`. Added articles are saved in the corpus "
            "folder and kept across restarts; one without a publication date waits above for it.")
with st.form("art_add_form", clear_on_submit=True):
    files = st.file_uploader("Files", type=["txt", "md", "html", "jsonl"],
                             accept_multiple_files=True, key="art_upload",
                             max_upload_size=ui.uploader_limit_mb(config.max_article_bytes))
    pasted = st.text_area("…or paste a report", key="art_paste", height=160)
    left, right = st.columns(2)
    title = left.text_input("Title of the pasted report", key="art_title")
    source = right.text_input("Outlet of the pasted report", key="art_source")
    known = st.checkbox("Give the publication date (otherwise read from the file or inferred "
                        "from the text; without one, you are asked for it)", key="art_has_date")
    published = st.date_input("Publication date", value=None, min_value=accepted.first,
                              max_value=accepted.last, key="art_new_date", format="YYYY-MM-DD")
    submitted = st.form_submit_button("Add", key="art_add")

if submitted:
    uploads = [(f.name, f.getvalue()) for f in files or []]
    if pasted.strip():
        uploads.append(pasted_upload(pasted, title=title, source=source))
    if not uploads:
        st.warning("Nothing to add: choose files or paste a report.")
    elif known and published is None:
        st.error("Give the publication date, or untick the box.")
    else:
        bar = st.progress(0.0, text="Checking the files…")
        written, problems, waiting = ui.add_articles(
            uploads, published.isoformat() if known and published else None,
            on_progress=lambda done, total: bar.progress(
                done / total, text=f"Extracting: {done} of {total} articles"))
        bar.empty()
        for problem in problems:
            st.error(f"Refused {ui.plain(problem.where)}: {ui.plain(problem.reason)}")
        if written:
            st.session_state["art_notice"] = f"Added {len(written)} file(s)." + (
                f" {len(waiting)} article(s) wait for a publication date: set it at the top of "
                "this page." if waiting else "")
            st.rerun()

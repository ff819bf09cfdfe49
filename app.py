"""Home page: what the corpus holds and how to add to it."""
import streamlit as st

from lib import ui

st.set_page_config(page_title="Conflict timeline explorer", layout="wide")
st.title("Conflict timeline explorer")

settings = ui.settings()
overview = ui.load_overview(str(settings.corpus_dir))
articles = overview.articles

left, middle, right = st.columns(3)
left.metric("Articles", len(articles))
middle.metric("Outlets", articles["source"].nunique())
dates = articles["published"].replace("", None).dropna()
right.metric("Published", f"{dates.min()[:10]} – {dates.max()[:10]}" if len(dates) else "unknown")

st.subheader("Articles")
st.dataframe(articles, key="home_articles", hide_index=True, use_container_width=True)

for problem in overview.problems:
    st.warning(f"Skipped {problem.where}: {problem.reason}")

st.subheader("Adding articles")
st.markdown(
    f"Drop `.txt`, `.md` (with a front-matter header: title, source, url, published) or `.jsonl` "
    f"files (one article a line: id, title, source, url, published, text) into "
    f"`{settings.corpus_dir}` and reload. An article without a publication date gets one inferred "
    f"from its text, and the table says how it was found.")

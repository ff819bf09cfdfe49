"""The HTML reader: main text and title by trafilatura, publication date by htmldate, offline."""
from __future__ import annotations

from pathlib import Path

from lib.corpus import READERS, Article, Problem, read_articles

PAGE = """<!doctype html>
<html><head><title>Rebels enter Homs | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Rebels enter Homs">
<meta property="article:published_time" content="2024-12-07T10:00:00+02:00">
<meta property="article:modified_time" content="2024-12-09T08:00:00+02:00">
<link rel="canonical" href="https://news.example.org/2024/homs">
<script>var tracking = "Rebels should never appear from here";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Rebels enter Homs</h1>
<p>Rebels said on Saturday they had entered Homs, Syria's third-largest city, after government
forces withdrew overnight.</p>
<p>The Syrian Observatory for Human Rights said Kurdish-led forces had taken Deir al-Zour
(دير الزور) in the east on Friday.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_html_is_a_registered_format():
    assert ".html" in READERS and ".htm" in READERS


def test_a_page_gives_its_article_text_title_and_publication_date(tmp_path):
    [article] = list(read_articles([write(tmp_path, "homs.html", PAGE)]))
    assert isinstance(article, Article)
    assert article.id == "homs" and article.title == "Rebels enter Homs"
    assert article.source == "Example News" and article.url == "https://news.example.org/2024/homs"
    assert "they had entered Homs" in article.text and "دير الزور" in article.text
    assert "World" not in article.text and "Copyright" not in article.text
    assert "tracking" not in article.text
    assert (article.published, article.dct_source) == ("2024-12-07", "metadata")  # not the update
    assert "htmldate" in article.dct_note and "original publication date" in article.dct_note


def test_a_page_with_only_an_updated_date_uses_it_and_says_so(tmp_path):
    page = PAGE.replace('<meta property="article:published_time" content="2024-12-07T10:00:00+02:00">', "")
    [article] = list(read_articles([write(tmp_path, "homs.htm", page)]))
    assert article.published == "2024-12-09"


def test_a_page_without_a_date_in_its_markup_has_none(tmp_path):
    page = "\n".join(line for line in PAGE.splitlines() if "_time" not in line)
    page = page.replace("/2024/homs", "/homs")
    [article] = list(read_articles([write(tmp_path, "homs.html", page)], infer_dct=False))
    assert (article.published, article.dct_source) == ("", "none")


def test_a_page_without_article_text_is_a_problem(tmp_path):
    page = ("<html><head><title>Live</title><script>render()</script></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><div id='root'></div>"
            "</body></html>")
    path = write(tmp_path, "shell.html", page)
    assert list(read_articles([path])) == [Problem(str(path), "no article text found in the HTML")]


def test_a_folder_reads_html_with_the_other_formats(tmp_path):
    write(tmp_path, "a.html", PAGE)
    write(tmp_path, "b.md", "---\npublished: 2024-12-06\n---\nRebels took Hama.")
    write(tmp_path, "c.html", b"<html><body>\xff</body></html>")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Problem"]
    assert "not UTF-8" in items[2].reason

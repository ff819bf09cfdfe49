"""From article files to the store: read, date, analyse what changed, consolidate.

`update` is incremental: an article is analysed again only when its content hash (text,
publication date and outlet: what the extracted rows depend on) differs from the stored one, and
the spaCy model is loaded only when something must be analysed. Events and control are then
recomputed from every stored mention, because one new report can change any of them.

>>> import tempfile, pathlib
>>> from lib.store import Store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Store(folder / "s.duckdb") as store:  # doctest: +SKIP
...     update(store, [folder / "corpus"]).processed
5
"""
from __future__ import annotations

import hashlib
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Sequence

from lib.corpus import Article, Problem, normalise_published, read_articles, with_dct
from lib.corpus.readers import USER_PUBLISHED_META, ArticleError, reader_for, split_front_matter
from lib.settings import Settings
from lib.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

NO_DCT = ("no publication date: not in the metadata and none could be inferred from the text; "
          "give one (--dct, or set it in the app)")
USER_NOTE = "set by a user in the explorer"
UPLOAD_NOTE = "given when the article was uploaded"
_INFERRED = ("text cue", "inferred")


def content_hash(article: Article) -> str:
    """sha256 of what the extracted rows depend on: the text, the publication date and the outlet.

    A changed DCT re-runs the article (every relative date moves with it).

    >>> a = Article("a", "", "Reuters", "", "2024-12-06", "metadata", "Rebels took Hama.")
    >>> content_hash(a) == content_hash(replace(a, title="other title"))
    True
    >>> content_hash(a) == content_hash(replace(a, published="2024-12-07"))
    False
    """
    key = "\x1f".join((article.published, article.source, article.text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def text_hash(article: Article) -> str:
    """sha256 of the text alone: the same report under two names has the same text hash."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UpdateReport:
    """What an update did: articles analysed, left as they were, removed; what was skipped."""

    processed: int
    unchanged: int
    removed: int
    problems: tuple[Problem, ...]
    seconds: float


def article_problem(article: Article, reason: str) -> Problem:
    """A Problem at the article's file, naming the article when the file holds more than it."""
    if article.path and article.path != "-" and article.id != Path(article.path).stem:
        reason = f"article {article.id!r}: {reason}"
    return Problem(article.path or article.id, reason)


def update(store: Store, paths: Iterable[str | Path], *, nlp: Language | None = None,
           progress: bool = False, remove_missing: bool = False,
           published: str | None = None) -> UpdateReport:
    """Bring the store up to date with the articles in `paths` (files, folders, .jsonl).

    New and changed articles are analysed and stored one by one (a crash keeps the finished
    ones); unchanged ones are not touched. With remove_missing, stored articles not in `paths`
    are removed. `published` (the CLI's --dct) dates every article, dct_source "user"; otherwise a
    date a user set in the app (Store.overrides) beats the file's own. Problems (unreadable files,
    no date, the same text under two ids, one id with two texts, analysis failures) are returned,
    never raised.
    """
    start = time.perf_counter()
    if published is not None:
        published = normalise_published(published)
    articles, problems, duplicates = _read(store, paths, published)
    known = store.known_hashes()
    hashes = {a.id: content_hash(a) for a in articles}
    todo = [a for a in articles if known.get(a.id) != hashes[a.id]]
    removed = 0
    for article_id in sorted(duplicates & set(known)):  # now known to repeat another article
        store.remove_article(article_id)
        removed += 1
    if remove_missing:
        present = {a.id for a in articles} | duplicates
        for article_id in sorted(set(known) - present):
            store.remove_article(article_id)
            removed += 1
    processed = _analyse_into(store, todo, hashes, nlp, progress, problems) if todo else 0
    if store.derived_stale():
        recompute_derived(store)
    return UpdateReport(processed, len(articles) - len(todo), removed, tuple(problems),
                        time.perf_counter() - start)


def _read(store: Store, paths: Iterable[str | Path],
          published: str | None) -> tuple[list[Article], list[Problem], set[str]]:
    """The articles to keep (dated, each text and id once), the problems, the duplicate ids."""
    overrides, stored = store.overrides(), store.stored_dcts()
    kept: dict[str, Article] = {}
    by_text: dict[str, Article] = {}
    problems: list[Problem] = []
    duplicates: set[str] = set()
    for item in read_articles(paths, infer_dct=False):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        article = _dated(item, published, overrides, stored)
        first_same_id, first_same_text = kept.get(article.id), by_text.get(text_hash(article))
        if first_same_id is not None:
            if first_same_id.text != article.text:
                problems.append(article_problem(article, (
                    f"id {article.id!r} is already used by {first_same_id.path or 'another article'}"
                    " with a different text: skipped (give it an id of its own)")))
            continue  # the same file given twice (a folder and a file in it): nothing to say
        if first_same_text is not None:
            problems.append(article_problem(article, f"same text as {first_same_text.id}"))
            duplicates.add(article.id)
            continue
        if not article.published:
            problems.append(article_problem(article, NO_DCT))
            continue
        kept[article.id] = by_text[text_hash(article)] = article
    duplicates -= set(kept)
    return list(kept.values()), list(dict.fromkeys(problems)), duplicates


def _dated(article: Article, published: str | None, overrides: dict[str, str],
           stored: dict[str, tuple[str, str, str, str]]) -> Article:
    """The article with its DCT: given for the run, set by a user, from the file, or inferred
    (the stored inference is reused when the text has not changed, so no tagging is repeated)."""
    if published is not None:
        return replace(article, published=published, dct_source="user", dct_note="given with --dct")
    if article.id in overrides:
        return replace(article, published=overrides[article.id], dct_source="user",
                       dct_note=USER_NOTE)
    if article.published:
        return article
    previous = stored.get(article.id)
    if previous is not None and previous[2] in _INFERRED:
        candidate = replace(article, published=previous[1], dct_source=previous[2],
                            dct_note=previous[3])
        if content_hash(candidate) == previous[0]:
            return candidate
    return with_dct(article)


def _analyse_into(store: Store, todo: Sequence[Article], hashes: dict[str, str],
                  nlp: Language | None, progress: bool, problems: list[Problem]) -> int:
    """Analyse `todo` in batches, storing each article as it comes; on an error, go on one article
    at a time so that only the article that fails is skipped (reported in `problems`)."""
    from tqdm import tqdm

    from lib.analysis import analyse
    from lib.nlp import ModelNotFound

    done: set[str] = set()
    with tqdm(total=len(todo), unit="article", desc="extract", file=sys.stderr,
              disable=not progress, dynamic_ncols=True) as bar:
        def store_all(results: Iterable[tuple[Article, list, list]]) -> None:
            for article, timexes, mentions in results:
                store.put_article(article, hashes.get(article.id) or content_hash(article),
                                  timexes, mentions)
                done.add(article.id)
                bar.update()

        try:
            store_all(analyse(todo, nlp))
            return len(done)
        except (ModelNotFound, ImportError, MemoryError):
            raise
        except Exception:  # one bad article must not stop the batch: find it, skip it
            pass
        if nlp is None:
            from lib.nlp import load_pipeline
            nlp = load_pipeline()
        for article in todo:
            if article.id in done:
                continue
            try:
                store_all(analyse([article], nlp))
            except Exception as error:
                problems.append(article_problem(
                    article, f"analysis failed: {type(error).__name__}: {error}"))
                bar.update()
    return len(done)


def recompute_derived(store: Store) -> None:
    """Consolidate every stored mention into events and control intervals, and store them."""
    from lib.control import control_intervals
    from lib.events import consolidate

    mentions = store.mention_records()
    store.put_derived(consolidate(mentions), control_intervals(mentions))


def set_published(store: Store, article_id: str, published: str, *,
                  nlp: Language | None = None) -> None:
    """Set an article's publication date (ISO date, or date and time), re-analyse it, and recompute
    events and control. The date is kept in the store, so later updates use it too.

    ValueError when the date is not one or the article is not in the store.
    """
    published = normalise_published(published)
    article = store.article(article_id)
    if article is None:
        raise ValueError(f"no article {article_id!r} in the store {store.path}")
    store.set_published_override(article_id, published)
    article = replace(article, published=published, dct_source="user", dct_note=USER_NOTE)
    problems: list[Problem] = []
    _analyse_into(store, [article], {article.id: content_hash(article)}, nlp, False, problems)
    if problems:
        raise RuntimeError(str(problems[0]))
    recompute_derived(store)


# --- uploads -------------------------------------------------------------------------------------

UPLOADS = "uploads"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80


def safe_file_name(name: str) -> str:
    """A file name from an uploaded one: no folders, only [A-Za-z0-9._-], no leading dot.

    >>> safe_file_name("../../etc/passwd.txt"), safe_file_name("C:\\\\x\\\\دير الزور 6 Dec.md")
    ('passwd.txt', '6_Dec.md')
    >>> safe_file_name(".htaccess.txt"), safe_file_name("..md")
    ('htaccess.txt', 'upload.md')
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:_MAX_STEM] or "upload"
    suffix = _UNSAFE.sub("", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


def add_articles(uploads: Sequence[tuple[str, bytes]], corpus_dir: Path, *,
                 published: str | None = None) -> tuple[list[Path], list[Problem]]:
    """Check uploaded files with the corpus readers and save the good ones in corpus_dir/uploads/.

    Each upload (its name as the user's browser gave it, and its bytes) must have a known suffix,
    be UTF-8, within the size limit, and parse into articles with no problem; otherwise it is
    refused with the reader's reason (Problem.where is the uploaded name). A saved file gets a
    sanitised, unique name: an existing file is never overwritten. `published` (ISO date) is
    written into the saved file: front matter for .md and .txt (saved as .md), a field of every
    line for .jsonl, a meta tag for .html. Returns the saved paths and the refusals.
    """
    if published is not None:
        published = normalise_published(published)
    folder = Path(corpus_dir) / UPLOADS
    limit = Settings.from_env().max_article_bytes
    written: list[Path] = []
    problems: list[Problem] = []
    for name, data in uploads:
        display = PurePosixPath(str(name).replace("\\", "/")).name or "(no name)"
        try:
            file_name, content = _prepared(safe_file_name(str(name)), data, published)
            _validate(file_name, content, limit, display)
            folder.mkdir(parents=True, exist_ok=True)
            written.append(_write_new(folder, file_name, content))
        except ArticleError as error:
            problems.append(Problem(display, str(error)))
        except OSError as error:
            problems.append(Problem(display, f"cannot save: {error.strerror or error}"))
    return written, problems


def _prepared(file_name: str, data: bytes, published: str | None) -> tuple[str, bytes]:
    """The file name and bytes to save: with `published` written in when given."""
    suffix = PurePosixPath(file_name).suffix.lower()
    if reader_for(Path(file_name)) is None:
        from lib.corpus import READERS
        raise ArticleError(f"unknown file type {suffix or '(no suffix)'!r} "
                           f"(known: {', '.join(sorted(READERS))})")
    if published is None:
        return file_name, data
    from lib.corpus.readers import decode_utf8

    text = decode_utf8(data)
    writer = _DATE_WRITERS.get(suffix)
    if writer is None:
        raise ArticleError(f"cannot write a publication date into a {suffix} file")
    new_suffix, text = writer(text, published)
    return str(PurePosixPath(file_name).with_suffix(new_suffix)), text.encode("utf-8")


def _dated_markdown(text: str, published: str) -> tuple[str, str]:
    import yaml

    fields, body = split_front_matter(text)
    fields = {**fields, "published": published, "dct_source": "user", "dct_note": UPLOAD_NOTE}
    header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return ".md", f"---\n{header}---\n{body}"


def _dated_text(text: str, published: str) -> tuple[str, str]:
    # a .txt file has no metadata: saved as Markdown, front matter then the text unchanged
    header = _dated_markdown("", published)[1]
    return ".md", header + text


def _dated_json_lines(text: str, published: str) -> tuple[str, str]:
    import json

    lines = []
    for line in text.splitlines():
        try:
            value = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            value.update(published=published, dct_source="user", dct_note=UPLOAD_NOTE)
            line = json.dumps(value, ensure_ascii=False)
        lines.append(line)  # a bad line is kept as it is: validation reports it
    return ".jsonl", "\n".join(lines) + "\n"


def _dated_html(text: str, published: str) -> tuple[str, str]:
    tag = f'<meta name="{USER_PUBLISHED_META}" content="{published}">'
    head = re.search(r"<head[^>]*>", text, re.IGNORECASE)
    if head:
        return ".html", text[:head.end()] + tag + text[head.end():]
    return ".html", tag + "\n" + text


_DATE_WRITERS = {".md": _dated_markdown, ".markdown": _dated_markdown, ".txt": _dated_text,
                 ".jsonl": _dated_json_lines, ".html": _dated_html, ".htm": _dated_html}


def _validate(file_name: str, content: bytes, limit: int, display: str) -> None:
    """ArticleError with the readers' reasons when `content` would not read as articles."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cte-upload-") as tmp:
        path = Path(tmp) / file_name
        path.write_bytes(content)
        reasons = []
        count = 0
        for item in reader_for(path)(path, limit):
            if isinstance(item, Problem):
                line = item.where[len(str(path)) + 1:]  # "path:3" for a line of a .jsonl file
                reasons.append(f"line {line}: {item.reason}" if line else item.reason)
            else:
                count += 1
        if reasons:
            more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
            raise ArticleError(reasons[0] + more)
        if count == 0:
            raise ArticleError("no article in the file")


def _write_new(folder: Path, file_name: str, content: bytes) -> Path:
    """Write `content` to a file of `folder` named `file_name`, or name-2, name-3...: never over one."""
    stem, suffix = PurePosixPath(file_name).stem, PurePosixPath(file_name).suffix
    for n in range(1, 10_000):
        path = folder / (file_name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            with path.open("xb") as handle:  # exclusive: fails when the file exists
                handle.write(content)
            return path
        except FileExistsError:
            continue
    raise OSError(f"too many files named {file_name} in {folder}")


__all__ = ["UpdateReport", "add_articles", "article_problem", "content_hash", "recompute_derived",
           "safe_file_name", "set_published", "text_hash", "update"]

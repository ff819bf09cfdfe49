"""The command line: `python -m lib COMMAND ...`; each command is registered in COMMANDS.

>>> main(["timex", "--dct", "2024-13-45", "article.txt"])  # doctest: +SKIP
usage: python -m lib timex [-h] [--dct DATE] [--format {json,timeml}] [--out DIR] FILE [FILE ...]
python -m lib timex: error: argument --dct: '2024-13-45' is not a valid date: month must be in 1..12
2
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, TextIO

from lib import temporal
from lib.corpus import Article, Problem, normalise_published, read_articles
from lib.temporal.timeml import to_timeml

PROG = "python -m lib"
NO_DCT = ("no publication date: not in metadata and none could be inferred from the text; "
          "pass --dct")

EXIT_CODES = """exit status:
  0  everything was processed
  1  something was skipped (each skip is a line 'lib COMMAND: PATH: REASON' on stderr)
  2  nothing done: a usage error (bad option or value, a setting that can't be read, --prune
     with a missing input) or a store problem (in use, damaged, not writable), said in words"""


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one-line help, how it declares its options and what it runs."""

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --- shared option types -------------------------------------------------------------------------

def dct_argument(value: str) -> str:
    """argparse type for --dct: the ISO date (or date and time), or an error naming value and why.

    >>> dct_argument("2024-12-06"), dct_argument("2024-12-06T22:35")
    ('2024-12-06', '2024-12-06T22:35')
    """
    try:
        return normalise_published(value, field="")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def report(command: str, problem: Problem, stream: TextIO | None = None) -> None:
    """Write a skipped input as 'lib COMMAND: PATH: REASON' to stderr."""
    print(f"lib {command}: {problem.where}: {problem.reason}", file=stream or sys.stderr)


# --- timex ---------------------------------------------------------------------------------------

TIMEX_DESCRIPTION = """\
Find the temporal expressions in each article and normalise them to TIMEX3 values, resolving
relative ones ("on Friday", "a day earlier") against the article's publication date (DCT).

FILE is a .txt file (one article), a .md file with YAML front matter (one article; the body is the
text), a saved .html page (its main text, and its date from the markup), a .jsonl file (one article per line: {"id", "title", "source", "url", "published", "text"}),
a folder of such files (README.md is skipped), or '-' for plain text on stdin.

The DCT of each article is, in order: --dct when given (dct_source "user"); the 'published' field
of its metadata ("metadata"); a "Published/Posted/Updated <date>" line or a dateline in the text
("text cue"); the latest explicit date in the text, placed by the weekday names it uses
("inferred"). An article with none of these is skipped: pass --dct.

output, --format json (default): one JSON object per article and line (JSON Lines):
  {"file", "id", "dct", "dct_source", "timexes": [{"start", "end", "text", "type", "value",
   "mod", "anchor", "rule"}]}
  start/end are Python str offsets into the article text, end exclusive; anchor is "DCT", the
  timex the value was resolved from ("t@<start>"), or "" when the value needs none; rule names
  the rule that found it.
output, --format timeml: a TempEval-3 style TimeML document per article (DOCID, the DCT as t0,
  the text with TIMEX3 tags), separated by a blank line; with --out DIR, one DIR/<id>.tml each.

Problems (unreadable, not UTF-8, empty, too large, malformed front matter or JSON line, a
'published' value that is not a date, no DCT) are written to stderr as
'lib timex: PATH: REASON' and the other articles are still processed.

examples:
  python -m lib timex data/corpus
  python -m lib timex --dct 2024-12-06 --format timeml article.txt
  echo "Rebels took Hama on Thursday." | python -m lib timex --dct 2024-12-06 -
"""


def add_timex_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="article file, folder of article files, or '-' for stdin")
    parser.add_argument("--dct", type=dct_argument, metavar="DATE",
                        help="publication date for every article, YYYY-MM-DD or YYYY-MM-DDTHH:MM; "
                             "overrides metadata and inference (dct_source 'user')")
    parser.add_argument("--format", choices=("json", "timeml"), default="json",
                        help="output format (default: json, one JSON object per line)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="write one file per article into DIR (<id>.json or <id>.tml) "
                             "instead of to stdout")


def run_timex(args: argparse.Namespace) -> int:
    """Tag every article of args.files; print JSON Lines or TimeML; 1 if anything was skipped."""
    if args.out is not None:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            report("timex", Problem(str(args.out), f"cannot create output folder: {error.strerror}"))
            return 2
    output = _Output(args.format, args.out)
    skipped = False
    for item in read_articles(args.files, infer_dct=args.dct is None):
        article = item if isinstance(item, Problem) else _with_user_dct(item, args.dct)
        result = article if isinstance(article, Problem) else _tag(article)
        if isinstance(result, Problem):
            report("timex", result)
            skipped = True
            continue
        output.write(article, result)
    return 1 if skipped else 0


def _with_user_dct(article: Article, dct: str | None) -> Article:
    if dct is None:
        return article
    return replace(article, published=dct, dct_source="user", dct_note="given with --dct")


def _tag(article: Article) -> list[temporal.Timex] | Problem:
    if article.dct is None:
        return _article_problem(article, NO_DCT)
    try:
        return temporal.tag(article.text, article.dct)
    except Exception as error:  # a tagger bug on one article must not stop the batch
        return _article_problem(article, f"tagging failed: {type(error).__name__}: {error}")


def _article_problem(article: Article, reason: str) -> Problem:
    """A Problem at the article's file, naming the article when the file holds more than it."""
    if article.path and article.id != Path(article.path).stem and article.path != "-":
        reason = f"article {article.id!r}: {reason}"
    return Problem(article.path or article.id, reason)


class _Output:
    """Where tagged articles go: stdout (JSON Lines, or TimeML documents) or one file each."""

    def __init__(self, format_: str, folder: Path | None) -> None:
        self.format, self.folder = format_, folder
        self.names: set[str] = set()
        self.count = 0

    def write(self, article: Article, timexes: list[temporal.Timex]) -> None:
        if self.format == "timeml":
            content = to_timeml(article.id, article.text, article.published, timexes)
        else:
            content = json.dumps({"file": article.path, "id": article.id, "dct": article.published,
                                  "dct_source": article.dct_source,
                                  "timexes": [timex.to_dict() for timex in timexes]},
                                 ensure_ascii=False) + "\n"
        if self.folder is not None:
            suffix = ".tml" if self.format == "timeml" else ".json"
            (self.folder / self._file_name(article.id, suffix)).write_text(content, encoding="utf-8")
        else:
            separator = "\n" if self.format == "timeml" and self.count else ""
            sys.stdout.write(separator + content)
        self.count += 1

    def _file_name(self, article_id: str, suffix: str) -> str:
        stem = re.sub(r"[^\w.-]+", "_", article_id).strip("._") or "article"
        name, n = stem + suffix, 1
        while name in self.names:  # two articles with one id must not overwrite each other
            n += 1
            name = f"{stem}-{n}{suffix}"
        self.names.add(name)
        return name


# --- extract -------------------------------------------------------------------------------------

EXTRACT_TABLES = ("articles", "timexes", "mentions", "events", "control")
EXTRACT_DESCRIPTION = """\
Extract who did what where and when from news articles, consolidate the reports across articles
into events, and work out who controls each city from when to when. Writes five CSV files into
DIR, for Excel and for analysis:

  articles.csv  id, title, source, url, published, dct_source, dct_note, text, path, content_hash
                (the text is included: offsets in the other files point into it; Excel shows at
                most 32,767 characters of a cell)
  timexes.csv   article_id and each TIMEX3: start, end, text, type, value, mod, anchor, rule
  mentions.csv  one report of a happening in one sentence: its article, sentence and trigger
                offsets, ACLED type, actors, place, date span and how the date was found
  events.csv    consolidated events, ACLED's columns first (event_id, event_date, time_precision,
                event_type, sub_event_type, actor1, actor2, admin1, location, latitude,
                longitude, geo_precision, source, notes, fatalities), then ours (date_text,
                timex_value, date_start, date_end, anchor, evidence, n_sources, claim_status...)
  control.csv   per city, one row a state: city, state (controller, divided, contested, no
                report), controller, parts (divided), claims (contested: the claims that
                disagree), valid_from, valid_to, precision, status, n_sources, sources,
                provenance (extracted, or the analyst who set it and when), evidence
  Analysts' corrections made in the app (events, a city's control as of a day) are applied.

INPUT is a .txt file, a .md file with YAML front matter, a saved .html page (main text by
trafilatura, date from the page's markup), a .jsonl file (one article per line: {"id", "title",
"source", "url", "published", "text"}), or a folder of such files (README.md is skipped).

CSV files are UTF-8 with a byte order mark, dates are ISO 8601, and a text cell starting with
= + - @ (a spreadsheet formula) is written with a leading ' so that Excel shows it as text.

The results are kept in a DuckDB store, DIR/store.duckdb unless --store is given: a re-run on the
same DIR analyses only new and changed articles (a changed text or publication date). Stored
articles are never removed because an input is missing, mistyped or unreadable: the CSV files
hold everything in the store, and the report counts the stored articles the inputs did not give.
--prune removes those (never the articles of a file that could not be read), and refuses to run
when an input does not exist.

Problems (unreadable or empty files, no usable date, the same text under two ids, one id with two
texts) are written to stderr as 'lib extract: PATH: REASON' and the other articles are still
processed.

examples:
  python -m lib extract data/corpus --out out/
  python -m lib extract data/corpus --out out/ --prune
  python -m lib extract reports.jsonl page.html --out out/ --dct 2024-12-07
"""


def add_extract_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="article file (.txt, .md, .html, .jsonl) or folder of them")
    parser.add_argument("--out", type=Path, metavar="DIR", required=True,
                        help="folder to write the five CSV files (and the store) into")
    parser.add_argument("--dct", type=dct_argument, metavar="DATE",
                        help="publication date for every article, YYYY-MM-DD or YYYY-MM-DDTHH:MM; "
                             "overrides metadata and inference (dct_source 'user')")
    parser.add_argument("--store", type=Path, metavar="PATH",
                        help="DuckDB store to update (default: DIR/store.duckdb)")
    parser.add_argument("--prune", action="store_true",
                        help="remove stored articles the inputs no longer give (refused when an "
                             "input does not exist; never the articles of an unreadable file)")
    parser.add_argument("--progress", action="store_true",
                        help="show a progress bar even when stderr is not a terminal")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="processes to analyse on, each with its own pipeline (default: the "
                             "cores; the same output as one); with --engine dask, the LocalCluster's")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="'dask': analyse on a Dask cluster, workers writing Parquet parts "
                             "into DIR/parts (default: local processes)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask, the scheduler (tcp://host:8786); default: a "
                             "LocalCluster on this machine")


def export_tables(store) -> dict:
    """The five tables extract writes, as the app shows them: the events with the analysts'
    corrections applied (`provenance`, `corrections`), control as control.csv lays it out (the
    store's control already holds the analysts' control corrections)."""
    from lib.corrections import apply_corrections, read
    from lib.export import control_table

    tables = {name: getattr(store, name)() for name in EXTRACT_TABLES}
    tables["events"] = apply_corrections(tables["events"], read(store))
    tables["control"] = control_table(tables["control"])
    return tables


def run_extract(args: argparse.Namespace) -> int:
    """Update the store from args.inputs, then write the five CSV files; 1 if anything was
    skipped, 2 when nothing could be done (a store problem, --prune with a missing input)."""
    import duckdb

    from lib.export import write_csv
    from lib.pipeline import PruneRefused, update
    from lib.store import Store, StoreError

    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        report("extract", Problem(str(args.out), f"cannot create output folder: {error.strerror}"))
        return 2
    store_path = args.store if args.store is not None else args.out / "store.duckdb"
    progress = args.progress or sys.stderr.isatty()
    try:
        with Store(store_path) as store, _analysis_engine(args):
            result = update(store, args.inputs, progress=progress, published=args.dct,
                            prune=args.prune)
            with store.snapshot():
                tables = export_tables(store)
    except PruneRefused as error:
        print(f"lib extract: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"lib extract: {error}", file=sys.stderr)
        return 2
    except duckdb.Error as error:  # a store failing in a way not foreseen: still words, exit 2
        print(f"lib extract: the store {store_path} failed: {str(error).splitlines()[0]}",
              file=sys.stderr)
        return 2
    except RuntimeError as error:  # no spaCy model (lib.extract.spacy_pipeline: imported lazily)
        nlp = sys.modules.get("lib.extract.spacy_pipeline")
        if not (nlp and isinstance(error, nlp.ModelNotFound)):
            raise
        report("extract", Problem("spaCy model", str(error)))
        return 1
    for name, table in tables.items():
        write_csv(table, args.out / f"{name}.csv")
    for problem in result.problems:
        report("extract", problem)
    counts = ", ".join(f"{len(table)} {name}" for name, table in tables.items())
    kept = (f"; {len(result.not_in_inputs)} stored article(s) not in the inputs kept (--prune "
            "removes them)" if result.not_in_inputs else "")
    print(f"{counts} -> {args.out} ({result.processed} analysed, {result.unchanged} unchanged, "
          f"{result.removed} removed, {len(result.problems)} skipped{kept}; "
          f"{result.seconds:.1f} s)")
    return 1 if result.problems else 0


def _analysis_engine(args: argparse.Namespace):
    """Where extract's analysis runs: --workers local processes, or --engine dask."""
    if getattr(args, "engine", "local") == "dask":
        from lib.extract.dask_engine import run_with_dask
        return run_with_dask(args.scheduler, args.workers, args.out / "parts")
    from lib.extract.parallel import default_workers, using
    return using(workers=args.workers or default_workers())


# --- the registry --------------------------------------------------------------------------------

COMMANDS: dict[str, Command] = {
    command.name: command for command in (
        Command("timex", "tag and normalise the dates in articles (JSON Lines or TimeML)",
                TIMEX_DESCRIPTION, add_timex_arguments, run_timex),
        Command("extract", "extract events and city control from articles into CSV files",
                EXTRACT_DESCRIPTION, add_extract_arguments, run_extract),
    )
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m lib`, one subparser per registered command."""
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Conflict timeline explorer: read news articles, normalise their dates to "
                    "TIMEX3 values anchored on each article's publication date.",
        epilog=EXIT_CODES + f"\n\nRun '{PROG} COMMAND --help' for a command's options.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.help, description=command.description,
                                  epilog=EXIT_CODES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `python -m lib` with `argv` (default: sys.argv[1:]) and return the exit status.

    >>> main(["--help"])  # doctest: +ELLIPSIS
    usage: python -m lib [-h] COMMAND ...
    ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help, or a usage error already printed by argparse
        return exit.code if isinstance(exit.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    from lib.settings import Settings, SettingError

    try:
        Settings.from_env()
    except SettingError as error:
        print(f"lib {args.command}: setting {error}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 1

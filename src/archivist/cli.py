"""The command line: a thin shell over the pipeline, the corpus and the web app.

Exit status: 0 success, 1 a document failed (the others still done), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import InputError
from .ingest.ocrlimits import DEFAULT_MAX_OCR_PAGES

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="archivist: trustworthy, structured, searchable text from "
                       "digitized historical sources.")

STATE = {"debug": False}


def fail_line(msg: str) -> None:
    """One line on stderr, whatever the message holds (a driver's error text, a file
    name with a newline in it)."""
    typer.echo(f"archivist: {one_line(msg)}", err=True)


def one_line(msg: str) -> str:
    """`msg` with every run of whitespace (newlines, tabs) made one space.

    >>> one_line("connection refused\\n\\tIs the server running?")
    'connection refused Is the server running?'
    """
    return " ".join(msg.split())


def guard(path: str, exc: BaseException) -> None:
    """Report one failed document in one line (a traceback only with --debug)."""
    if STATE["debug"]:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, InputError):
        fail_line(str(exc))
    else:
        fail_line(f"{path}: failed: {type(exc).__name__}: {exc}")


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False
          ) -> None:
    STATE["debug"] = debug


@app.command()
def process(
    files: Annotated[list[Path], typer.Argument(help="documents to process")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json|tei|text")] = "json",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write one file per input "
                                             "into this folder")] = None,
    skip: Annotated[list[str] | None, typer.Option("--skip", help="skip a stage or a "
                                                   "stage package (repeatable)")] = None,
    threshold: Annotated[float, typer.Option(help="edits below this confidence are only "
                                             "suggested")] = 0.5,
    lexicon: Annotated[str | None, typer.Option(
        "--lexicon", help="repair against a corpus lexicon: a corpus database "
        "(path or URL) or a lexicon JSON file (`archivist lexicon -o FILE.json`)")] = None,
    max_ocr_pages: Annotated[int, typer.Option(
        "--max-ocr-pages", min=0, help="refuse a scan (PDF without text, multi-page "
        "image) with more pages than this to read by OCR; 0: no limit")
    ] = DEFAULT_MAX_OCR_PAGES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress display")] = False,
) -> None:
    """Run the whole pipeline on each file, no database."""
    if fmt not in ("json", "tei", "text"):
        fail_line(f"unknown format {fmt!r} (json, tei or text)")
        raise typer.Exit(2)
    lex = None
    if lexicon is not None:
        from .repair.corpus import load_lexicon

        try:
            lex = load_lexicon(lexicon)
        except Exception as exc:  # noqa: BLE001 - one line, no traceback
            if STATE["debug"]:
                raise
            fail_line(f"{lexicon}: corpus lexicon: {exc}")
            raise typer.Exit(2) from None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # (was an "internal error" with a traceback hint)
            fail_line(f"{out}: cannot make the output folder: {exc.strerror or exc}")
            raise typer.Exit(2) from None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from .process import output_names

    failed = 0
    # A progress bar on stderr when results go to files (stdout stays clean for pipes),
    # and one for the pages of a long OCR when stderr is a terminal; none with -q.
    console = Console(stderr=True)
    show = out is not None and len(files) > 1 and not STATE["debug"] and not quiet
    live_ocr = console.is_terminal and not quiet and not STATE["debug"]
    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, disable=not (show or live_ocr), transient=True,
                        redirect_stdout=False)  # results on stdout stay on stdout
    ocr_bar = OcrBar(progress) if live_ocr else None
    ext = {"json": ".json", "tei": ".xml", "text": ".txt"}[fmt]
    targets = output_names(files, ext) if out is not None else {}
    for f in files:  # say where a result went when its name is not the input's own
        name = targets.get(f)
        if name is not None and name != f.name + ext:
            fail_line(f"{f}: written as {out / name} (another input has the name {f.name})")
    with progress:
        task = progress.add_task("processing", total=len(files), visible=show)
        for f in files:
            target = out / targets[f] if out is not None else None
            failed += not _process_one(f, fmt, target, skip or [], threshold, lex,
                                       max_ocr_pages, ocr_bar)
            progress.advance(task)
    if failed:
        raise typer.Exit(1)


class OcrBar:
    """A bar per document read by OCR, in the command's progress display: shown from
    the first page on (a short scan flashes by), removed when its last page is read."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task: Any = None

    def __call__(self, path: str, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task(f"OCR {Path(path).name}", total=total)
        self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        """Take the document's bar away (it is done, or it failed)."""
        if self.task is not None:
            self.progress.remove_task(self.task)
            self.task = None


def _process_one(f: Path, fmt: str, target: Path | None, skip: list[str], threshold: float,
                 lexicon: Any = None, max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES,
                 ocr_bar: OcrBar | None = None) -> bool:
    from .process import process_path, render_output

    try:
        doc = process_path(f, skip=skip, threshold=threshold, lexicon=lexicon,
                           max_ocr_pages=max_ocr_pages, ocr_progress=ocr_bar)
        rendered = render_output(doc, fmt)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        guard(str(f), exc)
        return False
    finally:
        if ocr_bar is not None:
            ocr_bar.close()
    if target is not None:
        try:
            target.write_text(rendered, encoding="utf-8")
        except OSError as exc:  # one unwritable result must not stop the batch either
            fail_line(f"{f}: cannot write {target}: {exc.strerror or exc}")
            return False
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    return True


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="folder of gold JSON files")],
    seed_dir: Annotated[Path, typer.Argument(help="folder of the documents they describe")],
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable scorecard")] = False,
) -> None:
    """Score the pipeline against hand-made gold files."""
    from .evaluate import evaluate_dir, print_scorecard

    if not gold_dir.is_dir() or not seed_dir.is_dir():
        fail_line("eval needs a gold folder and a seed folder")
        raise typer.Exit(2)
    results = evaluate_dir(gold_dir, seed_dir)
    if as_json:
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print_scorecard(results)
    if any("error" in r for r in results):
        raise typer.Exit(1)


from .corpus_cli import register as _register_corpus; _register_corpus(app)  # noqa: E402, E702, I001
from .web.cli import register as _register_web; _register_web(app)  # noqa: E402, E702, I001


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        fail_line("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line, the traceback only on request
        if STATE["debug"]:
            raise
        fail_line(f"internal error: {type(exc).__name__}: {exc} "
                  "(run again with --debug for the traceback, and please report it)")
        sys.exit(1)

"""The ``glossary`` command line: Click commands, kept thin.

Each command parses its options and calls a library function that is
usable and tested on its own.  Help texts are English msgids translated at
the moment help is shown, so ``--lang zh`` and ``LANG=zh_CN.UTF-8`` both
give Chinese help.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from glossary import __version__
from glossary.errors import (
    EXIT_INTERNAL,
    GlossaryError,
    InputError,
    OutputError,
)
from glossary.i18n import N_, _, process_language, set_language

# -- translated help -----------------------------------------------------------


class I18nOption(click.Option):
    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        original = self.help
        self.help = _(original) if original else original
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = original


class I18nCommand(click.Command):
    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        original = self.help
        self.help = _(original) if original else original
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = original

    def get_short_help_str(self, limit: int = 45) -> str:
        original_help, original_short = self.help, self.short_help
        self.help = _(original_help) if original_help else original_help
        self.short_help = _(original_short) if original_short else original_short
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = original_help, original_short

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GlossaryError as exc:
            fail(exc)
        except KeyboardInterrupt:
            click.echo(_("interrupted; nothing was written"), err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            ctx.exit(0)
        except Exception as exc:  # a bug: still one line, never a traceback
            if os.environ.get("GLOSSARY_DEBUG"):
                raise
            click.echo(
                _("internal error: {error} (set GLOSSARY_DEBUG=1 for details)").format(
                    error=f"{type(exc).__name__}: {exc}"
                ),
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


class I18nGroup(I18nCommand, click.Group):
    command_class = I18nCommand

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        with process_language(_lang_in(argv)):
            return super().main(argv, *pos, **kwargs)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        I18nCommand.format_help_text(self, ctx, formatter)


I18nGroup.group_class = I18nGroup


def _lang_in(argv: list[str]) -> str | None:
    """The --lang given before the subcommand, read early so help is translated too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None
    return None


def _print_version(ctx: click.Context) -> None:
    click.echo(_("glossary, version {version}").format(version=__version__))
    ctx.exit(0)


def fail(exc: GlossaryError) -> None:
    """Report ``exc`` in one line on stderr and exit with its status."""
    click.echo(_("error: {message}").format(message=str(exc)), err=True)
    sys.exit(exc.exit_code)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        set_language(value)
    return value


def db_option(func: Any) -> Any:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="GLOSSARY_DB",
        cls=I18nOption,
        help=N_(
            "Term base: an SQLite file, or a .jsonl text term base. "
            "Default: $GLOSSARY_DB, else the shipped term base."
        ),
    )(func)


@contextmanager
def atomic_output(path: Path | None, *, binary: bool = True) -> Iterator[IO[Any]]:
    """Write to ``path`` through a temporary file renamed at the end, or to stdout.

    An error half-way leaves no half-written file behind.
    """
    if path is None or str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.exists():
        raise OutputError(_("the folder does not exist"), file=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(directory))
    except OSError as exc:
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=str(path)) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -- the group -----------------------------------------------------------------


@click.group(cls=I18nGroup, help=N_("Bilingual English/Chinese term base: build, look up, check, lint and exchange."))
@click.option(
    "--lang",
    "ui_lang",
    metavar="LANG",
    is_eager=True,
    expose_value=False,
    callback=_set_lang,
    cls=I18nOption,
    help=N_("Language of messages: en or zh (default: from LANG/LC_ALL)."),
)
@click.option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    cls=I18nOption,
    help=N_("Show the version and exit."),
)
def cli() -> None:
    pass


# -- build ---------------------------------------------------------------------


@cli.command(cls=I18nCommand, help=N_("Build or extend a term base from bilingual documents."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the input files (default: detect)."))
@click.option(
    "--align/--no-align",
    default=True,
    cls=I18nOption,
    help=N_("Also align the terms inside paired titles (default: on)."),
)
@click.option(
    "--fresh",
    is_flag=True,
    cls=I18nOption,
    help=N_("Start from an empty term base instead of merging into the existing one."),
)
def build(files: tuple[Path, ...], db: Path | None, encoding: str | None, align: bool, fresh: bool) -> None:
    from glossary.build import build as run_build
    from glossary.lookup import type_label
    from glossary.store import SHIPPED_PATH, TermBase

    if db is None:
        # The shipped term base is rebuilt on purpose only (see README), never by accident.
        raise InputError(
            _("give the term base to build with --db PATH (or set GLOSSARY_DB); the shipped one is {path}").format(
                path=SHIPPED_PATH
            )
        )
    target = db
    tb = TermBase.open(target, create=True)
    try:
        progress = None
        bar = None
        if sys.stderr.isatty() and len(files) > 1:
            bar = click.progressbar(length=len(files), label=_("reading"), file=sys.stderr)
            bar.__enter__()

            def progress(_name: str) -> None:
                bar.update(1)

        try:
            report = run_build(
                tb, list(files), encoding=encoding, align=align, fresh=fresh, progress=progress
            )
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    finally:
        tb.close()
    click.echo(
        _("{files} files, {pairs} pairs: {added} concepts added, {merged} merged, {unchanged} unchanged").format(
            files=report.files,
            pairs=report.pairs,
            added=report.added,
            merged=report.merged,
            unchanged=report.unchanged,
        ),
        err=True,
    )
    click.echo(
        _("term base {path}: {counts}").format(
            path=target, counts=", ".join(f"{type_label(k)} {v}" for k, v in report.by_type.items())
        ),
        err=True,
    )
    for en, zh, reason in report.mismatches:
        click.echo(_("pinyin mismatch: {en} / {zh}: {reason}").format(en=en, zh=zh, reason=reason), err=True)


# -- lookup --------------------------------------------------------------------


@cli.command(cls=I18nCommand, help=N_("Find concepts by English, Chinese or pinyin (with or without tones)."))
@click.argument("query")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    cls=I18nOption,
    help=N_("Output format."),
)
@click.option("--limit", type=int, default=20, show_default=True, cls=I18nOption, help=N_("Maximum number of concepts to show."))
def lookup(query: str, db: Path | None, fmt: str, limit: int) -> None:
    from glossary.lookup import format_concept, to_json
    from glossary.lookup import lookup as run_lookup
    from glossary.store import TermBase

    with TermBase.open(db, readonly=True) as tb:
        concepts = run_lookup(tb, query, limit)
    if fmt == "json":
        click.echo(to_json(concepts))
        return
    if not concepts:
        click.echo(_("no entry for {query!r}").format(query=query), err=True)
        sys.exit(1)
    color = sys.stdout.isatty()
    click.echo("\n\n".join(format_concept(c, color=color) for c in concepts))


# -- export / import / validate -------------------------------------------------


@cli.command(cls=I18nCommand, help=N_("Export the term base as TBX, TBX 2008, CSV or an OmegaT TSV glossary."))
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "tbx2008", "csv", "tsv"]),
    default="tbx",
    show_default=True,
    cls=I18nOption,
    help=N_("File format to write."),
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Output file (default: standard output)."))
@click.option("--lang", "langs", multiple=True, cls=I18nOption, help=N_("Only these languages (repeatable): en, zh-CN, ..."))
@click.option(
    "--lang-style",
    type=click.Choice(["region", "script"]),
    default="region",
    show_default=True,
    cls=I18nOption,
    help=N_("Write Chinese as zh-CN (region) or zh-Hans (script)."),
)
@click.option(
    "--status-vocab",
    type=click.Choice(["administrative", "usage"]),
    default="administrative",
    show_default=True,
    cls=I18nOption,
    help=N_("TBX term status: administrativeStatus (TBX-Basic 1.2.1) or the newer usageStatus."),
)
def export(db: Path | None, fmt: str, output: Path | None, langs: tuple[str, ...], lang_style: str, status_vocab: str) -> None:
    from glossary.formats import export_concepts
    from glossary.lang import normalize
    from glossary.store import TermBase

    for tag in langs:
        normalize(tag)  # unknown codes fail before anything is written
    with TermBase.open(db, readonly=True) as tb:
        with atomic_output(output) as out:
            count = export_concepts(
                tb.iter_concepts(),
                out,
                fmt,
                langs=list(langs) or None,
                lang_style=lang_style,
                status_vocab=status_vocab,
            )
    if output is not None:
        click.echo(_("{count} concepts written to {path}").format(count=count, path=output), err=True)


@cli.command("import", cls=I18nCommand, help=N_("Import a TBX, TBX 2008, CSV/TSV or OmegaT glossary into a term base."))
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.option("--format", "fmt", default=None, cls=I18nOption, help=N_("Input format (default: detect)."))
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the input file (default: detect)."))
@click.option(
    "--on-conflict",
    type=click.Choice(["merge", "skip", "replace"]),
    default="merge",
    show_default=True,
    cls=I18nOption,
    help=N_("What to do with a concept the term base already has."),
)
def import_(file: Path, db: Path | None, fmt: str | None, encoding: str | None, on_conflict: str) -> None:
    from glossary.formats import import_file
    from glossary.store import TermBase

    if db is None:
        raise InputError(_("give the term base to import into with --db PATH"))
    with TermBase.open(db, create=True) as tb:
        report = import_file(tb, file, fmt, on_conflict=on_conflict, encoding=encoding)
    for line in report.mapped:
        click.echo(_("mapped: {what}").format(what=line), err=True)
    for where, reason in report.rejected:
        click.echo(_("rejected: {where}: {reason}").format(where=where, reason=reason), err=True)
    click.echo(f"{file}: {report.summary()}", err=True)


@cli.command(cls=I18nCommand, help=N_("Check that a TBX file is valid TBX-Basic; lists every problem with its line."))
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    from glossary.formats import validate_tbx

    result = validate_tbx(file)
    for line, message in result.problems:
        click.echo(f"{file}:{line}: {message}" if line else f"{file}: {message}")
    if result.ok:
        click.echo(_("{file}: valid {dialect}").format(file=file, dialect=result.dialect))
    else:
        click.echo(
            _("{file}: not valid {dialect}: {count} problems").format(
                file=file, dialect=result.dialect, count=len(result.problems)
            ),
            err=True,
        )
        sys.exit(1)


def _register_lint_commands() -> None:
    try:
        from glossary.commands.lint import check, lint
    except ImportError:  # pragma: no cover - during development only
        return
    for command in (check, lint):
        cli.add_command(command)


_register_lint_commands()


def main() -> None:
    cli(prog_name="glossary")


if __name__ == "__main__":
    main()

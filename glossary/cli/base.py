"""The Click classes every command uses: translated help, one-line errors, lazy loading.

Help texts are English msgids translated at the moment help is shown, not
when the command is defined, so ``--lang zh`` and ``LANG=zh_CN.UTF-8`` both
give Chinese help.  A :class:`~glossary.errors.GlossaryError` becomes one
line on stderr and its exit status; anything else is a bug, still reported
in one line (``GLOSSARY_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import click

from glossary.errors import EXIT_INTERNAL, GlossaryError, GlossaryNote, InputError, OutputError
from glossary.i18n import _, process_language


class I18nOption(click.Option):
    """An option whose help is translated when shown.

    ``help_format`` (a callable returning placeholder values) fills in a help
    text such as "the rules are: {rules}" from what is registered when help
    is asked for, so the list is never a stale copy.
    """

    def __init__(
        self, *args: Any, help_format: Callable[[], Mapping[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.help_format = help_format

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        original = self.help
        if original:
            text = _(original)
            self.help = text.format(**self.help_format()) if self.help_format else text
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = original


class LazyChoice(click.Choice):
    """A choice whose names are computed when first needed, not at import.

    The names come from the registries (rules, readers, formats), which load
    their modules; computing them only for help, completion or a given
    value keeps ``glossary check`` from paying for it at start-up.
    """

    def __init__(self, names: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        # click.Choice.__init__ would store the names now; this defers them.
        self._names = names
        self._cached: tuple[str, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        if self._cached is None:
            self._cached = tuple(self._names())
        return self._cached


#: errno values of a write the system refused (a full disk, a quota, an I/O error, a read-only
#: file system): the output is lost, which is exit 4, not a bug.
_REFUSED_WRITES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def raise_or_report(ctx: click.Context, exc: BaseException) -> None:
    """A bug: re-raised under ``GLOSSARY_DEBUG``, else one line on stderr and exit 70."""
    if os.environ.get("GLOSSARY_DEBUG"):
        raise exc
    click.echo(
        _("internal error: {error} (set GLOSSARY_DEBUG=1 for details)").format(
            error=f"{type(exc).__name__}: {exc}"
        ),
        err=True,
    )
    ctx.exit(EXIT_INTERNAL)


def show_notes() -> None:
    """Show the library's :class:`~glossary.errors.GlossaryNote` warnings as one line on stderr each."""
    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001, ANN202
        if issubclass(category, GlossaryNote):
            click.echo(_("note: {message}").format(message=message), err=True)
        else:
            original(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def fail(exc: GlossaryError) -> None:
    """Report ``exc`` in one line on stderr and exit with its status."""
    click.echo(_("error: {message}").format(message=str(exc)), err=True)
    sys.exit(exc.exit_code)


class I18nCommand(click.Command):
    """A command with translated help whose errors are one line and an exit status."""

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

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click builds --help once per command and keeps it: translate its text
        # each time, or a process that showed English help keeps it in Chinese.
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            if not isinstance(self, click.Group):
                sys.stdout.flush()  # a full disk shows here, not in the interpreter's last flush
            return result
        except GlossaryError as exc:
            fail(exc)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except OSError as exc:
            if exc.errno not in _REFUSED_WRITES:
                raise_or_report(ctx, exc)
            _silence_stdout()
            fail(OutputError(_("cannot write the output: {reason}").format(reason=exc.strerror)))
        except KeyboardInterrupt:
            click.echo(_("interrupted; nothing was written"), err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: still one line, never a traceback
            raise_or_report(ctx, exc)


class I18nGroup(I18nCommand, click.Group):
    """The command group: reads ``--lang`` first, and loads a command only when it runs.

    ``lazy_commands`` maps a command name to ``"module:attribute"``.  Each
    command module imports the library modules it needs at its top, so
    loading only the one asked for keeps ``glossary check`` and
    ``glossary lookup`` from importing the corpus parsers of ``build`` or the
    exchange formats (the one place the CLI imports its modules lazily).
    """

    command_class = I18nCommand

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module_name, attribute = self.lazy_commands[cmd_name].split(":")
            try:
                command = getattr(importlib.import_module(module_name), attribute)
            except GlossaryError as exc:  # e.g. a plugin that fails to load: exit 5
                fail(exc)
            except Exception as exc:  # a broken command is a bug, never "No such command"
                raise_or_report(ctx, exc)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        with process_language(lang_in(argv)):
            bad = undecodable_argument(argv)
            if bad is not None:
                fail(
                    InputError(
                        _("an argument is not valid text in the locale's encoding (UTF-8): {arg}").format(
                            arg=repr(os.fsencode(bad))[1:]
                        )
                    )
                )
            return super().main(argv, *pos, **kwargs)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        I18nCommand.format_help_text(self, ctx, formatter)


I18nGroup.group_class = I18nGroup


def undecodable_argument(argv: list[str]) -> str | None:
    """The first argument holding bytes the locale could not decode, unless it names an existing file.

    Python hands such bytes over as lone surrogates (PEP 383); a term or an
    option value holding them would fail much later, when printed or stored,
    as an internal error.  A path is left alone: a file name may be any bytes.
    """
    for arg in argv:
        if isinstance(arg, str) and not _encodable(arg) and not os.path.lexists(arg):
            return arg
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def lang_in(argv: list[str]) -> str | None:
    """The --lang given before the subcommand, read early so help is translated too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None
    return None

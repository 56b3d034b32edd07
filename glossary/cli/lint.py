"""``glossary lint PATH...``: drafts, folders and globs against the term base (:func:`glossary.api.lint_project`).

Settings come from the project configuration (``[tool.glossary]`` in
``pyproject.toml`` or a ``glossary.toml``, found upwards), and an option
given on the command line overrides it; ``--show-config`` prints what is in
force and where each value came from.  Exit status: 0 when no finding
reaches ``--fail-on``, 1 when one does, 2 when a file could not be read
(the other files' findings are still printed), 3 for the term base.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from glossary import api
from glossary.checks import RULES
from glossary.cli.base import I18nCommand, I18nOption, LazyChoice
from glossary.cli.choices import reader_names
from glossary.cli.findings import finding_options
from glossary.config import load_config
from glossary.errors import EXIT_INPUT
from glossary.i18n import N_, _
from glossary.lint import reaches
from glossary.report import write_report

#: Command-line options and the configuration keys they override.
_OVERRIDES = {
    "db": "db",
    "source_lang": "source-lang",
    "target_lang": "target-lang",
    "fmt": "format",
    "fail_on": "fail-on",
    "rules": "rules",
    "disable": "disable",
    "jobs": "jobs",
    "input_format": "input-format",
    "encoding": "encoding",
    "baseline": "baseline",
}


@click.command("lint", cls=I18nCommand, help=N_("Lint translated drafts, folders of them or globs against the term base."))
@click.argument("paths", nargs=-1)
@click.option(
    "--target-file",
    metavar="FILE",
    cls=I18nOption,
    help=N_("The translation of a line-aligned text source (or write SOURCE=TARGET)."),
)
@click.option(
    "--input-format",
    type=LazyChoice(reader_names),
    default=None,
    cls=I18nOption,
    help=N_("Format of the drafts (default: detect by extension and content; needed for -, standard input)."),
)
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the drafts (default: detect)."))
@click.option(
    "--ignore-file",
    type=click.Path(dir_okay=False, path_type=Path),
    cls=I18nOption,
    help=N_("Ignore file to use instead of the nearest .glossaryignore."),
)
@click.option("--no-ignore-file", is_flag=True, cls=I18nOption, help=N_("Do not read any .glossaryignore."))
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    cls=I18nOption,
    help=N_("Check in this many processes (0: one per CPU); the findings are the same. Default: 1."),
)
@click.option("--exclude", multiple=True, metavar="PATTERN", cls=I18nOption, help=N_("Leave out paths matching this gitignore-style pattern (repeatable)."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Read this configuration file instead of finding one."))
@click.option("--show-config", is_flag=True, cls=I18nOption, help=N_("Print the settings in force and where each came from, then exit."))
@click.option("--baseline", type=click.Path(dir_okay=False), cls=I18nOption, help=N_("Report only findings that this baseline file does not record."))
@click.option("--write-baseline", type=click.Path(dir_okay=False), cls=I18nOption, help=N_("Record today's findings in this baseline file."))
@click.option("--no-cache", is_flag=True, cls=I18nOption, help=N_("Do not read or write the findings cache."))
@click.option("--fail-fast", is_flag=True, cls=I18nOption, help=N_("Stop at the first file that cannot be read."))
@click.option("--quiet", "-q", is_flag=True, cls=I18nOption, help=N_("Print the findings only: no summary, no progress."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Write the report to this file (default: standard output)."))
@finding_options
@click.pass_context
def lint(ctx: click.Context, paths: tuple[str, ...], target_file: str | None, ignore_file: Path | None,
         no_ignore_file: bool, config_path: Path | None, show_config: bool, write_baseline: str | None,
         no_cache: bool, fail_fast: bool, quiet: bool, output: Path | None, colour: bool | None,
         **options: object) -> None:
    config = load_config(path=config_path)
    for name, key in _OVERRIDES.items():
        source = ctx.get_parameter_source(name)
        if source in (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT):
            value = options.get(name)
            if value not in (None, ()):
                origin = "GLOSSARY_DB" if source == click.core.ParameterSource.ENVIRONMENT else "command line"
                config.set(key, str(value) if isinstance(value, Path) else value, origin)
    excluded = options.get("exclude") or ()
    if excluded:
        config.set("exclude", [*config["exclude"], *excluded])  # type: ignore[misc]
    if ignore_file is not None:
        config.set("ignore-file", str(ignore_file))
    if no_ignore_file:
        config.set("ignore-file", "none")
    if no_cache:
        config.set("cache", False)
    if show_config:
        click.echo(config.show())
        return
    targets = api.project_targets(paths, config=config, target_file=target_file)
    bar = None
    if not quiet and len(targets) > 1 and sys.stderr.isatty():
        bar = click.progressbar(length=len(targets), label=_("linting"), file=sys.stderr)
        bar.__enter__()
    try:
        result = api.lint_project(
            targets,
            config=config,
            write_baseline=write_baseline,
            fail_fast=fail_fast,
            progress=bar.update if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for failed in result.errors:
        click.echo(_("error: {message}").format(message=str(failed.error)), err=True)
    descriptions = {rule.name: _(rule.description) for rule in RULES}
    files = [(f.name, f.segments) for f in result.files if f.error is None]
    report = {
        "colour": colour,
        "segments": result.segments,
        "suppressed": result.suppressed,
        "rules": descriptions,
        "baselined": result.baselined,
        "files": files,
        "quiet": quiet,
    }
    if output is not None:
        api.write_report_file(output, result.findings, config["format"], **report)
    else:
        write_report(result.findings, sys.stdout, config["format"], **report)
        sys.stdout.flush()
    if write_baseline is not None and not quiet:
        click.echo(_("{count} findings recorded in {path}").format(count=len(result.findings), path=write_baseline), err=True)
    if result.errors:
        sys.exit(EXIT_INPUT)
    sys.exit(1 if reaches(result.findings, config["fail-on"]) else 0)

"""What ``check`` and ``lint`` share: their options, and printing findings with the exit status.

Exit status (the same for both, documented in the README): 0 when no
finding reaches ``--fail-on`` (default ``error``), 1 when one does, 2 for
usage errors and unreadable input, 3 for a missing or broken term base.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from glossary.checks.base import Finding
from glossary.cli.base import I18nOption, LazyChoice
from glossary.cli.choices import fail_on_names, report_format_names, rule_names
from glossary.cli.options import db_option
from glossary.i18n import N_
from glossary.lint import reaches
from glossary.report import write_report

Decorator = Callable[[Any], Any]


def _rule_list() -> dict[str, str]:
    return {"rules": ", ".join(rule_names())}


def finding_options(func: Any) -> Any:
    """Options shared by ``check`` and ``lint``: languages, term base, output, rules."""
    options: list[Decorator] = [
        click.option("--source-lang", cls=I18nOption, help=N_("Source language (default: detect by script).")),
        click.option("--target-lang", cls=I18nOption, help=N_("Target language (default: detect by script).")),
        db_option,
        click.option(
            "--format",
            "fmt",
            type=LazyChoice(report_format_names),
            default="human",
            show_default=True,
            cls=I18nOption,
            help=N_("Output: human, json (one array of findings) or jsonl (one finding a line)."),
        ),
        click.option(
            "--fail-on",
            type=LazyChoice(fail_on_names),
            default="error",
            show_default=True,
            cls=I18nOption,
            help=N_("Exit with status 1 when a finding has this severity or worse."),
        ),
        click.option(
            "--rules",
            metavar="RULES",
            cls=I18nOption,
            help_format=_rule_list,
            help=N_("Run only these rules, comma-separated: {rules}."),
        ),
        click.option("--disable", metavar="RULES", cls=I18nOption, help=N_("Turn these rules off, comma-separated.")),
        click.option(
            "--color/--no-color",
            "colour",
            default=None,
            cls=I18nOption,
            help=N_("Colour the human output (default: only on a terminal)."),
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def report_and_exit(findings: list[Finding], fmt: str, colour: bool | None, fail_on: str, **summary: Any) -> None:
    """Print ``findings`` in ``fmt`` and exit 1 when one reaches ``fail_on``, else 0."""
    stream = sys.stdout
    write_report(findings, stream, fmt, colour=colour, **summary)
    stream.flush()
    sys.exit(1 if reaches(findings, fail_on) else 0)

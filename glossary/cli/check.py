"""``glossary check``: one translation against the term base (:func:`glossary.api.check`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.findings import finding_options, report_and_exit
from glossary.i18n import N_


@click.command("check", cls=I18nCommand, help=N_("Check one translation against the term base."))
@click.option("--source", "source", required=True, cls=I18nOption, help=N_("The source text."))
@click.option("--target", "target", required=True, cls=I18nOption, help=N_("Its translation."))
@finding_options
def check(
    source: str,
    target: str,
    source_lang: str | None,
    target_lang: str | None,
    db: Path | None,
    fmt: str,
    fail_on: str,
    rules: str | None,
    disable: str | None,
    colour: bool | None,
) -> None:
    findings = api.check(
        source, target, db=db, source_lang=source_lang, target_lang=target_lang, rules=rules, disable=disable
    )
    report_and_exit(findings, fmt, colour, fail_on, segments=1)

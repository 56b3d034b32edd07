#!/usr/bin/env bash
# Update the message catalogs after changing user-facing text:
#   tools/catalogs.sh            extract, merge into en and zh_Hans, compile
# Click's own texts (Usage:, Options:, its errors) are extracted from the
# installed click too, so the Chinese UI has no English left in it.
set -euo pipefail
cd "$(dirname "$0")/.."
click_dir=$(python -c 'import click, os; print(os.path.dirname(click.__file__))')
pybabel extract -F babel.cfg -k N_ -k _ -k ngettext:1,2 --no-location --sort-output --no-wrap \
    --project glossary --copyright-holder "glossary authors" \
    -o glossary/locale/glossary.pot glossary "$click_dir" >/dev/null
for lang in en zh_Hans; do
    po=glossary/locale/$lang/LC_MESSAGES/glossary.po
    if [ -f "$po" ]; then
        pybabel update -D glossary -i glossary/locale/glossary.pot -d glossary/locale -l "$lang" --no-fuzzy-matching --ignore-obsolete --no-wrap >/dev/null
    else
        pybabel init -D glossary -i glossary/locale/glossary.pot -d glossary/locale -l "$lang" >/dev/null
    fi
done
pybabel compile -D glossary -d glossary/locale --use-fuzzy >/dev/null || pybabel compile -D glossary -d glossary/locale

"""Lint rules, one module each; :mod:`glossary.checks.base` holds the finding."""

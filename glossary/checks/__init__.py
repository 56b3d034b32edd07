"""Lint rules, one module each, found through :data:`RULES`.

Every public module here that defines ``RULE`` (one rule object or a list of
them; see :mod:`glossary.checks.base` for the protocol) is a built-in rule;
third-party rules join through the ``glossary.rules`` entry point.  The lint
engine (:mod:`glossary.lint`), ``--rules`` and the README's rule table read
this registry and nothing else, so adding a rule is one new module.
"""

from __future__ import annotations

from glossary.registry import Registry

RULES: Registry = Registry("rule", "glossary.rules", "glossary.checks", "RULE")

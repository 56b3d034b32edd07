"""Build hook: the shipped term base travels in the package.

``terms/`` stays at the top of the repository (the design wants it there,
readable in a pull request), so it is not inside ``glossary/`` where
package data is found.  This hook copies it into the built package as
``glossary/_shipped/``, where :func:`glossary.store.base.shipped_path` finds
it in a wheel, ``pip install .`` and pipx.  An editable install copies
nothing: it reads the checkout's own ``terms/``, so a rebuilt term base is
used at once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
TERMS = HERE / "terms"
SHIPPED = Path("glossary") / "_shipped"


class build_py_with_terms(build_py):  # noqa: N801 - setuptools names commands in lower case
    """``build_py`` that also copies ``terms/`` into the package as ``_shipped/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / SHIPPED
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(TERMS, target, ignore=shutil.ignore_patterns(".*", "*~"))
        self._shipped = [str(p) for p in sorted(target.rglob("*")) if p.is_file()]

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return super().get_outputs(include_bytecode) + list(getattr(self, "_shipped", []))


setup(cmdclass={"build_py": build_py_with_terms})

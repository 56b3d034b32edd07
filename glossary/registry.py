"""Registries: the one way rules, draft readers, exchange formats and stores join the tool.

Each kind of extension has one :class:`Registry`.  A registry knows its
built-ins by the package they live in (every public module of that package
that defines the registry's attribute, e.g. ``RULE``), and third-party
plugins by an entry-point group (``glossary.rules``, ``glossary.readers``,
``glossary.formats``, ``glossary.stores``).  The built-ins go through the
same door as plugins, so adding a rule, a reader, a format or a backend is
one new module and its tests, with no list to edit anywhere else.

Loading is lazy: nothing is imported until a name is asked for, and a
plugin or built-in that fails to import is a :class:`PluginError` naming
it, never a silently missing rule (the first wave's ``_optional_rule``
turned a typo in one rule into "no findings").

The same door serves the library's own heavy modules: :func:`lazy_module`
names a module by its dotted path (as an entry point names its target) and
imports it when an attribute is first read, so :mod:`glossary.api` can offer
``extract`` and ``export`` without ``glossary check`` paying for them; and
:func:`lazy_pattern` compiles a regular expression when it is first used,
for the many a rule needs only when its text holds what it looks for.

This module is the only place in ``glossary`` that imports modules inside
functions: it is where lazy loading lives.
"""

from __future__ import annotations

import importlib.machinery
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, cast

from glossary.errors import PluginError


class Plugin(Protocol):
    """What every registered object has: a unique, lower-case name."""

    name: str


P = TypeVar("P", bound=Plugin)

#: Order of objects without an ``order`` attribute: after the built-ins that set one.
DEFAULT_ORDER = 100


@dataclass
class Registry(Generic[P]):
    """The registered objects of one kind, built-ins first, then entry points.

    ``package`` is scanned for modules that define ``attribute`` (one object,
    or a list or tuple of them); ``group`` is the entry-point group whose
    values point at such an object (``module:NAME``) or a module.
    """

    kind: str
    group: str
    package: str
    attribute: str
    _items: dict[str, P] | None = field(default=None, init=False, repr=False)
    _origin: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _extra: list[tuple[P, str]] = field(default_factory=list, init=False, repr=False)

    # -- what callers use ---------------------------------------------------

    def names(self) -> list[str]:
        """Every registered name, in run order (``order`` attribute, then name)."""
        return list(self._loaded())

    def get(self, name: str) -> P:
        """The object registered as ``name``; :class:`KeyError` when there is none."""
        return self._loaded()[name]

    def __contains__(self, name: object) -> bool:
        return name in self._loaded()

    def __iter__(self) -> Iterator[P]:
        return iter(list(self._loaded().values()))

    def __len__(self) -> int:
        return len(self._loaded())

    def origin(self, name: str) -> str:
        """Where ``name`` came from: a built-in module or an entry point (for --show-config, errors)."""
        self._loaded()
        return self._origin[name]

    def register(self, obj: P, *, origin: str = "registered in code") -> P:
        """Add ``obj`` at run time (tests, an application embedding the library); returns it."""
        self._extra.append((obj, origin))
        if self._items is not None:
            self._add(self._items, obj, origin)
            self._sort()
        return obj

    def unregister(self, name: str) -> None:
        """Remove a name added with :meth:`register` (tests clean up after themselves)."""
        self._extra = [(o, w) for o, w in self._extra if o.name != name]
        self._items = None
        self._origin.clear()

    # -- loading ----------------------------------------------------------------

    def _loaded(self) -> dict[str, P]:
        if self._items is None:
            items: dict[str, P] = {}
            self._origin.clear()
            for module_name in self._builtin_modules():
                for obj in self._objects_of(self._import(module_name, module_name), module_name):
                    self._add(items, obj, module_name)
            for entry in self._entry_points():
                where = f"entry point {entry.name!r} = {entry.value} ({self.group})"
                try:
                    loaded = entry.load()
                except Exception as exc:  # noqa: BLE001 - any failure of third-party code
                    raise PluginError(
                        f"{self.kind} plugin {where} failed to load: {type(exc).__name__}: {exc}"
                    ) from None
                for obj in self._objects_of(loaded, where):
                    self._add(items, obj, where)
            for obj, where in self._extra:
                self._add(items, obj, where)
            self._items = items
            self._sort()
        return self._items

    def _sort(self) -> None:
        assert self._items is not None
        ordered = sorted(
            self._items.values(), key=lambda o: (getattr(o, "order", DEFAULT_ORDER), o.name)
        )
        self._items = {o.name: o for o in ordered}

    def _builtin_modules(self) -> list[str]:
        package = self._import(self.package, self.package)
        paths = getattr(package, "__path__", None)
        if paths is None:
            return []
        return [
            f"{self.package}.{info.name}"
            for info in sorted(pkgutil.iter_modules(paths), key=lambda i: i.name)
            if not info.name.startswith("_") and not info.ispkg
        ]

    def _import(self, module_name: str, what: str) -> Any:
        import importlib

        try:
            return importlib.import_module(module_name)
        except Exception as exc:  # noqa: BLE001 - a broken built-in must name itself
            raise PluginError(
                f"built-in {self.kind} module {what} failed to load: {type(exc).__name__}: {exc}"
            ) from None

    def _objects_of(self, loaded: Any, where: str) -> list[P]:
        value = getattr(loaded, self.attribute, None) if _is_module(loaded) else loaded
        if value is None:
            return []
        objects = list(value) if isinstance(value, (list, tuple)) else [value]
        for obj in objects:
            name = getattr(obj, "name", None)
            if not isinstance(name, str) or not name:
                raise PluginError(f"{self.kind} from {where} has no name")
        return objects

    def _add(self, items: dict[str, P], obj: P, where: str) -> None:
        if obj.name in items and items[obj.name] is not obj:
            raise PluginError(
                f"two {self.kind}s are named {obj.name!r}: {self._origin[obj.name]} and {where}"
            )
        items[obj.name] = obj
        self._origin[obj.name] = where

    def _entry_points(self) -> list[Any]:
        if not may_have_plugins(self.group):
            return []
        from importlib.metadata import entry_points

        try:
            return sorted(entry_points(group=self.group), key=lambda e: e.name)
        except Exception as exc:  # noqa: BLE001 - a broken installed distribution
            raise PluginError(
                f"cannot read the installed {self.kind} plugins ({self.group}): {type(exc).__name__}: {exc}"
            ) from None


#: The file of a distribution's metadata that declares its entry points.
_ENTRY_POINTS_FILE = "entry_points.txt"


def may_have_plugins(group: str) -> bool:
    """False only when no installed distribution can declare an entry point in ``group``.

    Why not ask :mod:`importlib.metadata` every time: importing it (email,
    zipfile, csv...) and reading every distribution's metadata is about a
    tenth of ``glossary check``'s start-up, for plugins most installations
    do not have.  This reads the same files it would (``entry_points.txt`` of
    every ``*.dist-info`` and ``*.egg-info`` folder on ``sys.path``) for a
    ``[group]`` section, and answers True, so that importlib.metadata
    decides, whenever it cannot be sure: a ``sys.path`` entry that is not a
    folder (a zip), an ``.egg``, an unreadable file, or a meta-path finder
    other than the standard one that finds distributions of its own.
    """
    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not importlib.machinery.PathFinder:
            return True
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file or something else importlib.metadata may read
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            return True
        for name in names:
            low = name.lower()
            if low.endswith(".egg"):
                return True
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            path = os.path.join(folder, name, _ENTRY_POINTS_FILE)
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (a one-file .egg-info holds PKG-INFO alone)
            except (OSError, UnicodeDecodeError):
                return True
            if _declares(text, group):
                return True
    return False


def _declares(text: str, group: str) -> bool:
    """Whether an ``entry_points.txt`` has a ``[group]`` section, read as importlib.metadata reads it."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line.strip("[]") == group:
            return True
    return False


class LazyModule:
    """A module imported when one of its attributes is first read (see :func:`lazy_module`)."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: Any = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            import importlib

            # Not wrapped in PluginError: a module of our own that fails to import is a bug.
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<lazy module {self._name!r}, {state}>"


def lazy_module(name: str) -> Any:
    """The module ``name`` (dotted, e.g. ``"glossary.edit"``), imported on first attribute access.

    For a module only some callers need: a handle at the top of the module
    that uses it, so the dependency stays visible where imports are (and
    ``tests/test_architecture.py`` checks its layer and circles like an
    import), while a command that never touches it never loads it.  Write
    ``if TYPE_CHECKING: from glossary import edit`` beside it for the types.
    """
    return LazyModule(name)


#: What a compiled pattern answers that a :class:`LazyPattern` forwards once compiled.
_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A regular expression compiled when it is first used (see :func:`lazy_pattern`).

    The first attribute read compiles it and keeps the compiled pattern's
    methods on the instance, so every later ``search`` or ``finditer`` is
    an ordinary attribute of it: no wrapper runs on a hot path.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # the source, as re.Pattern.pattern gives it
        self._flags = flags

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)  # copy, pickle and friends probe these: not a pattern's
        compiled = re.compile(self.pattern, self._flags)
        for name in _PATTERN_METHODS:
            setattr(self, name, getattr(compiled, name))
        self.flags, self.groups, self.groupindex = compiled.flags, compiled.groups, compiled.groupindex
        return getattr(compiled, attribute)

    def __repr__(self) -> str:
        return f"lazy_pattern({self.pattern!r})"


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used rather than at import.

    Why: the rules hold about a hundred patterns, most of them needed only
    for a text holding numbers, codes, names or placeholders, and compiling
    them all is a tenth of ``glossary check``'s start-up.  A bad pattern
    still fails, at its first use (the rules' tests use every one).  Typed
    as the pattern it stands for: it answers the same methods.
    """
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))


def _is_module(value: Any) -> bool:
    return type(value).__name__ == "module"

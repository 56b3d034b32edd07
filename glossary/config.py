"""Project configuration: ``[tool.glossary]`` in ``pyproject.toml``, or a ``glossary.toml``.

A team keeps its lint settings with the project, as ruff and mypy do: the
term base, the languages, which paths to lint and which to leave out, the
rules and their severities, what fails the run, the output format.  The file
is found upwards from the current directory (``glossary.toml`` first, then a
``pyproject.toml`` that has a ``[tool.glossary]`` table); paths in it are
relative to the file.  Command-line options override it, and every value
remembers where it came from, so ``glossary lint --show-config`` can say why
a setting is what it is.

Keys (``-`` and ``_`` are the same)::

    db = "terms/team.sqlite"        # term base
    source-lang = "en"              # languages, when files do not say
    target-lang = "zh-Hans"
    paths = ["locale", "docs"]      # what `glossary lint` with no PATH lints
    exclude = ["build/", "*.tmp.po"] # gitignore-style patterns
    rules = ["term", "number"]      # run only these
    disable = ["consistency"]       # turn these off
    fail-on = "warning"             # error | warning | never
    format = "github"               # output format
    jobs = 2
    cache = true                    # per-file findings cache (.glossary_cache)
    baseline = "glossary-baseline.json"
    ignore-file = ".glossaryignore"

    [tool.glossary.severity]        # change a rule's severity
    latin = "info"
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.i18n import _

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILE = "glossary.toml"
PYPROJECT = "pyproject.toml"
SEVERITY_NAMES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "never")

#: Every key, with its type and default.  Paths are resolved against the config file.
KEYS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "db": (str, None),
    "source-lang": (str, None),
    "target-lang": (str, None),
    "paths": (list, []),
    "exclude": (list, []),
    "rules": (list, None),
    "disable": (list, []),
    "severity": (dict, {}),
    "fail-on": (str, "error"),
    "format": (str, "human"),
    "jobs": (int, 1),
    "cache": (bool, True),
    "cache-dir": (str, ".glossary_cache"),
    "baseline": (str, None),
    "ignore-file": (str, None),
    "input-format": (str, None),
    "encoding": (str, None),
}
PATH_KEYS = ("db", "cache-dir", "baseline", "ignore-file")
DEFAULT = "default"


@dataclass
class Setting:
    value: Any
    #: Where it came from: ``default``, ``glossary.toml``, ``pyproject.toml [tool.glossary]``,
    #: ``command line`` or an environment variable's name.
    origin: str = DEFAULT


@dataclass
class Config:
    """The settings in force for one run, each with its origin."""

    settings: dict[str, Setting] = field(
        default_factory=lambda: {key: Setting(_copy(default)) for key, (_t, default) in KEYS.items()}
    )
    #: The file read, if any, and the project root (its folder, else the current directory).
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> Any:
        return self.settings[_key(key)].value

    def origin(self, key: str) -> str:
        return self.settings[_key(key)].origin

    def set(self, key: str, value: Any, origin: str = "command line") -> None:
        """Override ``key`` (only when ``value`` is given: None leaves it as it is)."""
        if value is None:
            return
        key = _key(key)
        if key not in KEYS:
            raise InputError(_("unknown setting {key!r}").format(key=key))
        if isinstance(value, tuple):
            value = list(value)
        self.settings[key] = Setting(_check(key, value, origin, None), origin)

    def show(self) -> str:
        """One line a setting: ``key = value  (origin)``, for ``--show-config``."""
        width = max(len(k) for k in KEYS)
        lines = []
        if self.path is not None:
            lines.append(_("configuration file: {path}").format(path=self.path))
        else:
            lines.append(_("configuration file: none found"))
        for key in KEYS:
            setting = self.settings[key]
            lines.append(f"{key.ljust(width)} = {_show(setting.value)}  ({setting.origin})")
        return "\n".join(lines)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _key(key: str) -> str:
    return key.replace("_", "-").lower()


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {v}" for k, v in sorted(value.items())) + "}"
    return str(value)


def find_config(start: Path | None = None) -> tuple[Path, Mapping[str, Any], str] | None:
    """The nearest configuration upwards from ``start``: (file, its glossary table, origin label)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in [folder, *folder.parents]:
        own = candidate / CONFIG_FILE
        if own.is_file():
            data = _load(own)
            table = data.get("tool", {}).get("glossary", data) if "tool" in data else data
            return own, table, CONFIG_FILE
        project = candidate / PYPROJECT
        if project.is_file():
            data = _load(project)
            table = data.get("tool", {}).get("glossary")
            if table is not None:
                return project, table, f"{PYPROJECT} [tool.glossary]"
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror), file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" (at line")[0]
        raise InputError(_("not valid TOML: {reason}").format(reason=message), file=str(path), line=line) from None


def _line_of(path: Path | None, key: str) -> int | None:
    """The line where ``key`` is set, for an error message (tomllib keeps no positions)."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    spellings = {key, key.replace("-", "_")}
    for number, line in enumerate(lines, 1):
        name = line.split("=", 1)[0].strip().strip('"')
        if "=" in line and name in spellings:
            return number
    return None


def _check(key: str, value: Any, origin: str, path: Path | None) -> Any:
    expected, _default = KEYS[key]
    if key in ("paths", "exclude", "rules", "disable") and isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, bool) and expected is int:
        ok = False
    else:
        ok = isinstance(value, expected)
    if not ok or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
        raise InputError(
            _("setting {key!r} should be {kind}, not {value!r}").format(
                key=key, kind=_kind(expected), value=value
            ),
            file=str(path) if path else None,
            line=_line_of(path, key),
        )
    if key == "fail-on" and value not in FAIL_ON:
        raise InputError(
            _("setting {key!r} should be one of {choices}, not {value!r}").format(
                key=key, choices=", ".join(FAIL_ON), value=value
            ),
            file=str(path) if path else None,
            line=_line_of(path, key),
        )
    if key == "severity":
        for rule, severity in value.items():
            if severity not in SEVERITY_NAMES:
                raise InputError(
                    _("severity of {rule!r} should be one of {choices}, not {value!r}").format(
                        rule=rule, choices=", ".join(SEVERITY_NAMES), value=severity
                    ),
                    file=str(path) if path else None,
                    line=_line_of(path, rule),
                )
    return value


def _kind(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", list: "a list of strings", dict: "a table", int: "a number", bool: "true or false"}
    return names.get(expected, str(expected)) if isinstance(expected, type) else "a value"


def _shown_path(path: Path) -> str:
    """A configured path as findings should name it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def load_config(start: Path | None = None, *, path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """The configuration in force: defaults, then the file (``path``, else found upwards), then
    ``GLOSSARY_DB`` from the environment for the term base when the file names none.

    Command-line options are applied afterwards by the caller with :meth:`Config.set`.
    """
    config = Config()
    if path is not None:
        data = _load(path)
        table = data.get("tool", {}).get("glossary", {}) if path.name == PYPROJECT else data.get("tool", {}).get("glossary", data)
        found: tuple[Path, Mapping[str, Any], str] | None = (path, table, path.name)
    else:
        found = find_config(start)
    environ = os.environ if env is None else env
    if found is not None:
        file, table, origin = found
        config.path = file
        config.root = file.parent.resolve()
        for raw_key, value in table.items():
            key = _key(raw_key)
            if key not in KEYS:
                raise InputError(
                    _("unknown setting {key!r}; the settings are: {keys}").format(
                        key=raw_key, keys=", ".join(KEYS)
                    ),
                    file=str(file),
                    line=_line_of(file, raw_key),
                )
            value = _check(key, value, origin, file)
            if key in PATH_KEYS and isinstance(value, str):
                value = str(config.root / value)
            if key == "paths":
                value = [_shown_path(config.root / v) for v in value]
            config.settings[key] = Setting(value, origin)
    if config.origin("db") == DEFAULT and environ.get("GLOSSARY_DB"):
        config.settings["db"] = Setting(environ["GLOSSARY_DB"], "GLOSSARY_DB")
    return config

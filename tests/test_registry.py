"""The generic registry: built-ins by package, plugins by entry point, failures that name themselves."""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass
from importlib.metadata import EntryPoint

import pytest

from glossary.errors import EXIT_PLUGIN, PluginError
from glossary.registry import Registry, lazy_module, lazy_pattern, may_have_plugins


@dataclass
class Thing:
    name: str
    order: int = 100


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A throwaway package ``fakepkg`` on sys.path; yields a function writing its modules."""
    root = tmp_path / "fakepkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(name: str, body: str) -> None:
        (root / f"{name}.py").write_text(textwrap.dedent(body))

    yield write
    for name in [m for m in sys.modules if m == "fakepkg" or m.startswith("fakepkg.")]:
        del sys.modules[name]


def no_entry_points(monkeypatch, registry: Registry, entries=()):
    monkeypatch.setattr(registry, "_entry_points", lambda: list(entries))


def test_builtins_are_the_package_modules_that_define_the_attribute(package, monkeypatch):
    package("beta", "from tests.test_registry import Thing\nTHING = Thing('beta', order=2)\n")
    package("alpha", "from tests.test_registry import Thing\nTHING = [Thing('alpha', order=1), Thing('zeta', order=1)]\n")
    package("helpers", "X = 1\n")  # no attribute: not a plugin module
    package("_private", "raise RuntimeError('never imported')\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, registry)
    assert registry.names() == ["alpha", "zeta", "beta"]  # by order, then name
    assert registry.get("beta").order == 2
    assert "alpha" in registry and "helpers" not in registry
    assert registry.origin("beta") == "fakepkg.beta"
    with pytest.raises(KeyError):
        registry.get("nope")


def test_a_builtin_that_fails_to_import_is_an_error_naming_it(package, monkeypatch):
    package("good", "from tests.test_registry import Thing\nTHING = Thing('good')\n")
    package("broken", "from tests.test_registry import Thing\nimport no_such_module_xyz\nTHING = Thing('broken')\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, registry)
    with pytest.raises(PluginError) as info:
        registry.names()
    assert "fakepkg.broken" in str(info.value) and "no_such_module_xyz" in str(info.value)
    assert info.value.exit_code == EXIT_PLUGIN


def test_entry_points_add_plugins_and_a_failing_one_names_itself(package, monkeypatch):
    package("builtin", "from tests.test_registry import Thing\nTHING = Thing('builtin')\n")
    package("plugin", "from tests.test_registry import Thing\nTHING = Thing('extra', order=0)\nOTHER = Thing('other')\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    ok_module = EntryPoint("extra", "fakepkg.plugin", "glossary.things")
    ok_object = EntryPoint("other", "fakepkg.plugin:OTHER", "glossary.things")
    no_entry_points(monkeypatch, registry, [ok_module, ok_object])
    assert registry.names() == ["extra", "builtin", "other"]
    assert "entry point 'other'" in registry.origin("other")

    broken = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, broken, [EntryPoint("bad", "fakepkg.missing:X", "glossary.things")])
    with pytest.raises(PluginError, match="'bad'.*fakepkg.missing"):
        broken.names()


def test_two_things_with_one_name_are_refused(package, monkeypatch):
    package("one", "from tests.test_registry import Thing\nTHING = Thing('same')\n")
    package("two", "from tests.test_registry import Thing\nTHING = Thing('same')\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, registry)
    with pytest.raises(PluginError, match="two things are named 'same'"):
        registry.names()


def test_register_and_unregister_at_run_time(package, monkeypatch):
    package("one", "from tests.test_registry import Thing\nTHING = Thing('one')\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, registry)
    assert registry.names() == ["one"]
    added = registry.register(Thing("added", order=0))
    assert registry.names() == ["added", "one"] and registry.get("added") is added
    registry.unregister("added")
    assert registry.names() == ["one"]


def test_a_plugin_without_a_name_is_refused(package, monkeypatch):
    package("anon", "THING = object()\n")
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    no_entry_points(monkeypatch, registry)
    with pytest.raises(PluginError, match="has no name"):
        registry.names()


def _distribution(folder, name: str, entry_points: str | None) -> None:
    """An installed distribution's metadata folder, as pip leaves it in site-packages."""
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))


def test_plugins_are_looked_for_only_where_a_distribution_declares_the_group(tmp_path, monkeypatch):
    """The cheap look at entry_points.txt files says no only when importlib.metadata would find none."""
    site = tmp_path / "site"
    _distribution(site, "other", "[console_scripts]\nother = other:main\n[glossary.things.more]\nx = y\n")
    _distribution(site, "plain", None)
    (site / "old.egg-info").write_text("Metadata-Version: 1.0\nName: old\n")  # a one-file egg-info
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not may_have_plugins("glossary.things")
    _distribution(site, "fakeplug", "[console_scripts]\nf = f:main\n\n  [glossary.things]  \nextra = fakepkg.plugin\n")
    assert may_have_plugins("glossary.things")


@pytest.mark.parametrize("unsure", ["zip", "egg"])
def test_plugins_are_looked_for_when_the_cheap_look_cannot_tell(tmp_path, monkeypatch, unsure):
    site = tmp_path / "site"
    site.mkdir()
    if unsure == "zip":
        (tmp_path / "bundle.zip").write_bytes(b"PK\x05\x06" + bytes(18))
        monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "bundle.zip")])
    else:
        (site / "thing-1.0-py3.11.egg").mkdir()
        monkeypatch.setattr(sys, "path", [str(site)])
    assert may_have_plugins("glossary.things")


def test_an_installed_plugin_is_found_through_its_distribution(package, tmp_path, monkeypatch):
    package("plugin", "from tests.test_registry import Thing\nTHING = Thing('installed')\n")
    site = tmp_path / "site"
    _distribution(site, "fakeplug", "[glossary.things]\ninstalled = fakepkg.plugin\n")
    monkeypatch.syspath_prepend(str(site))
    registry: Registry[Thing] = Registry("thing", "glossary.things", "fakepkg", "THING")
    assert "installed" in registry.names()
    assert registry.origin("installed").startswith("entry point 'installed'")


def test_a_lazy_module_is_imported_at_its_first_attribute(package):
    package("heavy", "from tests.test_registry import Thing\nTHING = Thing('heavy')\n")
    handle = lazy_module("fakepkg.heavy")
    assert "fakepkg.heavy" not in sys.modules and "not loaded" in repr(handle)
    assert handle.THING.name == "heavy"
    assert "fakepkg.heavy" in sys.modules and "loaded" in repr(handle)
    with pytest.raises(AttributeError):
        _ = handle.missing


def test_a_lazy_pattern_compiles_at_first_use_and_behaves_as_the_pattern():
    source = r"(?P<num>\d+)\s?(?P<unit>kg|KG)"
    lazy, eager = lazy_pattern(source, re.I), re.compile(source, re.I)
    assert lazy.pattern == source and "search" not in vars(lazy)  # nothing compiled yet
    text = "3 kg, 12KG and 7 Kg"
    assert lazy.search(text).groupdict() == eager.search(text).groupdict()
    assert "search" in vars(lazy)  # compiled once; later calls are the pattern's own methods
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("N", text) == eager.sub("N", text) and lazy.split(text) == eager.split(text)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (eager.flags, eager.groups, eager.groupindex)
    broken = lazy_pattern("(unclosed")  # a bad pattern fails at its first use
    with pytest.raises(re.error):
        broken.search("x")

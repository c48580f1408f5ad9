"""The store layer: kg reaches its back-ends through kg/store.py alone, and its imports form no cycle.

Read from the source with ``ast`` (what a module *could* do, not only what one run
happens to do): outside kg/store.py no module asks which back-end holds a dataset
(``store_kind``, ``oxigraph_store``, a dataset's ``.store``, ``isinstance`` on a
store class, oxrdflib or rdflib's SPARQL store), nor imports from kg.store a name
its ``__all__`` does not offer. kg.queries, kg.sparql and kg.store import one
another at module level only, and the module-level imports of the package form
no cycle, so no function-level import is there to dodge one.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import kg.store

PACKAGE = Path(kg.store.__file__).parent
#: the package and its subpackages (a relative import in their __init__ is resolved against them)
PACKAGES = {".".join(p.relative_to(PACKAGE.parent).parent.parts) for p in PACKAGE.rglob("__init__.py")}
#: what only kg/store.py may name: which back-end holds a dataset, and the back-ends' own classes
DISPATCH_NAMES = {"store_kind", "oxigraph_store", "_inner", "RemoteStore", "KgOxigraphStore", "OxigraphStore",
                  "SPARQLStore", "SPARQLUpdateStore", "Memory", "SimpleMemory"}
#: modules that only kg/store.py may import: the back-ends' plumbing
BACKEND_MODULES = ("oxrdflib", "SPARQLWrapper", "rdflib.plugins.stores")


def module_name(path: Path) -> str:
    """``kg/queries/__init__.py`` -> ``kg.queries``; ``kg/store.py`` -> ``kg.store``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(root: Path = PACKAGE) -> dict[str, ast.Module]:
    """Every module of the package (or of ``root``, a copy of it) by name, parsed."""
    return {module_name(PACKAGE / p.relative_to(root)): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(root.rglob("*.py"))}


def imported(name: str, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) for each kg module an import statement in ``name`` reads.

    Relative imports are resolved against ``name``'s package; ``from . import x`` counts
    as importing the submodule ``x`` when there is one.
    """
    if isinstance(node, ast.Import):
        return [(a.name, []) for a in node.names if a.name.split(".")[0] == "kg"]
    base = name.split(".") if name in PACKAGES else name.split(".")[:-1]
    if node.level:
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "kg":
        return []
    names = [a.name for a in node.names]
    subs = [(f"{target}.{n}", []) for n in names if f"{target}.{n}" in known]
    return subs or [(target, names)]


def import_edges(modules: dict[str, ast.Module]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(module-level import edges, function-level import edges) between the package's modules."""
    known = set(modules)
    top: set[tuple[str, str]] = set()
    lazy: set[tuple[str, str]] = set()
    for name, tree in modules.items():
        module_level = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target, _ in imported(name, node, known):
                    if target in known and target != name:
                        (top if id(node) in module_level else lazy).add((name, target))
    return top, lazy


def reachable(edges: set[tuple[str, str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        here = todo.pop()
        for a, b in edges:
            if a == here and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def dispatch_outside_store(modules: dict[str, ast.Module]) -> list[str]:
    """Each place outside kg.store that asks which back-end holds a dataset or reaches into one."""
    public = set(kg.store.__all__)
    found = []
    for name, tree in modules.items():
        if name == "kg.store":
            continue
        for node in ast.walk(tree):
            where = f"{name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Name) and node.id in DISPATCH_NAMES:
                found.append(f"{where} names {node.id}")
            elif isinstance(node, ast.Attribute) and node.attr in DISPATCH_NAMES:
                found.append(f"{where} reads .{node.attr}")
            elif (isinstance(node, ast.Attribute) and node.attr == "store"
                  and not (isinstance(node.value, ast.Name) and node.value.id == "args")):
                found.append(f"{where} reads a dataset's .store")       # (args.store is the --store option)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("hasattr", "getattr") and len(node.args) > 1
                  and isinstance(node.args[1], ast.Constant) and node.args[1].value == "store"
                  and not (isinstance(node.args[0], ast.Name) and node.args[0].id == "args")):
                found.append(f"{where} asks {node.func.id}(..., 'store')")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(m == b or m.startswith(b + ".") for m in mods for b in BACKEND_MODULES):
                    found.append(f"{where} imports {', '.join(mods)}")
                for target, names in imported(name, node, set(modules)):
                    private = [n for n in names if target == "kg.store" and n not in public]
                    if private:
                        found.append(f"{where} imports {', '.join(private)} from kg.store (not in its __all__)")
    return found


def test_no_backend_dispatch_outside_the_store_module():
    found = dispatch_outside_store(sources())
    assert not found, "back-end dispatch outside kg/store.py:\n" + "\n".join(found)


def test_the_dispatch_check_finds_dispatch(tmp_path):
    """The check above can fail: the dispatch this work removed, put back in a copy, is found."""
    modules = sources()
    modules["kg.export"] = ast.parse(
        "from .store import plain_term, store_kind\n"
        "def rows(ds):\n"
        "    if store_kind(ds) == 'sparql':\n"
        "        return ds.query('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }')\n"
        "    return ds.store._inner\n")
    modules["kg.view"] = ast.parse("def snap(graph):\n"
                                   "    from .store import oxigraph_store\n"
                                   "    return type(graph.store).__name__ in ('Memory', 'SimpleMemory')\n")
    found = "\n".join(dispatch_outside_store(modules))
    for what in ["kg.export:1 imports store_kind from kg.store", "kg.export:3 names store_kind",
                 "kg.export:5 reads a dataset's .store", "kg.export:5 reads ._inner", "kg.view:2 imports oxigraph_store",
                 "kg.view:3 reads a dataset's .store"]:
        assert what in found


def test_public_interface_exists():
    """Every name kg.store offers is defined there (a stale ``__all__`` would let anything pass)."""
    missing = [n for n in kg.store.__all__ if not hasattr(kg.store, n)]
    assert not missing
    assert {"query", "quads", "canonical_stream", "triple_reader", "replace_graph"} <= set(kg.store.__all__)
    assert not {"store_kind", "oxigraph_store"} & set(kg.store.__all__)


def cycles(top: set[tuple[str, str]]) -> list[str]:
    """Each module that reaches itself through module-level imports."""
    return sorted(m for m in {a for a, _ in top} if m in reachable(top, m))


def test_module_level_imports_form_no_cycle():
    top, _ = import_edges(sources())
    assert ("kg.queries", "kg.store") in top and ("kg.store", "kg.sparql") in top
    assert ("kg.queries", "kg.sparql") in top
    assert not cycles(top)


def test_no_function_level_import_dodges_a_cycle():
    """A function-level import of B in A is fine for start-up time (``kg --help`` loads no
    rdflib), but not when B already imports A at module level: that import hides a cycle.
    (A package importing its own submodule late is not one: the submodule loads the package
    first whatever it imports.)"""
    top, lazy = import_edges(sources())
    dodges = sorted(f"{a} -> {b}" for a, b in lazy
                    if a in reachable(top, b) and not b.startswith(a + "."))
    assert not dodges, "function-level imports that hide a cycle:\n" + "\n".join(dodges)
    trio = {"kg.queries", "kg.store", "kg.sparql"}
    assert not {(a, b) for a, b in lazy if a in trio and b in trio}, "queries, store and sparql: module level only"


def test_the_cycle_checks_find_cycles():
    """The two checks above can fail: the old lazy import of kg.queries in kg.store is found,
    and so is the same import made at module level."""
    modules = sources()
    store_src = (PACKAGE / "store.py").read_text(encoding="utf-8")
    lazy = store_src + "\n\ndef _q(text):\n    from .queries import inject_values\n    return inject_values(text, {})\n"
    modules["kg.store"] = ast.parse(lazy)
    top, edges = import_edges(modules)
    assert ("kg.store", "kg.queries") in edges and "kg.store" in reachable(top, "kg.queries")
    modules["kg.store"] = ast.parse("from .queries import inject_values\n" + store_src)
    assert "kg.store" in cycles(import_edges(modules)[0])


@pytest.mark.parametrize("module, absent", [("kg.queries", None), ("kg.store", "kg.queries"),
                                            ("kg.sparql", "kg.store")])
def test_imports_at_run_time(module, absent):
    """In a fresh interpreter: kg.queries brings kg.store in when it is imported (not later, from
    inside a function), kg.store never imports kg.queries, and kg.sparql needs no store."""
    code = (f"import sys, {module}; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('kg.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    if module == "kg.queries":
        assert {"kg.store", "kg.sparql"} <= set(out)
    else:
        assert absent not in out and module in out

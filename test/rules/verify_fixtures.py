#!/usr/bin/env python3
"""Check the physical claim behind every marker of the rule fixtures under real NumPy.

Usage: python3 test/rules/verify_fixtures.py test/rules/fixtures/nv001.py [...]

The fixtures mark lines with `# flags: NV00X` (the rule must flag the line) and
`# ok` (the rule must stay quiet). The engine test checks that the rules agree
with the markers; this script checks that the markers agree with NumPy. A
`flags` marker is checked against the claim of the rule it names; an `ok`
marker against the claim of the rule its file is named after (nv003.py: NV003).

How it runs (explicitly, per rule, nothing inferred from the markers' text):
- Every marked statement is wrapped, in a second parse of the module, between
  `__nv_probe__.before(line, globals(), locals())` and an `after` (or `raised`)
  call, so the rule's checker sees the namespace just before and just after the
  statement, at module level or inside a function alike.
- The module's top-level statements run one at a time in a fresh namespace.
- Each function that holds markers is then called with arguments synthesised
  for the rule being checked (see `synthesise`): a temporary file for a
  parameter passed to `np.load`/`np.fromfile`/`np.loadtxt`, a fresh array for a
  parameter annotated `np.ndarray` or used as an array, and for NV007 a series
  of layouts and dtypes. The driver records what the call did to the caller's
  arrays and keeps its result alive while the checker looks at what survives.

What each rule's checker verifies is written next to it (`Nv001` ... `Nv007`).

Prints one JSON object on stdout:

    {"numpy": "2.4.6", "python": "3.11.7",
     "files": {"<path as given>": {"errors": ["line 7: ValueError: ..."]}},
     "markers": [{"file": "<path as given>", "line": 8, "rule": "NV001",
                  "marker": "flags" | "ok", "source": "return huge[:, 100]",
                  "verified": true | false | null, "detail": "..."}]}

`verified` is null when the marker could not be checked; `detail` says why.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import inspect
import io
import json
import os
import platform
import re
import sys
import tempfile
import warnings
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

PROBE = "__nv_probe__"
ERROR = "__nv_error__"
MIB = 1 << 20
SHARES_MAX_WORK = 10**6
FLAGS_RE = re.compile(r"#\s*flags:\s*([A-Z0-9, ]+)$")
OK_RE = re.compile(r"#\s*ok\s*$")
FILE_RULE_RE = re.compile(r"^(nv\d{3})\.py$", re.IGNORECASE)


# --------------------------------------------------------------------------
# Markers


@dataclass
class Marker:
    file: str
    line: int
    rule: str
    kind: str  # "flags" | "ok"
    source: str
    stmt: ast.stmt | None = None
    function: ast.FunctionDef | None = None
    owner_class: ast.ClassDef | None = None
    observations: list[dict[str, Any]] = field(default_factory=list)
    skip: str | None = None


def parse_markers(path: str, text: str) -> list[Marker]:
    """The markers of one fixture, with the same syntax rules.test.ts reads."""
    m = FILE_RULE_RE.match(os.path.basename(path))
    file_rule = m.group(1).upper() if m else None
    out: list[Marker] = []
    for i, line in enumerate(text.split("\n"), start=1):
        source = line.split("#", 1)[0].strip()
        flags = FLAGS_RE.search(line)
        if flags:
            for code in sorted(c for c in re.split(r"[ ,]+", flags.group(1)) if c):
                out.append(Marker(path, i, code, "flags", source))
        if OK_RE.search(line):
            if file_rule is None:
                out.append(
                    Marker(path, i, "?", "ok", source, skip="the file is not named after a rule")
                )
            else:
                out.append(Marker(path, i, file_rule, "ok", source))
    return out


def locate(tree: ast.Module, markers: list[Marker]) -> None:
    """Find each marker's statement (the innermost statement on its line) and enclosing function."""

    def visit(
        body: list[ast.stmt], function: ast.FunctionDef | None, owner: ast.ClassDef | None
    ) -> None:
        for stmt in body:
            for mk in markers:
                if stmt.lineno <= mk.line <= (stmt.end_lineno or stmt.lineno):
                    mk.stmt, mk.function, mk.owner_class = stmt, function, owner
            if isinstance(stmt, ast.FunctionDef):
                visit(stmt.body, stmt, None)
            elif isinstance(stmt, ast.ClassDef):
                visit(stmt.body, None, stmt)
            else:
                for inner in (
                    getattr(stmt, "body", []),
                    getattr(stmt, "orelse", []),
                    getattr(stmt, "finalbody", []),
                ):
                    visit(inner, function, owner)
                for handler in getattr(stmt, "handlers", []):
                    visit(handler.body, function, owner)

    def method_of(fn: ast.FunctionDef) -> ast.ClassDef | None:
        return next((c for c in tree.body if isinstance(c, ast.ClassDef) and fn in c.body), None)

    visit(tree.body, None, None)
    for mk in markers:
        if mk.skip is not None:
            continue
        if mk.stmt is None:
            mk.skip = "no statement on this line"
        elif hasattr(mk.stmt, "body"):
            mk.skip = "the marker is on a compound statement"
        elif mk.function is not None:
            mk.owner_class = method_of(mk.function)
            if mk.function not in tree.body and mk.owner_class is None:
                mk.skip = (
                    "only module-level functions and methods of module-level classes are called"
                )


# --------------------------------------------------------------------------
# NumPy helpers


def root_of(value: np.ndarray) -> np.ndarray:
    """The last ndarray on the `.base` chain: the array that owns the buffer."""
    while isinstance(value.base, np.ndarray):
        value = value.base
    return value


def holds_whole(value: Any, root: np.ndarray) -> bool:
    """`value` is `root` or a view of more than half of it: it needs the buffer anyway."""
    return (
        isinstance(value, np.ndarray) and root_of(value) is root and 2 * value.nbytes > root.nbytes
    )


def shares(x: np.ndarray, y: np.ndarray) -> bool:
    try:
        return bool(np.shares_memory(x, y, max_work=SHARES_MAX_WORK))
    except getattr(np, "exceptions", np).TooHardError:  # np.exceptions is NumPy >= 1.25
        return bool(np.may_share_memory(x, y))


def same_values(x: np.ndarray, y: np.ndarray) -> bool:
    return x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes()


def fmt_bytes(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", MIB), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


class Scope:
    """The names visible at a probe: the frame's locals over the module's globals."""

    def __init__(self, globs: dict[str, Any], locs: dict[str, Any]) -> None:
        self.globs = globs
        self.locs = locs
        self.module_level = globs is locs

    def arrays(self) -> dict[str, np.ndarray]:
        out = {k: v for k, v in self.globs.items() if isinstance(v, np.ndarray)}
        if not self.module_level:
            for k in list(out):
                if k in self.locs:
                    del out[k]
            out.update({k: v for k, v in self.locs.items() if isinstance(v, np.ndarray)})
        return out

    def eval(self, expr: ast.expr) -> Any:
        """Evaluates a fixture expression here; targets (`y` in `y += 1`) are read, not stored."""
        expr = copy.deepcopy(expr)
        for node in ast.walk(expr):
            if hasattr(node, "ctx"):
                node.ctx = ast.Load()
        code = compile(ast.fix_missing_locations(ast.Expression(body=expr)), "<probe>", "eval")
        # NOTE: eval of the fixture's own expressions, in the fixture's own namespace.
        return eval(code, self.globs, self.locs)


def snapshot(scope: Scope) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {name: (value, value.copy()) for name, value in scope.arrays().items()}


def changed_names(before: dict[str, tuple[np.ndarray, np.ndarray]], scope: Scope) -> dict[str, str]:
    """Names whose array changed across a statement, with how."""
    now = scope.arrays()
    out: dict[str, str] = {}
    for name, (obj, values) in before.items():
        if name not in now:
            out[name] = "unbound"
        elif now[name] is not obj:
            out[name] = "rebound"
        elif not same_values(values, obj):
            out[name] = "values changed"
    for name in now:
        if name not in before:
            out[name] = "newly bound"
    return out


# --------------------------------------------------------------------------
# Statement shapes


INPLACE_METHODS = {"fill", "sort", "put", "partition", "resize", "setfield"}
NP_NAMES = {"np", "numpy"}


def is_np_attr(node: ast.expr, names: set[str]) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in names
        and isinstance(node.value, ast.Name)
        and node.value.id in NP_NAMES
    )


def root_name(node: ast.expr) -> str | None:
    """`head` for `head[i]`, `a` for `a[mask][:]` and `a.flatten()[0]`; None for `(a * 2)[0]`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, (ast.Subscript, ast.Attribute)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if isinstance(node.func.value, ast.Name) and node.func.value.id in NP_NAMES:
                return None  # `np.sort(a)[0] = 1` writes into a new array, not into `a`
            node = node.func.value
        else:
            return None


def write_target(stmt: ast.stmt) -> ast.expr | None:
    """The array a statement writes into: `X` in `X[i] = v`, `X += v`, `X.fill(v)`, `f(..., out=X)`."""
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Subscript)
    ):
        return stmt.targets[0].value
    if isinstance(stmt, ast.AugAssign):
        if isinstance(stmt.target, ast.Name):
            return stmt.target
        if isinstance(stmt.target, ast.Subscript):
            return stmt.target.value
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        for kw in call.keywords:
            if kw.arg == "out":
                return kw.value
        if isinstance(call.func, ast.Attribute) and call.func.attr in INPLACE_METHODS:
            return call.func.value
    return None


def named_target(stmt: ast.stmt) -> str | None:
    """The name on the left of a write (`b` in `b[0] = 99`, `y` in `y += 1`)."""
    target = write_target(stmt)
    return root_name(target) if target is not None else None


def loads_after(
    tree: ast.Module, function: ast.FunctionDef | None, stmt: ast.stmt, name: str
) -> list[int]:
    """Lines after `stmt` that read `name` (in its function, or anywhere at module level), and earlier
    lines of an enclosing loop (read on the next iteration)."""
    scope: ast.AST = function if function is not None else tree
    loops = [
        n
        for n in ast.walk(scope)
        if isinstance(n, (ast.For, ast.While)) and n.lineno < stmt.lineno <= (n.end_lineno or 0)
    ]
    later, in_loop = set(), set()
    for node in ast.walk(scope):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            if node.lineno > (stmt.end_lineno or stmt.lineno):
                later.add(node.lineno)
            elif node.lineno != stmt.lineno and any(
                loop.lineno <= node.lineno <= (loop.end_lineno or 0) for loop in loops
            ):
                in_loop.add(node.lineno)
    return sorted(later) + sorted(in_loop)


def bound_by(scope_node: ast.AST, name: str) -> list[ast.expr]:
    """The values assigned to `name` by plain assignments in a scope."""
    return [
        n.value
        for n in ast.walk(scope_node)
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
    ]


# --------------------------------------------------------------------------
# Checkers: one per rule. `before`/`after` run at the marked statement and return plain data
# (weak references at most, so a checker never keeps an array alive); `after_call` runs once the
# module or the function call has finished, with its result still held; `judge` decides.


@dataclass
class Call:
    """One execution context: the module run, or one call of a fixture function."""

    label: str
    params: list[str] = field(default_factory=list)
    args: list[Any] = field(default_factory=list)
    result: Any = None
    caller_changed: list[str] = field(default_factory=list)
    namespace: dict[str, Any] | None = None
    variant: str | None = None


Verdict = tuple[bool | None, str]


class Checker:
    rule = ""

    def before(self, mk: Marker, scope: Scope) -> Any:
        return None

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        return {"error": describe_error(error)}

    def after_call(self, mk: Marker, obs: dict[str, Any], call: Call) -> None:
        pass

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        raise NotImplementedError


def describe_error(error: BaseException | None) -> str | None:
    return None if error is None else f"{type(error).__name__}: {str(error).strip()}"


def captured(value: Any, scope: Scope) -> list[Any]:
    """A returned closure (lambda or nested function) holds the arrays it captures: its cells, or (when it was made
    by a probe's `eval`, which cannot close over the frame) the names its code reads in the probed frame."""
    code = getattr(value, "__code__", None)
    if code is None:
        return [value]
    cells = [c.cell_contents for c in (getattr(value, "__closure__", None) or [])]
    names = [scope.locs.get(n, scope.globs.get(n)) for n in code.co_names + code.co_freevars]
    arrays = [v for v in cells + names if isinstance(v, np.ndarray)]
    return arrays if arrays else [value]


class Nv001(Checker):
    """NV001 retained-base. The escaping value (returned, yielded, stored in an attribute, a container,
    or a module-level name) is evaluated at the line. flags: it is a view whose owning array is at
    least 1 MiB, it is at most half of that array, and once the module or call has finished the
    owning array is still alive while no name, argument or result holds it (or most of it) — only the
    view keeps it. ok: at least one of those facts is false, and the detail says which."""

    rule = "NV001"

    def escaping(self, mk: Marker, scope: Scope, phase: str) -> list[Any] | None:
        values = self.escaping_values(mk, scope, phase)
        return None if values is None else [v for value in values for v in captured(value, scope)]

    def escaping_values(self, mk: Marker, scope: Scope, phase: str) -> list[Any] | None:
        stmt = mk.stmt
        if phase == "before" and isinstance(stmt, ast.Return) and stmt.value is not None:
            value = scope.eval(stmt.value)
            return list(value) if isinstance(stmt.value, ast.Tuple) else [value]
        if (
            phase == "before"
            and isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Yield)
            and stmt.value.value is not None
        ):
            return [scope.eval(stmt.value.value)]
        if phase == "after" and isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            return [scope.eval(stmt.targets[0])]
        if (
            phase == "after"
            and isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and len(stmt.value.args) == 1
        ):
            return [scope.eval(stmt.value.args[0])]  # `RESULTS.append(view)`: the view stored
        return None

    def describe(self, values: list[Any]) -> dict[str, Any]:
        items = []
        for value in values:
            if not isinstance(value, np.ndarray):
                items.append({"array": False})
                continue
            root = root_of(value)
            items.append(
                {
                    "array": True,
                    "view": root is not value,
                    "nbytes": value.nbytes,
                    "rootNbytes": root.nbytes,
                    "root": weakref.ref(root),
                    "baseEscapesToo": any(
                        other is not value and holds_whole(other, root) for other in values
                    ),
                }
            )
        return {"items": items}

    def before(self, mk: Marker, scope: Scope) -> Any:
        values = self.escaping(mk, scope, "before")
        return None if values is None else self.describe(values)

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        if error is not None:
            return {"error": describe_error(error)}
        if state is not None:  # `return`/`yield`: the value was taken before the statement ran
            return {"error": None, **state}
        values = self.escaping(mk, scope, "after")
        if values is None:
            return {
                "error": None,
                "unsupported": "cannot tell which value escapes from this statement",
            }
        return {"error": None, **self.describe(values)}

    def after_call(self, mk: Marker, obs: dict[str, Any], call: Call) -> None:
        held_by: list[Any] = list(call.args)
        if call.result is not None:
            held_by.append(call.result)
            if isinstance(call.result, (tuple, list)):
                held_by.extend(call.result)
        for item in obs.get("items", []):
            if not item["array"]:
                continue
            root = item.pop("root")()
            item["alive"] = root is not None
            item["heldDirectly"] = []
            if root is not None:
                if call.namespace is not None:
                    item["heldDirectly"] = sorted(
                        k for k, v in call.namespace.items() if holds_whole(v, root)
                    )
                if any(holds_whole(h, root) for h in held_by):
                    item["heldDirectly"].append("an argument or the result of the call")
            del root

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        reasons_ok: list[str] = []
        facts: list[str] = []
        for obs in mk.observations:
            if obs.get("error"):
                return False, f"the line raised {obs['error']}"
            for item in obs.get("items", []):
                why = []
                if not item["array"]:
                    why.append("not an ndarray")
                elif not item["view"]:
                    why.append("owns its data (not a view)")
                else:
                    if item["rootNbytes"] < MIB:
                        why.append(f"its base is only {fmt_bytes(item['rootNbytes'])} (< 1 MiB)")
                    if 2 * item["nbytes"] > item["rootNbytes"]:
                        why.append(
                            f"it is {fmt_bytes(item['nbytes'])} of {fmt_bytes(item['rootNbytes'])}, more than half its base"
                        )
                    if item["baseEscapesToo"]:
                        why.append("the base escapes alongside it")
                    if item.get("heldDirectly"):
                        why.append(
                            f"the base is still held directly by {', '.join(item['heldDirectly'])}"
                        )
                    if not item.get("alive", True):
                        why.append("the base was freed once the call returned")
                if why:
                    reasons_ok.append("; ".join(why))
                else:
                    facts.append(
                        f"a {fmt_bytes(item['nbytes'])} view keeps its {fmt_bytes(item['rootNbytes'])} base alive,"
                        " which nothing else holds"
                    )
        if mk.kind == "flags":
            if reasons_ok:
                return False, f"NumPy: not a retained base: {reasons_ok[0]}"
            return True, facts[0] + (f" ({len(facts)} values checked)" if len(facts) > 1 else "")
        if facts:
            return False, f"NumPy: {facts[0]}"
        return True, " | ".join(dict.fromkeys(reasons_ok))


class Nv002(Checker):
    """NV002 ineffective-del. Before `del x` / `x = ...` a weak reference to the array owning x's buffer
    is taken. flags: after the statement that array is still alive and another name's array shares its
    memory. ok: the buffer was freed, or (rebinding only) the new value of x itself holds it, or it is
    below the 1 MiB threshold that rebinding is checked against."""

    rule = "NV002"

    def released(self, stmt: ast.stmt) -> tuple[str, list[str]] | None:
        if isinstance(stmt, ast.Delete):
            return "del", [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        if isinstance(stmt, ast.Assign):
            return "rebind", [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        return None

    def before(self, mk: Marker, scope: Scope) -> Any:
        shape = self.released(mk.stmt) if mk.stmt else None
        if shape is None:
            return None
        arrays = scope.arrays()
        return shape[0], [
            (name, weakref.ref(root_of(arrays[name])), root_of(arrays[name]).nbytes)
            for name in shape[1]
            if name in arrays
        ]

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        if state is None:
            return {
                "error": describe_error(error),
                "unsupported": "not a `del` or a rebinding of an array name",
            }
        how, released = state
        arrays = scope.arrays()
        out = []
        for name, ref, nbytes in released:
            buffer = ref()
            holders = (
                []
                if buffer is None
                else sorted(k for k, v in arrays.items() if k != name and shares(v, buffer))
            )
            self_holds = buffer is not None and name in arrays and shares(arrays[name], buffer)
            out.append(
                {
                    "name": name,
                    "nbytes": nbytes,
                    "alive": buffer is not None,
                    "holders": holders,
                    "selfHolds": self_holds,
                }
            )
            del buffer
        return {"error": describe_error(error), "how": how, "released": out}

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        details = []
        for obs in mk.observations:
            if obs.get("error"):
                return False, f"the line raised {obs['error']}"
            if not obs["released"]:
                return None, "the released name was not bound to an array"
            for r in obs["released"]:
                size = fmt_bytes(r["nbytes"])
                if mk.kind == "flags":
                    if not r["alive"] or not r["holders"]:
                        return False, f"NumPy: the {size} buffer of `{r['name']}` was " + (
                            "freed" if not r["alive"] else "held by no other name"
                        )
                    details.append(
                        f"the {size} buffer of `{r['name']}` is still alive, held by {', '.join('`' + h + '`' for h in r['holders'])}"
                    )
                elif not r["alive"]:
                    details.append(f"the {size} buffer of `{r['name']}` was freed")
                elif obs["how"] == "rebind" and r["selfHolds"]:
                    details.append(f"the new `{r['name']}` itself still needs the {size} buffer")
                elif obs["how"] == "rebind" and r["nbytes"] < MIB:
                    details.append(
                        f"the buffer stays ({', '.join(r['holders'])}) but is only {size}, below the 1 MiB rebinding threshold"
                    )
                else:
                    return (
                        False,
                        f"NumPy: the {size} buffer of `{r['name']}` stays alive, held by {', '.join(r['holders']) or 'something unnamed'}",
                    )
        return True, details[0]


class Nv003(Checker):
    """NV003 write-through-view. The values of every array name in scope are saved before the write.
    flags: the write changes the array of a name other than the one written (for a write whose values
    happen to equal the old ones, the written array shares memory with that name instead), and that
    name is read later or is a parameter whose caller's array the call changed. ok: no other name's
    array is reached, or those reached are never read later; writes that only fill an output array
    made by np.zeros & co. through a view are quiet by the rule's policy, not by NumPy, and skipped.
    """

    rule = "NV003"
    OUTPUT_MAKERS = set("zeros empty ones full zeros_like empty_like ones_like full_like".split())

    def before(self, mk: Marker, scope: Scope) -> Any:
        target = write_target(mk.stmt) if mk.stmt else None
        if target is None:
            return None
        return snapshot(scope), scope.eval(target)

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        if state is None:
            return {"error": describe_error(error), "unsupported": "not a write into an array"}
        before, written = state
        name = named_target(mk.stmt)
        changed = {
            k: how
            for k, how in changed_names(before, scope).items()
            if k != name and how == "values changed"
        }
        sharing = sorted(
            k
            for k, v in scope.arrays().items()
            if k != name and isinstance(written, np.ndarray) and shares(v, written)
        )
        return {
            "error": describe_error(error),
            "target": name,
            "changed": sorted(changed),
            "sharing": sharing,
        }

    def after_call(self, mk: Marker, obs: dict[str, Any], call: Call) -> None:
        obs["params"] = call.params
        obs["callerChanged"] = call.caller_changed

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        details = []
        for obs in mk.observations:
            if obs.get("error"):
                return False, f"the line raised {obs['error']}"
            by_values = bool(obs["changed"])
            reached = obs["changed"] if by_values else obs["sharing"]
            how = (
                "changed"
                if by_values
                else "shares memory with the written array (the values written equal the old ones)"
            )
            params = obs.get("params", [])
            if mk.kind == "flags":
                good = []
                for name in reached:
                    if name in params and name in obs.get("callerChanged", []):
                        good.append(f"`{name}` {how}, and the caller's array changed")
                    elif name not in params and (
                        later := loads_after(tree, mk.function, mk.stmt, name)
                    ):
                        good.append(f"`{name}` {how} and is read later (line {later[0]})")
                if not good:
                    return (
                        False,
                        f"NumPy: the write into `{obs['target']}` reached no other array that is read later or belongs to the caller (reached: {reached})",
                    )
                details.append(good[0])
            else:
                reached_all = sorted(set(obs["changed"]) | set(obs["sharing"]))
                read = [(n, loads_after(tree, mk.function, mk.stmt, n)) for n in reached_all]
                read = [(n, lines) for n, lines in read if lines or n in params]
                if not read:
                    details.append(
                        f"the write into `{obs['target']}` reaches "
                        + (
                            f"only {', '.join(reached_all)}, never read later"
                            if reached_all
                            else "no other named array"
                        )
                    )
                    continue
                scope_node: ast.AST = mk.function if mk.function is not None else tree
                if all(
                    any(
                        isinstance(v, ast.Call) and is_np_attr(v.func, self.OUTPUT_MAKERS)
                        for v in bound_by(scope_node, n)
                    )
                    for n, _ in read
                ):
                    return (
                        None,
                        f"NumPy shows the write reaches {', '.join(n for n, _ in read)}, read later; quiet by the rule's policy for output arrays made by np.zeros & co. (intent, not NumPy behaviour)",
                    )
                return (
                    False,
                    f"NumPy: the write into `{obs['target']}` also changes {', '.join(f'`{n}`' for n, _ in read)}, which is read later or is the caller's",
                )
        return True, details[0]


class Nv004(Checker):
    """NV004 assignment-to-copy. flags: after the write, every array name in scope is bound to the same
    array with the same values, and the array written into shares memory with none of them (a temporary
    copy). ok: some name's array changed, or a name was bound to the written result."""

    rule = "NV004"

    def before(self, mk: Marker, scope: Scope) -> Any:
        target = write_target(mk.stmt) if mk.stmt else None
        written = scope.eval(target) if target is not None else None
        temp_shares = sorted(
            k
            for k, v in scope.arrays().items()
            if isinstance(written, np.ndarray) and shares(v, written)
        )
        return snapshot(scope), target is not None, temp_shares

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        before, is_write, temp_shares = state
        return {
            "error": describe_error(error),
            "isWrite": is_write,
            "changed": changed_names(before, scope),
            "tempShares": temp_shares,
        }

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        details = []
        for obs in mk.observations:
            if obs.get("error"):
                return False, f"the line raised {obs['error']}"
            changed = ", ".join(f"`{k}` {how}" for k, how in sorted(obs["changed"].items()))
            if mk.kind == "flags":
                if not obs["isWrite"]:
                    return None, "not a write into an array"
                if obs["changed"]:
                    return False, f"NumPy: the write changed {changed}"
                if obs["tempShares"]:
                    return (
                        False,
                        f"NumPy: the array written into shares memory with {obs['tempShares']}",
                    )
                details.append(
                    "no array changed; the array written into is a temporary sharing memory with no name"
                )
            else:
                if not obs["changed"]:
                    return False, "NumPy: the write changed no array; it was lost"
                details.append(f"the effect is kept: {changed}")
        return True, details[0]


class Nv005(Checker):
    """NV005 redundant-copy. The copied value (receiver of `.copy()`, argument of `np.copy`/`np.array`)
    and the copy are evaluated at the line. flags: the copied value shares memory with no array name in
    scope, and owns its data or has no named array on its `.base` chain. ok: the copied value shares
    memory with a named array (the copy makes it independent), or the copy differs from a plain copy
    (`np.array(x, copy=True)`) in dtype or strides."""

    rule = "NV005"

    def copy_call(self, stmt: ast.stmt) -> tuple[ast.Call, ast.expr] | None:
        """The one copy on the line and what it copies."""
        found = []
        for node in ast.walk(stmt):
            if not isinstance(node, ast.Call):
                continue
            if (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "copy"
                and not is_np_attr(node.func, {"copy"})
            ):
                found.append((node, node.func.value))
            elif is_np_attr(node.func, {"copy", "array"}) and node.args:
                found.append((node, node.args[0]))
        return found[0] if len(found) == 1 else None

    def before(self, mk: Marker, scope: Scope) -> Any:
        shape = self.copy_call(mk.stmt) if mk.stmt else None
        if shape is None:
            return {
                "unsupported": "expected exactly one `.copy()`, `np.copy(...)` or `np.array(...)` on the line"
            }
        call, source_expr = shape
        source = scope.eval(source_expr)
        result = scope.eval(call)
        if not isinstance(source, np.ndarray):
            return {"unsupported": "the copied value is not an ndarray"}
        arrays = scope.arrays()
        chain, node = [], source
        while isinstance(node.base, np.ndarray):
            node = node.base
            chain.append(node)
        plain_copy = np.array(source, copy=True)
        return {
            "shares": sorted(k for k, v in arrays.items() if shares(v, source)),
            "ownsData": source.base is None,
            "namedBase": sorted(k for k, v in arrays.items() if any(v is b for b in chain)),
            "differs": [
                what
                for what, differs in (
                    ("dtype", result.dtype != plain_copy.dtype),
                    ("strides", result.strides != plain_copy.strides),
                )
                if differs
            ],
            "layout": f"{source.dtype} {source.shape} -> {result.dtype} strides {result.strides}",
        }

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        return {"error": describe_error(error), **state}

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        obs = mk.observations[0]
        if obs.get("error"):
            return False, f"the line raised {obs['error']}"
        if mk.kind == "flags":
            if obs["shares"]:
                return False, f"NumPy: the copied value shares memory with {obs['shares']}"
            if not obs["ownsData"] and obs["namedBase"]:
                return False, f"NumPy: the copied value is a view of {obs['namedBase']}"
            return True, "the copied value is a fresh array sharing memory with no name" + (
                "" if obs["ownsData"] else " (its base is unnamed)"
            )
        if obs["shares"]:
            return (
                True,
                f"the copy is needed: the copied value shares memory with {', '.join(obs['shares'])}",
            )
        if obs["differs"]:
            return (
                True,
                f"the copy does more than copy: its {' and '.join(obs['differs'])} differ from a plain copy ({obs['layout']})",
            )
        return (
            False,
            f"NumPy: this copy is a plain copy of a fresh array ({obs['layout']}: same dtype and strides as np.array(x, copy=True)), as redundant as the flagged ones",
        )


class Nv006(Checker):
    """NV006 readonly-write. flags: executing the line raises ValueError mentioning read-only.
    ok: executing the line raises nothing."""

    rule = "NV006"

    def before(self, mk: Marker, scope: Scope) -> Any:
        target = write_target(mk.stmt) if mk.stmt else None
        value = scope.eval(target) if target is not None else None
        return value.flags.writeable if isinstance(value, np.ndarray) else None

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        return {
            "error": describe_error(error),
            "readOnly": isinstance(error, ValueError) and "read-only" in str(error),
            "writeable": state,
        }

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        for obs in mk.observations:
            if mk.kind == "flags" and not obs["readOnly"]:
                return (
                    False,
                    f"NumPy: the write did not raise a read-only ValueError ({obs['error'] or 'no error'})",
                )
            if mk.kind == "ok" and obs["error"]:
                return False, f"NumPy: the write raised {obs['error']}"
        obs = mk.observations[0]
        flag = "" if obs["writeable"] is None else f"; writeable={obs['writeable']}"
        return (
            True,
            (f"raised {obs['error']}" if mk.kind == "flags" else "the write succeeded") + flag,
        )


class Nv007(Checker):
    """NV007 maybe-view-write. The function is called once per argument variant (layouts and dtypes).
    flags: the line runs without error in every variant, the caller's array changed in at least one
    variant and stayed unchanged in at least one — the outcome depends on the argument's layout or
    dtype. ok: the outcome is the same in every variant (or the function takes no array to vary)."""

    rule = "NV007"

    def before(self, mk: Marker, scope: Scope) -> Any:
        target = write_target(mk.stmt) if mk.stmt else None
        if target is None:
            return None
        written = scope.eval(target)
        name = named_target(mk.stmt)
        return sorted(
            k
            for k, v in scope.arrays().items()
            if k != name and isinstance(written, np.ndarray) and shares(v, written)
        )

    def after(
        self, mk: Marker, scope: Scope, state: Any, error: BaseException | None
    ) -> dict[str, Any]:
        if state is None:
            return {"error": describe_error(error), "unsupported": "not a write into an array"}
        return {"error": describe_error(error), "viewOf": state}

    def after_call(self, mk: Marker, obs: dict[str, Any], call: Call) -> None:
        obs["variant"] = call.variant
        obs["params"] = call.params
        obs["callerChanged"] = call.caller_changed

    def judge(self, mk: Marker, tree: ast.Module) -> Verdict:
        outcomes: dict[str, bool] = {}
        for obs in mk.observations:
            if obs.get("error"):
                return False, f"the line raised {obs['error']} ({obs.get('variant')})"
            outcomes[obs.get("variant") or "no arguments"] = bool(obs.get("callerChanged"))
        summary = "; ".join(
            f"{v}: caller's array {'changed' if c else 'unchanged'}" for v, c in outcomes.items()
        )
        params = mk.observations[0].get("params", [])
        if mk.kind == "flags":
            if not params:
                return None, "the function takes no array argument whose layout could vary"
            if len(set(outcomes.values())) == 2:
                return True, summary
            return False, f"NumPy: the outcome does not depend on layout or dtype ({summary})"
        if not params:
            view_of = mk.observations[0]["viewOf"]
            return True, "no argument to vary: the layout is fixed in the function" + (
                f" (the write reaches {', '.join(view_of)})" if view_of else ""
            )
        if len(set(outcomes.values())) == 1:
            return True, f"the same outcome for every variant ({summary})"
        return False, f"NumPy: the outcome depends on layout or dtype ({summary})"


CHECKERS: dict[str, Checker] = {
    c.rule: c for c in (Nv001(), Nv002(), Nv003(), Nv004(), Nv005(), Nv006(), Nv007())
}


# --------------------------------------------------------------------------
# Probing: the marked statements report to this object while the fixture runs


class Probe:
    def __init__(self, markers: list[Marker]) -> None:
        self.by_line: dict[int, list[Marker]] = {}
        for mk in markers:
            if mk.skip is None:
                self.by_line.setdefault(mk.line, []).append(mk)
        self.active: set[str] = set()
        self.pending: dict[int, list[list[Any]]] = {}
        self.call_observations: list[tuple[Marker, dict[str, Any]]] = []

    def before(self, line: int, globs: dict[str, Any], locs: dict[str, Any]) -> None:
        scope = Scope(globs, locs)
        states = []
        for mk in self.by_line[line]:
            if mk.rule not in self.active:
                states.append(None)
                continue
            try:
                states.append(("ok", CHECKERS[mk.rule].before(mk, scope)))
            except Exception as e:  # noqa: BLE001 - a checker failing is reported on its marker
                states.append(("failed", describe_error(e)))
        self.pending.setdefault(line, []).append(states)
        if isinstance(self.by_line[line][0].stmt, ast.Return):
            self.after(line, globs, locs)  # nothing runs after a `return`: observe now

    def after(
        self,
        line: int,
        globs: dict[str, Any],
        locs: dict[str, Any],
        error: BaseException | None = None,
    ) -> None:
        scope = Scope(globs, locs)
        states = self.pending[line].pop()
        for mk, state in zip(self.by_line[line], states):
            if state is None:
                continue
            if state[0] == "failed":
                obs = {"error": None, "checkFailed": state[1]}
            else:
                try:
                    obs = CHECKERS[mk.rule].after(mk, scope, state[1], error)
                except Exception as e:  # noqa: BLE001 - reported on the marker
                    obs = {"error": None, "checkFailed": describe_error(e)}
            mk.observations.append(obs)
            self.call_observations.append((mk, obs))

    def raised(
        self, line: int, error: BaseException, globs: dict[str, Any], locs: dict[str, Any]
    ) -> None:
        self.after(line, globs, locs, error)

    def finish_call(self, call: Call) -> None:
        for mk, obs in self.call_observations:
            CHECKERS[mk.rule].after_call(mk, obs, call)
        self.call_observations = []


def probe_call(method: str, line: int, *extra: ast.expr) -> ast.stmt:
    scope = [
        ast.Call(func=ast.Name(id=n, ctx=ast.Load()), args=[], keywords=[])
        for n in ("globals", "locals")
    ]
    return ast.Expr(
        value=ast.Call(
            func=ast.Attribute(
                value=ast.Name(id=PROBE, ctx=ast.Load()), attr=method, ctx=ast.Load()
            ),
            args=[ast.Constant(value=line), *extra, *scope],
            keywords=[],
        )
    )


def stmt_key(stmt: ast.stmt) -> tuple[Any, ...]:
    """Identifies a statement across two parses of the same text."""
    return (type(stmt).__name__, stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset)


class Instrumenter(ast.NodeTransformer):
    """Wraps each marked statement: before(); try: stmt / except: raised() / else: after()."""

    def __init__(self, marked: dict[tuple[Any, ...], int]) -> None:
        self.marked = marked  # stmt_key(stmt) -> marker line

    def visit(self, node: ast.AST) -> Any:
        new = super().visit(node)
        if isinstance(node, ast.stmt) and stmt_key(node) in self.marked:
            line = self.marked[stmt_key(node)]
            if isinstance(node, ast.Return):
                return [ast.copy_location(probe_call("before", line), node), new]
            wrapped = ast.Try(
                body=[new],
                handlers=[
                    ast.ExceptHandler(
                        type=ast.Name(id="Exception", ctx=ast.Load()),
                        name=ERROR,
                        body=[probe_call("raised", line, ast.Name(id=ERROR, ctx=ast.Load()))],
                    )
                ],
                orelse=[probe_call("after", line)],
                finalbody=[],
            )
            return [
                ast.copy_location(probe_call("before", line), node),
                ast.copy_location(wrapped, node),
            ]
        return new


# --------------------------------------------------------------------------
# Arguments for the fixture functions

DATA_SHAPE = (1000, 200)  # 1.6 MB of float64: above NV001's 1 MiB threshold
LOADERS: dict[str, Callable[[str, np.ndarray], None]] = {
    "load": lambda path, data: np.save(path, data),
    "fromfile": lambda path, data: data.tofile(path),
    "loadtxt": lambda path, data: np.savetxt(path, data, fmt="%d"),
    "genfromtxt": lambda path, data: np.savetxt(path, data, fmt="%d"),
}
SUFFIX = {"load": ".npy", "fromfile": ".bin", "loadtxt": ".txt", "genfromtxt": ".txt"}
# Parameters that are not arrays, by name: what the fixture functions expect of them.
OTHER_PARAMS: dict[str, Callable[[], Any]] = {"cache": dict, "key": lambda: "key"}


def array_for(rule: str) -> np.ndarray:
    """A fresh array for an array parameter: large for NV001 (so size never explains a quiet line),
    small and distinct-valued otherwise (so any write is visible)."""
    if rule == "NV001":
        return np.arange(DATA_SHAPE[0] * DATA_SHAPE[1], dtype=np.float64).reshape(DATA_SHAPE)
    return np.arange(1.0, 13.0).reshape(3, 4)


# NV007: the same values in different layouts and dtypes.
NV007_VARIANTS: list[tuple[str, Callable[[], np.ndarray]]] = [
    ("C-contiguous float64", lambda: np.arange(1.0, 13.0).reshape(3, 4)),
    ("transposed float64", lambda: np.arange(1.0, 13.0).reshape(4, 3).T),
    ("first 4 columns of 8, float64", lambda: np.arange(1.0, 25.0).reshape(3, 8)[:, :4]),
    ("every other column, float64", lambda: np.arange(1.0, 25.0).reshape(3, 8)[:, ::2]),
    ("C-contiguous float32", lambda: np.arange(1.0, 13.0, dtype=np.float32).reshape(3, 4)),
    ("C-contiguous int64", lambda: np.arange(1, 13, dtype=np.int64).reshape(3, 4)),
]


def is_array_annotation(node: ast.expr | None) -> bool:
    return node is not None and is_np_attr(node, {"ndarray"})


def synthesise(
    func: ast.FunctionDef, params: list[ast.arg], rule: str, tmpdir: str
) -> tuple[dict[str, Callable[[], Any]], str | None]:
    """How to make each parameter's argument, or why it cannot be made."""
    makers: dict[str, Callable[[], Any]] = {}
    for p in params:
        uses = [n for n in ast.walk(func) if isinstance(n, ast.Name) and n.id == p.arg]
        loader = next(
            (
                n.func.attr
                for n in ast.walk(func)
                if isinstance(n, ast.Call)
                and is_np_attr(n.func, set(LOADERS))
                and n.args
                and isinstance(n.args[0], ast.Name)
                and n.args[0].id == p.arg
            ),
            None,
        )
        subscripted = any(
            isinstance(n, (ast.Subscript, ast.Attribute))
            and isinstance(n.value, ast.Name)
            and n.value.id == p.arg
            for n in ast.walk(func)
        )
        if loader is not None:
            path = os.path.join(tmpdir, f"{p.arg}-{loader}{SUFFIX[loader]}")
            if not os.path.exists(path):
                LOADERS[loader](
                    path,
                    np.arange(DATA_SHAPE[0] * DATA_SHAPE[1], dtype=np.float64).reshape(DATA_SHAPE),
                )
            makers[p.arg] = lambda path=path: path
        elif p.arg in OTHER_PARAMS:
            makers[p.arg] = OTHER_PARAMS[p.arg]
        elif is_array_annotation(p.annotation) or subscripted:
            makers[p.arg] = lambda: array_for(rule)
        elif not uses:
            makers[p.arg] = lambda: None
        else:
            return {}, f"no rule for synthesising an argument for parameter `{p.arg}`"
    return makers, None


# --------------------------------------------------------------------------
# Running one fixture


@dataclass
class FileRun:
    """What running one fixture needs: its namespace, the probe, a folder for files, errors so far."""

    ns: dict[str, Any]
    probe: Probe
    tmpdir: str
    errors: list[str]


def call_function(run: FileRun, group: list[Marker], rule: str) -> None:
    """Calls the function holding `group` (markers of one rule) with arguments synthesised for that rule."""
    func, owner = group[0].function, group[0].owner_class
    assert func is not None
    params = list(func.args.posonlyargs) + list(func.args.args)
    if owner is not None:
        params = params[1:]  # self: the method is called on a fresh instance
    makers, why = synthesise(func, params, rule, run.tmpdir)
    if why is None and (func.args.kwonlyargs or func.args.vararg or func.args.kwarg):
        why = "only positional parameters are supported"
    if why is not None:
        for mk in group:
            mk.skip = why
        return
    array_params = {p.arg for p in params if isinstance(makers[p.arg](), np.ndarray)}
    variants: list[tuple[str | None, Callable[[], np.ndarray] | None]] = [(None, None)]
    if rule == "NV007" and array_params:
        variants = list(NV007_VARIANTS)
    run.probe.active = {rule}
    for label, make in variants:
        args = [
            make() if make is not None and p.arg in array_params else makers[p.arg]()
            for p in params
        ]
        call = Call(
            label=f"{func.name}({label or ''})",
            params=[p.arg for p in params],
            args=args,
            variant=label,
        )
        run_call(run, func, owner, call)


def run_call(run: FileRun, func: ast.FunctionDef, owner: ast.ClassDef | None, call: Call) -> None:
    """One call: records which array arguments it changed, then lets the checkers look, result still held."""
    before = [a.copy() if isinstance(a, np.ndarray) else None for a in call.args]
    try:
        fn = getattr(run.ns[owner.name](), func.name) if owner is not None else run.ns[func.name]
        result = fn(*call.args)
        call.result = list(result) if inspect.isgenerator(result) else result
    except Exception as e:  # noqa: BLE001 - reported as a file error
        run.errors.append(f"calling {call.label}: {describe_error(e)}")
    call.caller_changed = [
        p
        for p, a, b in zip(call.params, call.args, before)
        if b is not None and not same_values(b, a)
    ]
    run.probe.finish_call(call)


def run_file(path: str, tmpdir: str) -> tuple[list[Marker], list[str], ast.Module]:
    """Runs one fixture with its marked statements probed; its markers carry what was observed."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    markers = parse_markers(path, text)
    tree = ast.parse(text, filename=path)  # read by the checkers; a second parse is instrumented
    locate(tree, markers)
    marked = {
        stmt_key(mk.stmt): mk.line for mk in markers if mk.skip is None and mk.stmt is not None
    }
    probe = Probe(markers)
    errors: list[str] = []
    ns: dict[str, Any] = {
        "__name__": "__nv_fixture__",
        "__file__": path,
        "__builtins__": builtins,
        PROBE: probe,
    }

    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Module level: one top-level statement at a time.
        probe.active = set(CHECKERS)
        instrumenter = Instrumenter(marked)
        for node in ast.parse(text, filename=path).body:
            new = instrumenter.visit(node)
            body = new if isinstance(new, list) else [new]
            module = ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
            try:
                exec(compile(module, path, "exec"), ns)
            except Exception as e:  # noqa: BLE001 - reported as a file error
                errors.append(f"line {node.lineno}: {describe_error(e)}")
        probe.finish_call(Call(label="module", namespace=ns))

        # Functions: each one holding markers, once per rule whose markers it holds.
        functions: dict[tuple[int, str], list[Marker]] = {}
        for mk in markers:
            if mk.skip is None and mk.function is not None and mk.rule in CHECKERS:
                functions.setdefault((id(mk.function), mk.rule), []).append(mk)
        run = FileRun(ns=ns, probe=probe, tmpdir=tmpdir, errors=errors)
        for (_, rule), group in functions.items():
            call_function(run, group, rule)
    return markers, errors, tree


def verdict(mk: Marker, tree: ast.Module) -> Verdict:
    if mk.skip is not None:
        return None, mk.skip
    if mk.rule not in CHECKERS:
        return None, f"no checker for {mk.rule}"
    if not mk.observations:
        return None, "the marked line never ran"
    failed = next((o["checkFailed"] for o in mk.observations if o.get("checkFailed")), None)
    if failed is not None:
        return (
            False,
            f"the check itself failed (a bug in this script, or a statement shape it does not know): {failed}",
        )
    unsupported = next((o["unsupported"] for o in mk.observations if o.get("unsupported")), None)
    if unsupported is not None:
        return None, unsupported
    return CHECKERS[mk.rule].judge(mk, tree)


def main(paths: list[str]) -> int:
    files: dict[str, Any] = {}
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="nv-fixtures-") as tmpdir:
        for path in paths:
            markers, errors, tree = run_file(path, tmpdir)
            files[path] = {"errors": errors}
            for mk in markers:
                verified, detail = verdict(mk, tree)
                records.append(
                    {
                        "file": path,
                        "line": mk.line,
                        "rule": mk.rule,
                        "marker": mk.kind,
                        "source": mk.source,
                        "verified": verified,
                        "detail": detail,
                    }
                )
    json.dump(
        {
            "numpy": np.__version__,
            "python": platform.python_version(),
            "files": files,
            "markers": records,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

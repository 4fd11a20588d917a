#!/usr/bin/env python3
"""Run Python programs under real NumPy and record what every binding is.

Usage: python3 test/oracle/run_oracle.py FILE.py [FILE.py ...]

Prints one JSON object on stdout:

    {"numpy": "2.4.6", "python": "3.11.7",
     "files": {"<path as given>": {
         "error": null | "ExcType: message",
         "bindings": [
             {"name": "b", "line": 3, "column": 1, "executions": 1,
              "observations": [{"kind": "view", "aliases": [], "shares": ["a"],
                                "rootOwners": ["a"], "type": "ndarray",
                                "shape": [2, 3], "dtype": "float64", "nbytes": 48,
                                "rootNbytes": 48, "writeable": true,
                                "cContiguous": true, "fContiguous": false,
                                "ownData": false, "previous": null}],
              "expect": {"kind": "view", "base": "a", "writeable": null} | null}],
         "markerErrors": ["line 3: b: expected copy, observed view", ...]}}}

Each program is parsed with `ast`, a call to a recorder is inserted after every
binding of a simple name (assignment, augmented/annotated assignment, for
target, with-as target, walrus), and the instrumented tree is executed in a
fresh `__main__` module. The recorder classifies the bound value against the
names that are live in the caller's frame at that moment. See
test/corpus/README.md for the classification rules and the marker syntax.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import os
import platform
import re
import sys
import tokenize
import types
import warnings
from inspect import CO_OPTIMIZED

import numpy as np

MAX_OBSERVATIONS = 50
REC_NAME = "__nv_rec__"
PRE_NAME = "__nv_pre__"
SHARES_MAX_WORK = 10**6


# --------------------------------------------------------------------------
# Source positions


def split_lines(source: str) -> list[str]:
    """Split like the Python tokenizer does (only \\r\\n, \\r and \\n)."""
    return re.split(r"\r\n|\r|\n", source)


def code_point_column(lines: list[str], lineno: int, byte_offset: int) -> int:
    """1-based column in code points from ast's UTF-8 byte offset."""
    if lineno - 1 >= len(lines):
        return byte_offset + 1
    encoded = lines[lineno - 1].encode("utf-8")
    return len(encoded[:byte_offset].decode("utf-8", errors="replace")) + 1


# --------------------------------------------------------------------------
# Finding bindings


def target_names(target: ast.AST) -> list[ast.Name]:
    """Simple names bound by an assignment target (recursing into unpacking)."""
    if isinstance(target, ast.Name):
        return [target]
    if isinstance(target, (ast.Tuple, ast.List)):
        out: list[ast.Name] = []
        for elt in target.elts:
            out.extend(target_names(elt))
        return out
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []  # Attribute / Subscript targets are not name bindings


class BindingCollector(ast.NodeVisitor):
    """Collect every Name bound by a listed construct, keyed by id(node)."""

    def __init__(self) -> None:
        self.names: list[ast.Name] = []

    def _add(self, names: list[ast.Name]) -> None:
        self.names.extend(names)

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            self._add(target_names(t))
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._add(target_names(node.target))
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._add(target_names(node.target))
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        self._add(target_names(node.target))
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._add(target_names(item.optional_vars))
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._add(target_names(node.target))
        self.generic_visit(node)


# --------------------------------------------------------------------------
# Instrumentation


def rec_call(bid: int, value: ast.expr) -> ast.Call:
    return ast.Call(
        func=ast.Name(id=REC_NAME, ctx=ast.Load()),
        args=[ast.Constant(value=bid), value],
        keywords=[],
    )


def rec_stmt(bid: int, name: str) -> ast.stmt:
    return ast.Expr(value=rec_call(bid, ast.Name(id=name, ctx=ast.Load())))


class Instrumenter(ast.NodeTransformer):
    def __init__(self, ids: dict[int, int]) -> None:
        self.ids = ids  # id(Name node) -> binding index

    def _calls_for(self, names: list[ast.Name]) -> list[ast.stmt]:
        return [rec_stmt(self.ids[id(n)], n.id) for n in names if id(n) in self.ids]

    def _after(self, stmt: ast.stmt) -> list[ast.stmt]:
        if isinstance(stmt, ast.Assign):
            names = [n for t in stmt.targets for n in target_names(t)]
        elif isinstance(stmt, ast.AugAssign):
            names = target_names(stmt.target)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            names = target_names(stmt.target)
        else:
            return []
        return self._calls_for(names)

    def _before(self, stmt: ast.stmt) -> list[ast.stmt]:
        """Snapshot the names' current values before an assignment statement."""
        if isinstance(stmt, ast.Assign):
            names = [n for t in stmt.targets for n in target_names(t)]
        elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
            names = target_names(stmt.target) if getattr(stmt, "value", None) is not None else []
        else:
            return []
        bids = [ast.Constant(value=self.ids[id(n)]) for n in names if id(n) in self.ids]
        if not bids:
            return []
        call = ast.Call(
            func=ast.Name(id=PRE_NAME, ctx=ast.Load()),
            args=[ast.Tuple(elts=bids, ctx=ast.Load())],
            keywords=[],
        )
        return [ast.Expr(value=call)]

    def _body(self, stmts: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for stmt in stmts:
            out.extend(self._before(stmt))
            new = self.visit(stmt)
            out.append(new)
            out.extend(self._after(stmt))
        return out

    def generic_visit(self, node: ast.AST) -> ast.AST:
        for field, old in ast.iter_fields(node):
            if isinstance(old, list) and old and all(isinstance(x, ast.stmt) for x in old):
                setattr(node, field, self._body(old))
            elif isinstance(old, list):
                new_list = []
                for x in old:
                    if isinstance(x, ast.AST):
                        x = self.visit(x)
                    new_list.append(x)
                setattr(node, field, new_list)
            elif isinstance(old, ast.AST):
                setattr(node, field, self.visit(old))
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        names = target_names(node.target)
        self.generic_visit(node)
        node.body = self._calls_for(names) + node.body
        return node

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With) -> ast.AST:
        names = [n for item in node.items if item.optional_vars is not None
                 for n in target_names(item.optional_vars)]
        self.generic_visit(node)
        node.body = self._calls_for(names) + node.body
        return node

    visit_AsyncWith = visit_With

    def visit_NamedExpr(self, node: ast.NamedExpr) -> ast.AST:
        self.generic_visit(node)
        bid = self.ids.get(id(node.target))
        if bid is None:
            return node
        return ast.copy_location(rec_call(bid, node), node)


# --------------------------------------------------------------------------
# Markers


MARKER_RE = re.compile(r"#\s*expect:\s*(.*)$")
IDENT_RE = r"[^\W\d]\w*"
NAME_RE = IDENT_RE + r"(?:\." + IDENT_RE + r")*"
GROUP_RE = re.compile(
    r"^(?:(?P<target>" + IDENT_RE + r")=)?(?P<kind>view|copy|alias|not-array)"
    r"(?:\s+base=(?P<base>" + NAME_RE + r"))?"
    r"(?:\s+(?P<flag>readonly|writeable))?$"
)


def parse_markers(source: str) -> tuple[dict[int, list[dict]], list[str]]:
    """line -> list of {"target": name|None, "kind", "base"}; plus syntax errors."""
    markers: dict[int, list[dict]] = {}
    errors: list[str] = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return markers, errors
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        m = MARKER_RE.search(tok.string)
        if not m:
            continue
        line = tok.start[0]
        groups = [g.strip() for g in m.group(1).split(";") if g.strip()]
        if not groups:
            errors.append(f"line {line}: empty expect marker")
        for g in groups:
            gm = GROUP_RE.match(re.sub(r"\s+", " ", g))
            if not gm:
                errors.append(f"line {line}: cannot parse expect marker {g!r}")
                continue
            markers.setdefault(line, []).append(
                {
                    "target": gm.group("target"), "kind": gm.group("kind"),
                    "base": gm.group("base"),
                    "writeable": None if gm.group("flag") is None else gm.group("flag") == "writeable",
                }
            )
    return markers, errors


def attach_markers(bindings: list[dict], markers: dict[int, list[dict]], errors: list[str]) -> None:
    by_line: dict[int, list[dict]] = {}
    for b in bindings:
        by_line.setdefault(b["line"], []).append(b)
    for line, groups in sorted(markers.items()):
        on_line = by_line.get(line, [])
        for g in groups:
            if g["target"] is None:
                cands = on_line[:1]
                label = "first binding"
            else:
                cands = [b for b in on_line if b["name"] == g["target"]][:1]
                label = g["target"]
            if not cands:
                errors.append(f"line {line}: marker for {label} but no such binding on this line")
                continue
            b = cands[0]
            if b["expect"] is not None:
                errors.append(f"line {line}: {b['name']}: more than one marker")
                continue
            b["expect"] = {"kind": g["kind"], "base": g["base"], "writeable": g["writeable"]}


def check_markers(bindings: list[dict], errors: list[str]) -> None:
    for b in bindings:
        exp = b["expect"]
        if exp is None:
            continue
        where = f"line {b['line']}: {b['name']}"
        if b["executions"] == 0:
            errors.append(f"{where}: has a marker but was never executed")
            continue
        for i, obs in enumerate(b["observations"]):
            nth = f" (execution {i + 1})" if b["executions"] > 1 else ""
            if obs["kind"] != exp["kind"]:
                errors.append(f"{where}{nth}: expected {exp['kind']}, observed {obs['kind']}")
                continue
            if exp["writeable"] is not None and obs["writeable"] != exp["writeable"]:
                want = "writeable" if exp["writeable"] else "readonly"
                errors.append(f"{where}{nth}: expected {want}, observed writeable={obs['writeable']}")
            base = exp["base"]
            if base is None:
                continue
            if obs["rootOwners"]:
                ok = base in obs["rootOwners"]
            else:
                ok = base in obs["shares"] or base in obs["aliases"]
            if not ok:
                errors.append(
                    f"{where}{nth}: expected base={base}, observed rootOwners={obs['rootOwners']}"
                    f" shares={obs['shares']} aliases={obs['aliases']}"
                )


# --------------------------------------------------------------------------
# Recording


EXCLUDED_TYPES = (
    types.ModuleType,
    type,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.BuiltinMethodType,
)


def is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def base_array(arr: np.ndarray) -> np.ndarray | None:
    """The ndarray that `arr` borrows its memory from, if any.

    Follows `.base` when it is an ndarray, and also looks through the thin
    wrappers NumPy itself puts in between: the DummyArray of as_strided /
    sliding_window_view (which has a `.base`) and a memoryview (`.obj`).
    """
    b = arr.base
    if isinstance(b, np.ndarray):
        return b
    inner = getattr(b, "obj", None) if isinstance(b, memoryview) else getattr(b, "base", None)
    if isinstance(inner, np.ndarray):
        return inner
    return None


def root_of(arr: np.ndarray) -> np.ndarray:
    root = arr
    seen = 0
    while (nxt := base_array(root)) is not None and seen < 1000:
        root = nxt
        seen += 1
    return root


def plain_object_arrays(name: str, obj: object) -> list[tuple[str, np.ndarray]]:
    if isinstance(obj, (np.ndarray, np.generic) + EXCLUDED_TYPES):
        return []
    try:
        attrs = object.__getattribute__(obj, "__dict__")
    except Exception:
        return []
    if not isinstance(attrs, dict):
        return []
    out = []
    for k, v in list(attrs.items()):
        if isinstance(k, str) and not is_dunder(k) and isinstance(v, np.ndarray):
            out.append((f"{name}.{k}", v))
    return out


def frame_locals(frame: types.FrameType) -> dict[str, object]:
    """A copy of the frame's locals (including cells and free variables).

    In a function frame (Python < 3.13) `frame.f_locals` is a snapshot dict
    cached on the frame that keeps strong references to the locals. Left in
    place it would change the program's refcounts (ndarray.resize refcheck,
    memory kept alive after `del`), so copy it and empty the cached dict.
    """
    loc = frame.f_locals
    if loc is frame.f_globals:
        return loc
    snapshot = dict(loc)
    # Clear only a dict nobody else holds: the frame, `loc` and getrefcount's
    # argument account for 3 references; more means the program kept the
    # result of locals(), which it must see unchanged. (3.13+ returns a
    # write-through proxy instead of a dict: leave that alone.)
    if type(loc) is dict and frame.f_code.co_flags & CO_OPTIMIZED and sys.getrefcount(loc) <= 3:
        loc.clear()
    return snapshot


def live_arrays(frame: types.FrameType, exclude: str) -> list[tuple[str, np.ndarray]]:
    scope: dict[str, object] = dict(frame.f_globals)
    loc = frame_locals(frame)
    if loc is not frame.f_globals:
        scope.update(loc)
    out: list[tuple[str, np.ndarray]] = []
    for name, val in scope.items():
        if not isinstance(name, str) or name == exclude or is_dunder(name):
            continue
        if isinstance(val, EXCLUDED_TYPES):
            continue
        if isinstance(val, np.ndarray):
            out.append((name, val))
        else:
            out.extend(plain_object_arrays(name, val))
    out.sort(key=lambda nv: nv[0])
    return out


def related(v: np.ndarray, w: np.ndarray, v_root: np.ndarray) -> bool:
    if root_of(w) is v_root:
        return True
    try:
        return bool(np.shares_memory(v, w, max_work=SHARES_MAX_WORK))
    except Exception:  # TooHardError: fall back to the bounds check
        return bool(np.may_share_memory(v, w))


MISSING = object()


def lookup(frame: types.FrameType, name: str) -> object:
    """The value `name` has in `frame` right now (MISSING if unbound)."""
    loc = frame_locals(frame)
    if loc is frame.f_globals:
        return loc.get(name, MISSING)
    code = frame.f_code
    if name in code.co_varnames or name in code.co_cellvars or name in code.co_freevars:
        return loc.get(name, MISSING)
    val = loc.get(name, MISSING)  # class body namespace
    if val is MISSING:
        val = frame.f_globals.get(name, MISSING)
    return val


def previous_relation(value: object, old: object) -> str | None:
    if old is MISSING:
        return None
    if value is old:
        return "same"
    if isinstance(value, np.ndarray) and isinstance(old, np.ndarray):
        if related(value, old, root_of(value)):
            return "shares"
    return "unrelated"


def observe(value: object, frame: types.FrameType, name: str) -> dict:
    if not isinstance(value, np.ndarray):
        return {
            "kind": "not-array", "aliases": [], "shares": [], "rootOwners": [],
            "type": type(value).__name__, "shape": None, "dtype": None, "nbytes": None,
            "rootNbytes": None, "writeable": None, "cContiguous": None,
            "fContiguous": None, "ownData": None,
        }
    root = root_of(value)
    aliases, shares, owners = [], [], []
    for wname, w in live_arrays(frame, name):
        if w is value:
            aliases.append(wname)
        elif related(value, w, root):
            shares.append(wname)
        if w is root:
            owners.append(wname)
    kind = "alias" if aliases else "view" if shares else "copy"
    flags = value.flags
    return {
        "kind": kind, "aliases": aliases, "shares": shares, "rootOwners": owners,
        "type": type(value).__name__, "shape": list(value.shape), "dtype": value.dtype.name,
        "nbytes": int(value.nbytes), "rootNbytes": int(root.nbytes),
        "writeable": bool(flags.writeable), "cContiguous": bool(flags.c_contiguous),
        "fContiguous": bool(flags.f_contiguous), "ownData": bool(flags.owndata),
    }


class Recorder:
    def __init__(self, bindings: list[dict]) -> None:
        self.bindings = bindings
        self.internal_errors: list[str] = []
        # (binding index, id(frame)) -> value the name had before the statement
        self.previous: dict[tuple[int, int], object] = {}

    def pre(self, bids: tuple[int, ...]) -> None:
        """Called before an assignment statement: remember the old values."""
        try:
            frame = sys._getframe(1)
            try:
                for bid in bids:
                    b = self.bindings[bid]
                    if len(b["observations"]) < MAX_OBSERVATIONS:
                        self.previous[(bid, id(frame))] = lookup(frame, b["name"])
            finally:
                del frame
        except Exception as e:
            self.internal_errors.append(f"pre-recorder failed: {type(e).__name__}: {e}")

    def __call__(self, bid: int, value: object) -> object:
        b = self.bindings[bid]
        b["executions"] += 1
        if len(b["observations"]) < MAX_OBSERVATIONS:
            try:
                frame = sys._getframe(1)
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        obs = observe(value, frame, b["name"])
                    old = self.previous.pop((bid, id(frame)), MISSING)
                    obs["previous"] = previous_relation(value, old)
                    del old
                    b["observations"].append(obs)
                finally:
                    del frame
            except Exception as e:  # never disturb the program under test
                self.internal_errors.append(
                    f"line {b['line']}: {b['name']}: recorder failed: {type(e).__name__}: {e}"
                )
        return value


# --------------------------------------------------------------------------
# Running one file


def run_file(path: str) -> dict:
    result: dict = {"error": None, "bindings": [], "markerErrors": []}
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        source = raw.decode("utf-8-sig")
    except Exception as e:
        result["error"] = f"{type(e).__name__}: {e}"
        return result
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as e:
        result["error"] = f"SyntaxError: {e}"
        return result

    lines = split_lines(source)
    collector = BindingCollector()
    collector.visit(tree)
    names = sorted(
        collector.names,
        key=lambda n: (n.lineno, code_point_column(lines, n.lineno, n.col_offset)),
    )
    bindings: list[dict] = []
    ids: dict[int, int] = {}
    for n in names:
        if id(n) in ids:
            continue
        ids[id(n)] = len(bindings)
        bindings.append({
            "name": n.id, "line": n.lineno,
            "column": code_point_column(lines, n.lineno, n.col_offset),
            "executions": 0, "observations": [], "expect": None,
        })
    result["bindings"] = bindings

    markers, marker_errors = parse_markers(source)
    attach_markers(bindings, markers, marker_errors)

    recorder = Recorder(bindings)
    try:
        new_tree = ast.fix_missing_locations(Instrumenter(ids).visit(tree))
        code = compile(new_tree, path, "exec")
    except Exception as e:
        result["error"] = f"instrumentation failed: {type(e).__name__}: {e}"
        result["markerErrors"] = marker_errors
        return result

    module = types.ModuleType("__main__")
    module.__dict__.update({
        "__file__": path, "__builtins__": builtins,
        REC_NAME: recorder, PRE_NAME: recorder.pre,
    })
    saved_main = sys.modules.get("__main__")
    saved_argv = sys.argv
    saved_err = np.geterr()
    saved_random = np.random.get_state()
    saved_print = np.get_printoptions()
    saved_cwd = os.getcwd()
    sys.modules["__main__"] = module
    sys.argv = [path]
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), warnings.catch_warnings():
            exec(code, module.__dict__)
    except BaseException as e:  # noqa: BLE001 - SystemExit/KeyboardInterrupt too
        if isinstance(e, KeyboardInterrupt):
            raise
        if not (isinstance(e, SystemExit) and e.code in (None, 0)):
            result["error"] = f"{type(e).__name__}: {e}"
    finally:
        sys.modules["__main__"] = saved_main
        sys.argv = saved_argv
        np.seterr(**saved_err)
        np.random.set_state(saved_random)
        np.set_printoptions(**saved_print)
        os.chdir(saved_cwd)
        module.__dict__.clear()
        recorder.previous.clear()

    marker_errors.extend(recorder.internal_errors)
    check_markers(bindings, marker_errors)
    result["markerErrors"] = marker_errors
    return result


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = {
        "numpy": np.__version__,
        "python": platform.python_version(),
        "files": {},
    }
    for path in argv:
        try:
            out["files"][path] = run_file(path)
        except Exception as e:  # defensive: the oracle must always print JSON
            out["files"][path] = {
                "error": f"oracle failure: {type(e).__name__}: {e}",
                "bindings": [], "markerErrors": [],
            }
    sys.stdout.write(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

// Checks server/src/numpy/layout.ts against real NumPy: one python3 run builds random arrays and records what NumPy does.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  allocStrides,
  basicIndex,
  broadcastShapes,
  broadcastTo,
  contiguity,
  diagonal,
  expandDims,
  extentsOverlap,
  flip,
  moveaxis,
  noCopyReshape,
  ravelStrides,
  resolveShape,
  shapeSize,
  sliceDim,
  squeeze,
  swapaxes,
  transpose,
  type BasicIndexItem,
  type Layout,
} from "numpy-views-server/out/numpy/layout";

import { PythonUnavailableError, runPython } from "../support/python";

/** Number of random arrays (besides the named ones) the oracle builds. */
const RANDOM_ARRAYS = 800;

/**
 * The oracle. Seeded, so every run checks the same cases. A probe result is either
 * {error: true} (NumPy raised) or the result's layout and whether it is a view of the
 * probed array (same root base object), plus NumPy's own memory-sharing answers.
 */
const ORACLE = String.raw`
import json
import random

import numpy as np
from numpy.lib.stride_tricks import as_strided

rng = random.Random(20250611)
DTYPES = {1: np.int8, 2: np.int16, 4: np.float32, 8: np.float64, 16: np.complex128}


def root(x):
    while isinstance(x.base, np.ndarray):
        x = x.base
    return x


def addr(x):
    return x.__array_interface__["data"][0]


def rand_dim():
    r = rng.random()
    if r < 0.05:
        return 0
    if r < 0.30:
        return 1
    return rng.randint(2, 5)


def rand_shape(lo=0, hi=4):
    return [rand_dim() for _ in range(rng.randint(lo, hi))]


def rand_slice(n):
    step = rng.choice([None, 1, 1, 2, 3, -1, -1, -2, -3])
    start = rng.choice([None, None, rng.randint(-n - 2, n + 2)])
    stop = rng.choice([None, None, rng.randint(-n - 2, n + 2)])
    return slice(start, stop, step)


def enc_item(it):
    if it is None:
        return {"kind": "newaxis"}
    if it is Ellipsis:
        return {"kind": "ellipsis"}
    if isinstance(it, slice):
        d = {"kind": "slice"}
        for k in ("start", "stop", "step"):
            v = getattr(it, k)
            if v is not None:
                d[k] = v
        return d
    return {"kind": "int", "value": it}


def op_slice(a):
    items = []
    for n in a.shape:
        r = rng.random()
        if r < 0.15 and n > 0:
            items.append(rng.randint(-n, n - 1))
        else:
            items.append(rand_slice(n))
    if rng.random() < 0.2:
        items.insert(rng.randint(0, len(items)), None)
    return a[tuple(items)]


def op_transpose(a):
    perm = list(range(a.ndim))
    rng.shuffle(perm)
    return a.transpose(perm)


def op_newaxis(a):
    k = rng.randint(0, a.ndim)
    return a[(slice(None),) * k + (None,)]


def op_broadcast(a):
    shape = [rand_dim() for _ in range(rng.randint(0, 1))]
    for d in a.shape:
        shape.append(rng.choice([1, 2, 3]) if d == 1 else d)
    return np.broadcast_to(a, shape)


def op_reshape(a):
    return a.reshape(rand_factorization(a.size), order=rng.choice("CF"))


def op_flip(a):
    return np.flip(a)


def op_diag(a):
    if a.ndim < 2:
        return a
    return a.diagonal(rng.randint(-1, 1), 0, 1)


def op_expand(a):
    return np.expand_dims(a, rng.randint(-a.ndim - 1, a.ndim))


OPS = [op_slice, op_slice, op_slice, op_transpose, op_transpose, op_transpose,
       op_broadcast, op_reshape, op_flip, op_diag, op_expand, op_newaxis]


def rand_factorization(size, max_nd=4):
    if size == 0:
        nd = rng.randint(1, 3)
        dims = [rng.randint(1, 4) for _ in range(nd)]
        dims[rng.randrange(nd)] = 0
        return dims
    dims = []
    rest = size
    for _ in range(rng.randint(0, max_nd - 1)):
        divs = [d for d in range(1, rest + 1) if rest % d == 0]
        d = rng.choice(divs)
        dims.append(d)
        rest //= d
    dims.append(rest)
    rng.shuffle(dims)
    if rng.random() < 0.3:
        dims.insert(rng.randint(0, len(dims)), 1)
    if size == 1 and rng.random() < 0.3:
        dims = []
    return dims


def fresh():
    itemsize = rng.choice(list(DTYPES))
    dt = DTYPES[itemsize]
    kind = rng.random()
    if kind < 0.75:
        return np.empty(rand_shape(), dtype=dt, order=rng.choice("CF"))
    # as_strided over a 1-D buffer, staying in bounds (possibly overlapping, zero strides).
    shape = rand_shape(1, 3)
    strides = [itemsize * rng.choice([0, 1, 2, 3, 5, 7, 12]) for _ in shape]
    if 0 in shape:
        need = 1
    else:
        need = 1 + sum((n - 1) * s for n, s in zip(shape, strides)) // itemsize
    buf = np.empty(need + rng.randint(0, 3), dtype=dt)
    return as_strided(buf, shape=shape, strides=strides)


NAMED = [
    lambda: np.arange(10.0)[::2],
    lambda: np.arange(10.0)[::-1],
    lambda: np.arange(12.0).reshape(3, 4)[:, ::2],
    lambda: np.arange(12.0).reshape(3, 4).T,
    lambda: np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)),
    lambda: np.broadcast_to(np.arange(3.0), (4, 3)),
    lambda: np.broadcast_to(np.float64(5), (4, 3)),
    lambda: np.arange(24.0).reshape(2, 3, 4)[:, :, ::2],
    lambda: np.arange(24.0).reshape(2, 3, 4)[:, ::-1, :],
    lambda: np.arange(24.0).reshape(4, 6)[1:3, 1:5],
    lambda: np.empty((0, 3)),
    lambda: np.empty((3, 4))[:0],
    lambda: np.empty((3, 1, 4))[:, :, ::2],
    lambda: np.empty(()),
    lambda: np.empty((1, 1)),
    lambda: np.arange(6.0).reshape(2, 3)[:, None],
    lambda: np.empty((4, 5)).T[::2],
    lambda: np.empty((2, 3, 4)).transpose(1, 0, 2),
    lambda: np.empty((2, 3, 4)).transpose(1, 0, 2)[:, None],
    lambda: np.empty((2, 3, 4)).transpose(2, 0, 1)[None, :, :, None],
    lambda: np.empty((2, 3, 4)).transpose(1, 0, 2)[::-1],
    lambda: np.empty((2, 3, 4)).transpose(1, 0, 2)[:, :, ::-1],
    lambda: np.empty((2, 1, 3, 4))[:, ::-1].transpose(3, 1, 0, 2),
    lambda: as_strided(np.empty(5), shape=(3, 3), strides=(8, 8)),
    lambda: as_strided(np.empty(12), shape=(3, 1, 4), strides=(8, 40, 24)),
]


def record(r, a):
    if not isinstance(r, np.ndarray):
        return {"error": False, "scalar": True}
    view = root(r) is root(a)
    try:
        shares = bool(np.shares_memory(a, r, max_work=10**6))
    except Exception:
        shares = None
    return {
        "error": False,
        "scalar": False,
        "shape": list(r.shape),
        "strides": list(r.strides),
        "offset": addr(r) - addr(a),
        "view": view,
        "same": r is a,
        "shares": shares,
        "mayShare": bool(np.may_share_memory(a, r)),
        "c": bool(r.flags.c_contiguous),
        "f": bool(r.flags.f_contiguous),
    }


def probe(fn, a):
    try:
        r = fn()
    except (ValueError, IndexError, TypeError) as e:
        return {"error": True, "message": type(e).__name__ + ": " + str(e)}
    return record(r, a)


def reshape_targets(a):
    size = a.size
    out = [[-1], list(a.shape), list(reversed(a.shape))]
    if a.ndim:
        t = list(a.shape)
        t[rng.randrange(a.ndim)] = -1
        out.append(t)
    out.append([d for d in a.shape if d != 1])
    t = list(a.shape)
    for _ in range(rng.randint(1, 2)):
        t.insert(rng.randint(0, len(t)), 1)
    out.append(t)
    for _ in range(4):
        out.append(rand_factorization(size))
    t = rand_factorization(size)
    if t:
        t[rng.randrange(len(t))] = -1
        out.append(t)
    if rng.random() < 0.2:
        out.append([size + 1])
    if size == 1:
        out.append([])
    uniq = []
    for t in out:
        if t not in uniq:
            uniq.append(t)
    return uniq


def rand_axis(nd, spread=1):
    lo, hi = -nd - spread, nd - 1 + spread
    return rng.randint(lo, max(lo, hi))


def transform_probes(a):
    nd = a.ndim
    probes = []

    def add(args, fn):
        probes.append({"args": args, "result": probe(fn, a)})

    add({"op": "transpose", "axes": None}, lambda: a.transpose())
    perm = list(range(nd))
    rng.shuffle(perm)
    perm = [p - nd if rng.random() < 0.3 else p for p in perm]
    if nd >= 2 and rng.random() < 0.15:
        perm[0] = perm[1]
    add({"op": "transpose", "axes": perm}, lambda: a.transpose(perm))
    s1, s2 = rand_axis(nd, 0), rand_axis(nd, 0)
    if rng.random() < 0.1:
        s2 = rand_axis(nd, 2)
    add({"op": "swapaxes", "axis1": s1, "axis2": s2}, lambda: np.swapaxes(a, s1, s2))
    k = rng.randint(0, nd)
    src = rng.sample(range(-nd, nd), k) if nd else []
    dst = rng.sample(range(-nd, nd), k) if nd else []
    add({"op": "moveaxis", "source": src, "destination": dst}, lambda: np.moveaxis(a, src, dst))
    ex = [rand_axis(nd + 1, 0) for _ in range(rng.randint(1, 2))]
    add({"op": "expand_dims", "axes": ex}, lambda: np.expand_dims(a, tuple(ex)))
    add({"op": "squeeze", "axes": None}, lambda: np.squeeze(a))
    units = [i for i, d in enumerate(a.shape) if d == 1]
    sq = rng.sample(units, rng.randint(0, len(units)))
    if nd and rng.random() < 0.2:
        sq.append(rng.randrange(nd))
    add({"op": "squeeze", "axes": sq}, lambda: np.squeeze(a, tuple(sq)))
    add({"op": "flip", "axes": None}, lambda: np.flip(a))
    fl = rng.sample(range(nd), rng.randint(0, nd))
    add({"op": "flip", "axes": fl}, lambda: np.flip(a, tuple(fl)))
    if nd >= 2:
        off = rng.randint(-3, 3)
        d1, d2 = rand_axis(nd, 0), rand_axis(nd, 0)
        add({"op": "diagonal", "offset": off, "axis1": d1, "axis2": d2},
            lambda: a.diagonal(off, d1, d2))
    target = [rand_dim() for _ in range(rng.randint(0, 2))]
    for d in a.shape:
        if d == 1:
            target.append(rng.choice([1, 1, 0, 2, 3]))
        else:
            target.append(rng.choice([d, d, d, 1, d + 1]))
    if rng.random() < 0.1:
        target = target[1:]
    add({"op": "broadcast_to", "shape": target}, lambda: np.broadcast_to(a, target))
    for _ in range(3):
        items = []
        for n in a.shape:
            r = rng.random()
            if r < 0.3:
                items.append(rng.randint(-n - 1, n) if rng.random() < 0.1 else
                             (rng.randint(-n, n - 1) if n else 0))
            elif r < 0.85:
                items.append(rand_slice(n))
        if rng.random() < 0.3:
            items.insert(rng.randint(0, len(items)), None)
        if rng.random() < 0.3:
            items.insert(rng.randint(0, len(items)), Ellipsis)
        if rng.random() < 0.05:
            items.append(0)
        idx = tuple(items)
        add({"op": "index", "items": [enc_item(i) for i in items]}, lambda: a[idx])
    return probes


def make_case(a):
    case = {
        "shape": list(a.shape),
        "strides": list(a.strides),
        "itemsize": a.itemsize,
        "c": bool(a.flags.c_contiguous),
        "f": bool(a.flags.f_contiguous),
        "reshape": [],
        "ravel": [],
        "transforms": transform_probes(a),
    }
    for t in reshape_targets(a):
        for order in "CFA":
            case["reshape"].append(
                {"target": t, "order": order,
                 "result": probe(lambda: a.reshape(t, order=order), a)})
    for order in "CFAK":
        case["ravel"].append({"order": order, "result": probe(lambda: a.ravel(order), a)})
    return case


def make_array():
    a = fresh()
    for _ in range(rng.randint(0, 3)):
        a = rng.choice(OPS)(a)
        if not isinstance(a, np.ndarray):
            a = np.asarray(a)
    return a


def broadcast_cases(n):
    cases = []
    for _ in range(n):
        shapes = []
        for _ in range(rng.randint(1, 4)):
            shape = []
            for _ in range(rng.randint(0, 3)):
                r = rng.random()
                shape.append(None if r < 0.2 else rng.choice([0, 1, 1, 1, 2, 3, 3]))
            shapes.append(shape)
        unknowns = [(i, j) for i, s in enumerate(shapes) for j, d in enumerate(s) if d is None]
        subs = [{u: 1 for u in unknowns}]
        for u in unknowns:
            sub = {v: 1 for v in unknowns}
            sub[u] = 7
            subs.append(sub)
        for _ in range(4):
            subs.append({u: rng.choice([0, 1, 2, 3, 7]) for u in unknowns})
        results = []
        for sub in subs:
            concrete = [tuple(sub[(i, j)] if d is None else d for j, d in enumerate(s))
                        for i, s in enumerate(shapes)]
            try:
                results.append(list(np.broadcast_shapes(*concrete)))
            except ValueError:
                results.append("error")
        cases.append({"shapes": shapes, "results": results})
    return cases


def slice_cases(n):
    cases = []
    for _ in range(n):
        length = rng.randint(0, 9)
        start = rng.choice([None, rng.randint(-13, 13)])
        stop = rng.choice([None, rng.randint(-13, 13)])
        step = rng.choice([None, 1, 2, 3, 5, -1, -2, -3, -5, 0] if rng.random() < 0.1
                          else [None, 1, 2, 3, 5, -1, -2, -3, -5])
        try:
            s, e, st = slice(start, stop, step).indices(length)
            res = {"start": s, "length": len(range(s, e, st)), "step": st}
        except ValueError:
            res = "error"
        cases.append({"length": length, "start": start, "stop": stop, "step": step,
                      "result": res})
    return cases


def resolve_cases(n):
    cases = []
    for _ in range(n):
        size = rng.choice([0, 1, 2, 4, 6, 12, 24])
        req = [rng.choice([-1, -1, -2, 0, 1, 2, 3, 4, 6]) for _ in range(rng.randint(0, 3))]
        try:
            res = list(np.empty(size, dtype=np.int8).reshape(req).shape)
        except ValueError:
            res = "error"
        cases.append({"size": size, "requested": req, "result": res})
    return cases


def alloc_cases(n):
    cases = []
    for _ in range(n):
        shape = rand_shape()
        itemsize = rng.choice(list(DTYPES))
        order = rng.choice("CF")
        a = np.empty(shape, dtype=DTYPES[itemsize], order=order)
        cases.append({"shape": shape, "itemsize": itemsize, "order": order,
                      "strides": list(a.strides)})
    return cases


def main(n_random):
    arrays = [f() for f in NAMED] + [make_array() for _ in range(n_random)]
    print(json.dumps({
        "numpy": np.__version__,
        "cases": [make_case(a) for a in arrays],
        "broadcast": broadcast_cases(400),
        "slices": slice_cases(500),
        "resolve": resolve_cases(300),
        "alloc": alloc_cases(100),
    }, separators=(",", ":")))
`;

interface ProbeResult {
  readonly error: boolean;
  readonly message?: string;
  readonly scalar?: boolean;
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  readonly view: boolean;
  readonly same: boolean;
  readonly shares: boolean | null;
  readonly mayShare: boolean;
  readonly c: boolean;
  readonly f: boolean;
}

type TransformArgs =
  | { op: "transpose"; axes: number[] | null }
  | { op: "swapaxes"; axis1: number; axis2: number }
  | { op: "moveaxis"; source: number[]; destination: number[] }
  | { op: "expand_dims"; axes: number[] }
  | { op: "squeeze"; axes: number[] | null }
  | { op: "flip"; axes: number[] | null }
  | { op: "diagonal"; offset: number; axis1: number; axis2: number }
  | { op: "broadcast_to"; shape: number[] }
  | { op: "index"; items: BasicIndexItem[] };

interface ArrayCase {
  readonly shape: number[];
  readonly strides: number[];
  readonly itemsize: number;
  readonly c: boolean;
  readonly f: boolean;
  readonly reshape: {
    target: number[];
    order: "C" | "F" | "A";
    result: ProbeResult;
  }[];
  readonly ravel: { order: "C" | "F" | "A" | "K"; result: ProbeResult }[];
  readonly transforms: { args: TransformArgs; result: ProbeResult }[];
}

interface Oracle {
  readonly numpy: string;
  readonly cases: ArrayCase[];
  readonly broadcast: {
    shapes: (number | null)[][];
    results: (number[] | "error")[];
  }[];
  readonly slices: {
    length: number;
    start: number | null;
    stop: number | null;
    step: number | null;
    result: { start: number; length: number; step: number } | "error";
  }[];
  readonly resolve: {
    size: number;
    requested: number[];
    result: number[] | "error";
  }[];
  readonly alloc: {
    shape: number[];
    itemsize: number;
    order: "C" | "F";
    strides: number[];
  }[];
}

function loadOracle(): Oracle | { unavailable: string } {
  try {
    return JSON.parse(runPython(ORACLE + `\nmain(${RANDOM_ARRAYS})\n`)) as Oracle;
  } catch (error) {
    if (error instanceof PythonUnavailableError) {
      console.error(`\n*** layout.test: SKIPPING the NumPy oracle tests: ${error.message} ***\n`);
      return { unavailable: error.message };
    }
    throw error;
  }
}

const oracle = loadOracle();

/** Runs `check` on the oracle (or skips loudly), failing with the first mismatches. */
function oracleTest(name: string, check: (data: Oracle, fail: (message: string) => void) => number): void {
  test(name, (t) => {
    if ("unavailable" in oracle) {
      t.skip(`python3/NumPy unavailable: ${oracle.unavailable}`);
      return;
    }
    const failures: string[] = [];
    const checked = check(oracle, (message) => failures.push(message));
    const summary = `${name}: ${checked} checks against NumPy ${oracle.numpy}`;
    t.diagnostic(summary);
    console.log(summary);
    assert.ok(checked > 0, "no cases were checked");
    assert.deepEqual(failures.slice(0, 40), [], `${failures.length} mismatches with NumPy (first 40 shown)`);
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function describe(c: ArrayCase): string {
  return `shape=(${c.shape.join(",")}) strides=(${c.strides.join(",")}) itemsize=${c.itemsize}`;
}

function layoutOf(c: ArrayCase): Layout {
  return { shape: c.shape, strides: c.strides, offset: 0 };
}

function resultLayout(r: ProbeResult): Layout {
  return { shape: r.shape, strides: r.strides, offset: r.offset };
}

/** Facts every non-error array result must satisfy, whatever produced it. */
function checkResultFacts(c: ArrayCase, what: string, r: ProbeResult, fail: (message: string) => void): number {
  if (r.error || r.scalar) return 0;
  const flags = contiguity(r.shape, r.strides, c.itemsize);
  if (flags.c !== r.c || flags.f !== r.f) {
    fail(`${describe(c)} ${what}: contiguity ${JSON.stringify(flags)} but NumPy c=${r.c} f=${r.f}`);
  }
  const nonEmpty = shapeSize(c.shape) > 0 && shapeSize(r.shape) > 0;
  if (r.shares !== null && nonEmpty && r.shares !== r.view) {
    fail(`${describe(c)} ${what}: oracle says view=${r.view} but shares_memory=${r.shares}`);
  }
  if (r.view) {
    const overlap = extentsOverlap(layoutOf(c), c.itemsize, resultLayout(r), c.itemsize);
    if (overlap !== r.mayShare) {
      fail(`${describe(c)} ${what}: extentsOverlap=${overlap} but may_share_memory=${r.mayShare}`);
    }
  }
  return 3;
}

oracleTest("contiguity flags match NumPy", (data, fail) => {
  let checked = 0;
  for (const c of data.cases) {
    const flags = contiguity(c.shape, c.strides, c.itemsize);
    if (flags.c !== c.c || flags.f !== c.f) {
      fail(`${describe(c)}: ${JSON.stringify(flags)} but NumPy c=${c.c} f=${c.f}`);
    }
    checked++;
  }
  return checked;
});

oracleTest("reshape views and strides match NumPy", (data, fail) => {
  let checked = 0;
  for (const c of data.cases) {
    const size = shapeSize(c.shape);
    for (const { target, order, result: r } of c.reshape) {
      const what = `reshape(${JSON.stringify(target)}, order=${order})`;
      const args = {
        shape: c.shape,
        strides: c.strides,
        newShape: target,
        order,
        itemsize: c.itemsize,
      };
      checked++;
      if (r.error) {
        if (resolveShape(size, target) !== undefined) fail(`${describe(c)} ${what}: NumPy raised`);
        try {
          noCopyReshape(args);
          fail(`${describe(c)} ${what}: NumPy raised but noCopyReshape did not throw`);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
        }
        continue;
      }
      const resolved = resolveShape(size, target);
      if (!same(resolved, r.shape)) {
        fail(`${describe(c)} ${what}: resolveShape=${JSON.stringify(resolved)} NumPy ${JSON.stringify(r.shape)}`);
      }
      const strides = noCopyReshape(args);
      const expected = r.view ? r.strides : undefined;
      if (!same(strides, expected)) {
        fail(`${describe(c)} ${what}: got ${JSON.stringify(strides)}, NumPy ${r.view ? `view ${JSON.stringify(r.strides)}` : "copies"}`);
      }
      if (r.view && r.offset !== 0) fail(`${describe(c)} ${what}: view moved by ${r.offset}`);
      checked += checkResultFacts(c, what, r, fail);
    }
  }
  return checked;
});

oracleTest("ravel views and strides match NumPy", (data, fail) => {
  let checked = 0;
  for (const c of data.cases) {
    for (const { order, result: r } of c.ravel) {
      const what = `ravel(${order})`;
      const strides = ravelStrides({
        shape: c.shape,
        strides: c.strides,
        order,
        itemsize: c.itemsize,
      });
      const expected = r.view ? r.strides : undefined;
      if (!same(strides, expected)) {
        fail(`${describe(c)} ${what}: got ${JSON.stringify(strides)}, NumPy ${r.view ? `view ${JSON.stringify(r.strides)}` : "copies"}`);
      }
      if (!same(r.shape, [shapeSize(c.shape)])) fail(`${describe(c)} ${what}: shape ${JSON.stringify(r.shape)}`);
      checked += 1 + checkResultFacts(c, what, r, fail);
    }
  }
  return checked;
});

function applyTransform(c: ArrayCase, args: TransformArgs): Layout | { scalar: true } | undefined {
  const a = layoutOf(c);
  switch (args.op) {
    case "transpose":
      return transpose(a, args.axes ?? undefined);
    case "swapaxes":
      return swapaxes(a, args.axis1, args.axis2);
    case "moveaxis":
      return moveaxis(a, args.source, args.destination);
    case "expand_dims":
      return expandDims(a, args.axes, c.itemsize);
    case "squeeze":
      return squeeze(a, args.axes ?? undefined);
    case "flip": {
      // np.flip of a 0-d array is a[()], a scalar; flip() documents that it returns the 0-d layout.
      const flipped = flip(a, args.axes ?? undefined);
      return flipped !== undefined && c.shape.length === 0 ? { scalar: true } : flipped;
    }
    case "diagonal":
      return diagonal(a, args.offset, args.axis1, args.axis2);
    case "broadcast_to":
      return broadcastTo(a, args.shape);
    case "index": {
      const indexed = basicIndex(a, args.items);
      if (indexed === undefined) return undefined;
      return indexed.scalar ? { scalar: true } : indexed.layout;
    }
  }
}

oracleTest("view transforms (transpose, swapaxes, moveaxis, expand_dims, squeeze, flip, diagonal, broadcast_to, indexing) match NumPy", (data, fail) => {
  let checked = 0;
  const ops = new Map<string, number>();
  for (const c of data.cases) {
    for (const { args, result: r } of c.transforms) {
      const what = JSON.stringify(args);
      const actual = applyTransform(c, args);
      checked++;
      ops.set(args.op, (ops.get(args.op) ?? 0) + 1);
      if (r.error) {
        if (actual !== undefined) fail(`${describe(c)} ${what}: NumPy raised ${r.message}, got ${JSON.stringify(actual)}`);
        continue;
      }
      if (actual === undefined) {
        fail(`${describe(c)} ${what}: got an error, NumPy gave ${JSON.stringify(r)}`);
        continue;
      }
      if ("scalar" in actual || r.scalar) {
        if (!("scalar" in actual && r.scalar)) fail(`${describe(c)} ${what}: scalar mismatch`);
        continue;
      }
      if (!r.view) fail(`${describe(c)} ${what}: NumPy did not return a view`);
      const expected = resultLayout(r);
      if (!same([actual.shape, actual.strides, actual.offset], [expected.shape, expected.strides, expected.offset])) {
        fail(`${describe(c)} ${what}: got ${JSON.stringify(actual)}, NumPy ${JSON.stringify(expected)}`);
      }
      checked += checkResultFacts(c, what, r, fail);
    }
  }
  console.log(`  transform probes by op: ${JSON.stringify(Object.fromEntries(ops))}`);
  return checked;
});

oracleTest("broadcastShapes matches np.broadcast_shapes, with unknown dims", (data, fail) => {
  let checked = 0;
  for (const { shapes, results } of data.broadcast) {
    const what = `broadcastShapes(${JSON.stringify(shapes)})`;
    const actual = broadcastShapes(shapes);
    checked++;
    const hasUnknown = shapes.some((shape) => shape.includes(null));
    if (!hasUnknown) {
      if (!same(actual, results[0])) fail(`${what}: got ${JSON.stringify(actual)}, NumPy ${JSON.stringify(results[0])}`);
      continue;
    }
    if (actual === "error") {
      if (results.some((r) => r !== "error")) fail(`${what}: "error" but some substitution broadcasts`);
      continue;
    }
    // results[0] substitutes 1 for every unknown: it must broadcast.
    if (results[0] === "error") fail(`${what}: got ${JSON.stringify(actual)} but NumPy raises with unknowns = 1`);
    const ok = results.filter((r): r is number[] => r !== "error");
    actual.forEach((dim, i) => {
      const values = new Set(ok.map((r) => r[i]));
      if (dim === null ? values.size < 2 : values.size !== 1 || !values.has(dim)) {
        fail(`${what}: dim ${i} is ${dim} but NumPy substitutions give ${JSON.stringify([...values])}`);
      }
    });
    if (ok.some((r) => r.length !== actual.length)) fail(`${what}: ndim differs`);
  }
  return checked;
});

oracleTest("sliceDim matches Python slice.indices", (data, fail) => {
  let checked = 0;
  for (const s of data.slices) {
    const args = {
      length: s.length,
      ...(s.start === null ? {} : { start: s.start }),
      ...(s.stop === null ? {} : { stop: s.stop }),
      ...(s.step === null ? {} : { step: s.step }),
    };
    checked++;
    if (s.result === "error") {
      try {
        sliceDim(args);
        fail(`sliceDim(${JSON.stringify(args)}): Python raised but sliceDim did not throw`);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      continue;
    }
    const actual = sliceDim(args);
    if (!same(actual, s.result)) fail(`sliceDim(${JSON.stringify(args)}): got ${JSON.stringify(actual)}, Python ${JSON.stringify(s.result)}`);
  }
  return checked;
});

oracleTest("resolveShape matches NumPy reshape's unknown dimension", (data, fail) => {
  let checked = 0;
  for (const { size, requested, result } of data.resolve) {
    const actual = resolveShape(size, requested) ?? "error";
    if (!same(actual, result)) fail(`resolveShape(${size}, ${JSON.stringify(requested)}): got ${JSON.stringify(actual)}, NumPy ${JSON.stringify(result)}`);
    checked++;
  }
  return checked;
});

oracleTest("allocStrides matches np.empty", (data, fail) => {
  let checked = 0;
  for (const { shape, itemsize, order, strides } of data.alloc) {
    const actual = allocStrides(shape, itemsize, order);
    if (!same(actual, strides))
      fail(`allocStrides(${JSON.stringify(shape)}, ${itemsize}, ${order}): got ${JSON.stringify(actual)}, NumPy ${JSON.stringify(strides)}`);
    checked++;
  }
  return checked;
});

// Behaviour worth knowing, each confirmed with NumPy 2.4.6 (runs without Python).
test("documented NumPy layout facts", () => {
  const f8 = 8;
  const stepped = { shape: [5], strides: [16], offset: 0 }; // np.arange(10.0)[::2]
  // ravel() of a stepped 1-D array copies (PyArray_Ravel only views contiguous data) ...
  assert.equal(ravelStrides({ ...stepped, order: "C", itemsize: f8 }), undefined);
  assert.equal(ravelStrides({ ...stepped, order: "K", itemsize: f8 }), undefined);
  // ... while reshape(-1) of the same array is a view keeping the step.
  assert.deepEqual(noCopyReshape({ ...stepped, newShape: [-1], order: "C", itemsize: f8 }), [16]);

  // Trailing unit dims added to a strided array get the last group's stride (C) or
  // stride * length (F), not the itemsize: np.arange(12.).reshape(3, 4)[:, ::2].
  const cols = { shape: [3, 2], strides: [32, 16], itemsize: f8 };
  assert.deepEqual(noCopyReshape({ ...cols, newShape: [3, 2, 1], order: "C" }), [32, 16, 16]);
  assert.deepEqual(noCopyReshape({ ...cols, newShape: [3, 2, 1], order: "F" }), [32, 16, 32]);
  // Evenly strided rows merge into one axis; a row-block slice [:, :2] cannot.
  assert.deepEqual(noCopyReshape({ ...cols, newShape: [6], order: "C" }), [16]);
  assert.equal(
    noCopyReshape({
      shape: [3, 2],
      strides: [32, 8],
      newShape: [6],
      order: "C",
      itemsize: f8,
    }),
    undefined,
  );

  // An unchanged shape keeps odd unit-dim strides; the same shape spelled with -1 does not.
  const odd = { shape: [3, 1], strides: [8, 80], itemsize: f8 };
  assert.deepEqual(noCopyReshape({ ...odd, newShape: [3, 1], order: "C" }), [8, 80]);
  assert.deepEqual(noCopyReshape({ ...odd, newShape: [3, -1], order: "C" }), [8, 8]);

  // An F-contiguous array reshapes to a view only in order F (or A).
  const fortran = { shape: [2, 3], strides: [8, 16], itemsize: f8 };
  assert.equal(noCopyReshape({ ...fortran, newShape: [6], order: "C" }), undefined);
  assert.deepEqual(noCopyReshape({ ...fortran, newShape: [6], order: "A" }), [8]);

  // Size-0: np.empty((0, 3)) has all-zero strides, its reshapes get filled strides.
  assert.deepEqual(allocStrides([0, 3], f8, "C"), [0, 0]);
  assert.deepEqual(
    noCopyReshape({
      shape: [0, 3],
      strides: [0, 0],
      newShape: [3, 0],
      order: "C",
      itemsize: f8,
    }),
    [8, 8],
  );
  assert.deepEqual(
    noCopyReshape({
      shape: [0, 3],
      strides: [0, 0],
      newShape: [3, 0],
      order: "F",
      itemsize: f8,
    }),
    [8, 24],
  );
  assert.deepEqual(contiguity([0, 3], [7, -5], f8), { c: true, f: true });

  // Any negative entry is "the unknown dimension"; it cannot sit next to a 0.
  assert.deepEqual(resolveShape(6, [-2, 3]), [2, 3]);
  assert.equal(resolveShape(0, [0, -1]), undefined);
  assert.equal(resolveShape(6, [-1, -1]), undefined);

  // expand_dims goes through reshape; a[:, None] gives the new axis stride 0.
  const x = { shape: [2, 3], strides: [24, 8], offset: 0 };
  assert.deepEqual(expandDims(x, [1], f8)?.strides, [24, 24, 8]);
  const newaxis = basicIndex(x, [{ kind: "slice" }, { kind: "newaxis" }]);
  assert.deepEqual(newaxis?.layout.strides, [24, 0, 8]);

  // broadcast_to zeroes the stride of every length-1 input axis, even when kept at 1.
  assert.deepEqual(broadcastTo({ shape: [3, 1], strides: [8, 8], offset: 0 }, [3, 1])?.strides, [8, 0]);

  // An empty slice is normalized to start 0, step 1: y[::-1][5:2] keeps y's stride and start.
  const reversed = { shape: [10], strides: [-8], offset: 72 };
  assert.deepEqual(basicIndex(reversed, [{ kind: "slice", start: 5, stop: 2 }])?.layout, { shape: [0], strides: [-8], offset: 72 });

  // diagonal: an offset that leaves exactly 0 elements still moves the start; beyond that it does not.
  const m = { shape: [2, 3], strides: [24, 8], offset: 0 };
  assert.deepEqual(diagonal(m, 3), { shape: [0], strides: [32], offset: 24 });
  assert.deepEqual(diagonal(m, 5), { shape: [0], strides: [32], offset: 0 });

  // Integers for every axis give a scalar; an ellipsis keeps a 0-d view.
  assert.equal(
    basicIndex(x, [
      { kind: "int", value: 1 },
      { kind: "int", value: -1 },
    ])?.scalar,
    true,
  );
  assert.equal(basicIndex(x, [{ kind: "int", value: 1 }, { kind: "int", value: -1 }, { kind: "ellipsis" }])?.scalar, false);

  // Unknown dims in broadcasting.
  assert.deepEqual(
    broadcastShapes([
      [null, 3],
      [4, 1],
    ]),
    [4, 3],
  );
  assert.deepEqual(broadcastShapes([[null], [1]]), [null]);
  assert.equal(broadcastShapes([[null], [2], [3]]), "error");
  assert.deepEqual(broadcastShapes([[], [2, null]]), [2, null]);

  // Python slice semantics.
  assert.deepEqual(sliceDim({ length: 5, step: -2 }), {
    start: 4,
    length: 3,
    step: -2,
  });
  assert.deepEqual(sliceDim({ length: 5, start: -100, stop: 100 }), {
    start: 0,
    length: 5,
    step: 1,
  });
  assert.throws(() => sliceDim({ length: 5, step: 0 }), RangeError);
});

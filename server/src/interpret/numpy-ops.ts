// Transfer rules: given abstract arguments, compute the abstract result of one NumPy call, as named by a table entry.
import type { ApiEntry } from "../numpy/table";
import { DTYPE_NAMES } from "../numpy/table";
import * as layout from "../numpy/layout";
import { type ArrayFacts, type Dim, itemSize, sizeOf, type Value, UNKNOWN, OTHER, intValue } from "./domain";

/** Arguments of a call, bound to the entry's parameter names where possible. */
export interface BoundArgs {
  /** The array a method is called on (`a` in `a.reshape(...)`), or null for functions. */
  readonly self: Value | null;
  readonly positional: readonly Value[];
  readonly keywords: ReadonlyMap<string, Value>;
  /** True when `*args`/`**kwargs` made the argument list unknowable. */
  readonly opaque: boolean;
}

/** How a rule describes its result, before the interpreter gives it an identity. */
export type OpResult =
  /** A fresh buffer owned by a new object. */
  | { readonly r: "new"; readonly facts: Partial<ArrayFacts>; readonly fromFile?: boolean; readonly escapedInput?: boolean }
  /** A new object viewing the memory of `source`. */
  | { readonly r: "view"; readonly source: Value; readonly facts: Partial<ArrayFacts> }
  /** The same object as `source`. */
  | { readonly r: "same"; readonly source: Value }
  /** A view of `source` or a copy, decided at run time. */
  | { readonly r: "maybe"; readonly source: Value; readonly facts: Partial<ArrayFacts> }
  /** A list or tuple of views of `source`. */
  | { readonly r: "views"; readonly source: Value; readonly count: number | null; readonly facts: Partial<ArrayFacts>; readonly tuple: boolean }
  /** Not an array (or nothing useful): this value. */
  | { readonly r: "value"; readonly value: Value };

export const arrayOf = (v: Value | undefined): ArrayFacts | null => (v !== undefined && v.t === "array" ? v.a : null);

/** `bound.arg("shape", 0)`: a keyword, else the positional at the index the entry's signature gives. */
export function argument(entry: ApiEntry, args: BoundArgs, name: string): Value | undefined {
  const kw = args.keywords.get(name);
  if (kw !== undefined) return kw;
  const index = entry.params.indexOf(name);
  if (index < 0) return undefined;
  return args.positional[index];
}

/** A shape argument: an int, or a tuple/list of ints (unknown items become null dims). */
export function shapeFromValue(v: Value | undefined): Dim[] | null {
  if (v === undefined) return null;
  if (v.t === "int") return [v.v];
  if ((v.t === "tuple" || v.t === "list") && v.items !== null) {
    const dims: Dim[] = [];
    for (const item of v.items) {
      if (item.t === "int") dims.push(item.v);
      else if (item.t === "unknown" || item.t === "scalar" || (item.t === "array" && !item.a.certain)) dims.push(null);
      else return null;
    }
    return dims;
  }
  return null;
}

/** A dtype argument → NumPy's dtype name; undefined for "not given / None", null for "given but unknown". */
export function dtypeFromValue(v: Value | undefined): string | null | undefined {
  if (v === undefined || v.t === "none") return undefined;
  if (v.t === "dtype") return v.name;
  if (v.t === "str") return null;
  if (v.t === "qname") return DTYPE_NAMES[v.q] ?? null;
  return null;
}

const intArg = (v: Value | undefined): number | null | undefined =>
  v === undefined || v.t === "none" ? undefined : v.t === "int" ? v.v : v.t === "bool" && v.v !== null ? Number(v.v) : null;

const boolArg = (v: Value | undefined): boolean | null | undefined =>
  v === undefined ? undefined : v.t === "bool" ? v.v : v.t === "none" ? undefined : v.t === "int" && v.v !== null ? v.v !== 0 : null;

const orderArg = (v: Value | undefined, fallback: string): string | null => {
  if (v === undefined || v.t === "none") return fallback;
  return null;
};

/** C-contiguous facts for a fresh allocation of `shape`. */
export function freshLayout(shape: readonly Dim[] | null, dtype: string | null, order: "C" | "F" = "C"): Partial<ArrayFacts> {
  const item = itemSize(dtype);
  const known = shape !== null && shape.every((d): d is number => d !== null);
  const strides = known && item !== null ? layout.allocStrides(shape as number[], item, order) : null;
  if (strides !== null && known && item !== null) {
    const flags = layout.contiguity(shape as number[], strides, item);
    return { shape, dtype, strides, c: flags.c, f: flags.f, writeable: true };
  }
  const oneDim = shape !== null && shape.filter((d) => d !== 1).length <= 1;
  return {
    shape,
    dtype,
    strides: null,
    c: order === "C" ? true : oneDim ? true : null,
    f: order === "F" ? true : oneDim ? true : null,
    writeable: true,
  };
}

/** Layout facts of a view with known shape/strides (contiguity recomputed), or partial facts. */
export function viewLayout(base: ArrayFacts, shape: readonly Dim[] | null, strides: readonly Dim[] | null): Partial<ArrayFacts> {
  const item = itemSize(base.dtype);
  if (shape !== null && strides !== null && item !== null && shape.every((d) => d !== null) && strides.every((d) => d !== null)) {
    const flags = layout.contiguity(shape as number[], strides as number[], item);
    return { shape, strides, c: flags.c, f: flags.f };
  }
  return { shape, strides: null, c: null, f: null };
}

/** The full layout when shape and strides are all known. */
export function knownLayout(a: ArrayFacts): layout.Layout | null {
  if (a.shape === null || a.strides === null) return null;
  if (!a.shape.every((d) => d !== null) || !a.strides.every((d) => d !== null)) return null;
  return { shape: a.shape as number[], strides: a.strides as number[], offset: 0 };
}

const fromLayout = (base: ArrayFacts, l: layout.Layout | undefined): Partial<ArrayFacts> | null =>
  l === undefined ? null : viewLayout(base, l.shape, l.strides);

/** Result dtype of `x <op> y` for NumPy 2 (NEP 50: Python scalars are weak); null when not sure. */
export function promote(x: string | null, y: string | null, op: string): string | null {
  if (x === null || y === null) return null;
  const isPy = (d: string) => d.startsWith("py");
  const kindOf = (d: string): "b" | "i" | "u" | "f" | "c" | null =>
    d === "bool" || d === "pybool"
      ? "b"
      : d === "pyint" || /^int/.test(d)
        ? "i"
        : /^uint/.test(d)
          ? "u"
          : d === "pyfloat" || /^float/.test(d)
            ? "f"
            : d === "pycomplex" || /^complex/.test(d)
              ? "c"
              : null;
  if (isPy(x) && isPy(y)) return null;
  const kx = kindOf(x);
  const ky = kindOf(y);
  if (kx === null || ky === null) return null;
  let result: string | null;
  if (isPy(x) || isPy(y)) {
    const arr = isPy(x) ? y : x;
    const karr = isPy(x) ? ky : kx;
    const kpy = isPy(x) ? kx : ky;
    const rank = { b: 0, i: 1, u: 1, f: 2, c: 3 } as const;
    if (rank[kpy] <= rank[karr]) result = arr;
    else if (kpy === "i") result = karr === "b" ? "int64" : arr;
    else if (kpy === "f") result = karr === "c" ? arr : karr === "f" ? arr : "float64";
    else result = karr === "f" && arr === "float32" ? "complex64" : "complex128";
  } else if (x === y) {
    result = x;
  } else {
    const table: Record<string, string> = {
      "bool|int64": "int64",
      "bool|float64": "float64",
      "bool|int32": "int32",
      "bool|float32": "float32",
      "int32|int64": "int64",
      "float32|float64": "float64",
      "int64|float64": "float64",
      "int32|float64": "float64",
      "int64|float32": "float64",
      "int32|float32": "float64",
      "int8|float32": "float32",
      "int16|float32": "float32",
      "uint8|float32": "float32",
      "uint8|float64": "float64",
      "uint8|int64": "int64",
      "float64|complex128": "complex128",
      "float32|complex64": "complex64",
      "float64|complex64": "complex128",
      "int64|complex128": "complex128",
    };
    result = table[`${x}|${y}`] ?? table[`${y}|${x}`] ?? null;
  }
  if (result === null) return null;
  if (op === "/" && (result.startsWith("int") || result.startsWith("uint") || result === "bool")) return "float64";
  if ((op === "-" || op === "+" || op === "*") && result === "bool" && kx === "b" && ky === "b") {
    return op === "-" ? null : "bool";
  }
  if (op === "**" && result === "bool") return "int64";
  if ((op === "//" || op === "%") && result === "bool") return "int8";
  return result;
}

/** The dtype a scalar operand contributes (`pyint` for a Python int, an array's dtype for a NumPy scalar). */
export function operandDtype(v: Value): string | null {
  switch (v.t) {
    case "array":
      return v.a.dtype;
    case "int":
      return "pyint";
    case "float":
      return "pyfloat";
    case "bool":
      return "pybool";
    case "scalar":
      return v.dtype;
    default:
      return null;
  }
}

/** Applies the transfer rule of `entry`. Unknown situations give `UNKNOWN`, never a guess. */
export function applyRule(entry: ApiEntry, args: BoundArgs): OpResult {
  const arg = (name: string) => argument(entry, args, name);
  const first = (): Value | undefined => args.self ?? args.positional[0] ?? args.keywords.get(entry.params[0] ?? "");
  const firstArray = (): ArrayFacts | null => arrayOf(first());
  const unknown: OpResult = { r: "value", value: UNKNOWN };
  if (args.opaque && entry.rule !== "default-rng") return unknown;
  const outKw = args.keywords.get("out");
  if (outKw !== undefined && outKw.t !== "none") {
    // NumPy's convention: a function given out= writes there and returns that very array.
    if (outKw.t === "array") return { r: "same", source: outKw };
    if (outKw.t === "tuple" && outKw.items?.length === 1 && outKw.items[0]?.t === "array") return { r: "same", source: outKw.items[0] };
    return unknown;
  }

  switch (entry.rule) {
    case "create": {
      const shape = shapeFromValue(arg("shape"));
      const dt = dtypeFromValue(arg("dtype"));
      const order = orderArg(arg("order"), "C");
      const dtype = dt === undefined ? (entry.dtype ?? null) : dt;
      // An order= argument (e.g. "F") gives a layout the facts do not claim.
      return { r: "new", facts: order === "C" ? freshLayout(shape, dtype) : { shape, dtype, writeable: true } };
    }
    case "full": {
      const shape = shapeFromValue(arg("shape"));
      const dt = dtypeFromValue(arg("dtype"));
      const fill = arg("fill_value");
      const fillType = fill === undefined ? null : fill.t === "int" ? "int64" : fill.t === "float" ? "float64" : fill.t === "bool" ? "bool" : null;
      return { r: "new", facts: freshLayout(shape, dt === undefined ? fillType : dt) };
    }
    case "like": {
      const proto = first();
      const a = arrayOf(proto);
      const dt = dtypeFromValue(arg("dtype"));
      const shapeArg = arg("shape");
      const shape = shapeArg !== undefined && shapeArg.t !== "none" ? shapeFromValue(shapeArg) : a !== null ? a.shape : null;
      const dtype = dt === undefined ? (a?.dtype ?? null) : dt;
      if (a === null || !a.certain) return { r: "new", facts: { shape: null, dtype: null, writeable: true } };
      const facts = freshLayout(shape, dtype);
      // order='K' keeps the prototype's layout: only a C-contiguous prototype gives a known C layout.
      return { r: "new", facts: a.c === true && arg("order") === undefined ? facts : { ...facts, strides: null, c: null, f: null } };
    }
    case "arange": {
      const vals = [arg("start"), arg("stop"), arg("step")].filter((v): v is Value => v !== undefined && v.t !== "none");
      const dt = dtypeFromValue(arg("dtype"));
      const allInt = vals.every((v) => v.t === "int");
      const allKnown = vals.every((v) => (v.t === "int" || v.t === "float") && v.v !== null);
      let length: Dim = null;
      if (allKnown && vals.length > 0) {
        const nums = vals.map((v) => (v.t === "int" || v.t === "float" ? (v.v ?? 0) : 0));
        const [start, stop, step] = nums.length === 1 ? [0, nums[0] ?? 0, 1] : [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 1];
        if (step !== 0) length = Math.max(0, Math.ceil((stop - start) / step));
        if (!allInt) length = null;
      }
      const dtype = dt === undefined ? (allInt ? "int64" : vals.some((v) => v.t === "float") ? "float64" : null) : dt;
      return { r: "new", facts: freshLayout([length], dtype) };
    }
    case "linspace": {
      const num = intArg(arg("num"));
      const dt = dtypeFromValue(args.keywords.get("dtype"));
      const retstep = boolArg(args.keywords.get("retstep"));
      if (retstep !== undefined && retstep !== false) return unknown;
      return { r: "new", facts: freshLayout([num === undefined ? 50 : num], dt === undefined ? "float64" : dt) };
    }
    case "eye": {
      const n = intArg(first());
      const m = entry.name === "numpy.eye" ? intArg(arg("M")) : undefined;
      const dt = dtypeFromValue(arg("dtype"));
      const rows = n === undefined ? null : n;
      return { r: "new", facts: freshLayout([rows, m === undefined ? rows : m], dt === undefined ? "float64" : dt) };
    }
    case "random-dims": {
      if (args.positional.length === 0 && args.keywords.size === 0) return { r: "value", value: { t: "float", v: null } };
      const dims = args.positional.map((v) => intArg(v));
      if (dims.some((d) => d === undefined)) return unknown;
      return { r: "new", facts: freshLayout(dims as Dim[], "float64") };
    }
    case "random-size": {
      const size = arg("size");
      let dtype = entry.dtype ?? null;
      const dt = dtypeFromValue(args.keywords.get("dtype"));
      if (dt !== undefined) dtype = dt;
      if (entry.name.endsWith(".choice")) {
        const pool = arg("a");
        dtype = pool?.t === "int" ? "int64" : (arrayOf(pool)?.dtype ?? null);
      }
      if (size === undefined || size.t === "none") {
        // Without size= these return one Python/NumPy scalar, unless a parameter is itself an array (broadcast).
        const params = [...args.positional, ...args.keywords.values()];
        if (params.some((p) => p.t === "array" || p.t === "list" || p.t === "tuple" || p.t === "unknown")) return unknown;
        return { r: "value", value: { t: "scalar", dtype } };
      }
      return { r: "new", facts: freshLayout(shapeFromValue(size), dtype) };
    }
    case "default-rng":
      return { r: "value", value: { t: "qname", q: "Generator" } };
    case "load": {
      const mmap = arg("mmap_mode");
      if (mmap !== undefined && mmap.t !== "none") return unknown;
      // NOTE: np.load may return an NpzFile for .npz archives; a literal .npy path is needed to call it an array.
      return { r: "new", facts: { shape: null, dtype: null, strides: null, c: null, f: null, writeable: true }, fromFile: true };
    }
    case "fromfile": {
      const dt = dtypeFromValue(arg("dtype"));
      return { r: "new", facts: freshLayout([null], dt === undefined ? "float64" : dt), fromFile: true };
    }
    case "loadtxt": {
      const dt = dtypeFromValue(arg("dtype"));
      return {
        r: "new",
        facts: { shape: null, dtype: dt === undefined ? "float64" : dt, strides: null, c: null, f: null, writeable: true },
        fromFile: true,
      };
    }
    case "frombuffer": {
      const buffer = first();
      const dt = dtypeFromValue(arg("dtype"));
      const dtype = dt === undefined ? "float64" : dt;
      const writeable = buffer?.t === "bytes" ? buffer.mutable : null;
      if (buffer?.t === "array") return unknown;
      return {
        r: "new",
        facts: { ...freshLayout([null], dtype), writeable },
        escapedInput: true,
      };
    }
    case "array":
    case "asarray": {
      const input = first();
      const dt = dtypeFromValue(arg("dtype"));
      const copyArg = args.keywords.get("copy");
      const copy = entry.rule === "array" ? (copyArg === undefined ? true : boolArg(copyArg)) : copyArg === undefined ? undefined : boolArg(copyArg);
      const ndmin = args.keywords.get("ndmin");
      const order = args.keywords.get("order") ?? (entry.rule === "asarray" ? arg("order") : undefined);
      if (input === undefined) return unknown;
      const a = arrayOf(input);
      if (a !== null && a.certain) {
        const sameDtype = dt === undefined || (dt !== null && dt === a.dtype);
        const orderOk = order === undefined || order.t === "none";
        if (copy === true) {
          return {
            r: "new",
            facts: { ...freshLayout(a.shape, dt === undefined ? a.dtype : dt), ...(a.c === true ? {} : { strides: null, c: null, f: null }) },
          };
        }
        if (ndmin !== undefined || !orderOk) return { r: "maybe", source: input, facts: { shape: null, dtype: dt ?? a.dtype } };
        if (sameDtype && dt === undefined) return { r: "same", source: input };
        if (dt !== undefined && dt !== null && a.dtype !== null && dt !== a.dtype) {
          return copy === false ? unknown : { r: "new", facts: freshLayout(a.shape, dt) };
        }
        return { r: "maybe", source: input, facts: { shape: a.shape, dtype: dt ?? a.dtype } };
      }
      if (input.t === "list" || input.t === "tuple" || input.t === "int" || input.t === "float" || input.t === "bool") {
        if (copy === false) return unknown;
        const shape = literalShape(input);
        const dtype = dt !== undefined ? dt : literalDtype(input);
        return { r: "new", facts: freshLayout(shape, dtype) };
      }
      if (input.t === "array" || input.t === "unknown") {
        if (copy === true) return { r: "new", facts: { shape: null, dtype: dt ?? null, writeable: true, strides: null, c: null, f: null } };
        return { r: "maybe", source: input, facts: { shape: null, dtype: dt ?? null } };
      }
      return unknown;
    }
    case "ascontiguous":
    case "asfortran": {
      const input = first();
      const a = arrayOf(input);
      const dt = dtypeFromValue(arg("dtype"));
      const want = entry.rule === "ascontiguous" ? "C" : "F";
      if (input === undefined) return unknown;
      if (a === null || !a.certain) {
        if (input.t === "list" || input.t === "tuple") {
          return { r: "new", facts: freshLayout(literalShape(input), dt ?? literalDtype(input), want) };
        }
        return { r: "maybe", source: input, facts: { shape: null, dtype: dt ?? null } };
      }
      if (dt !== undefined && dt !== a.dtype) return dt === null ? unknown : { r: "new", facts: freshLayout(a.shape, dt, want) };
      const flag = want === "C" ? a.c : a.f;
      if (a.shape !== null && a.shape.length === 0) {
        return entry.rule === "ascontiguous" ? { r: "new", facts: freshLayout([1], a.dtype) } : { r: "maybe", source: input, facts: {} };
      }
      if (flag === true) return { r: "same", source: input };
      if (flag === false) return { r: "new", facts: freshLayout(a.shape, a.dtype, want) };
      return { r: "maybe", source: input, facts: { shape: a.shape, dtype: a.dtype } };
    }
    case "copy": {
      const a = firstArray();
      if (a === null || !a.certain) return unknown;
      const isMethod = args.self !== null;
      const order = arg("order");
      if (order !== undefined && order.t !== "none") return { r: "new", facts: { shape: a.shape, dtype: a.dtype, writeable: true } };
      // a.copy() is C-ordered; np.copy(a) keeps the layout (order='K').
      const facts =
        isMethod || a.c === true
          ? freshLayout(a.shape, a.dtype)
          : a.f === true
            ? freshLayout(a.shape, a.dtype, "F")
            : { shape: a.shape, dtype: a.dtype, writeable: true };
      return { r: "new", facts };
    }
    case "view": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const dt = dtypeFromValue(arg("dtype"));
      if (dt === undefined) return { r: "view", source: input, facts: { shape: a.shape, strides: a.strides, c: a.c, f: a.f } };
      const same = dt !== null && itemSize(dt) === itemSize(a.dtype);
      return {
        r: "view",
        source: input,
        facts: same ? { dtype: dt, shape: a.shape, strides: a.strides, c: a.c, f: a.f } : { dtype: dt, shape: null, strides: null, c: null, f: null },
      };
    }
    case "reshape":
      return reshapeRule(entry, args);
    case "ravel":
      return ravelRule(entry, args);
    case "flatten": {
      const a = firstArray();
      if (a === null) return unknown;
      return { r: "new", facts: freshLayout([sizeOf(a.shape)], a.dtype) };
    }
    case "transpose": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const axesValue =
        arg("axes") ??
        (args.self !== null && args.positional.length > 1
          ? ({ t: "tuple", items: args.positional } as Value)
          : args.positional.length === 1 && args.self !== null
            ? args.positional[0]
            : undefined);
      const axes = axesValue === undefined || axesValue.t === "none" ? undefined : shapeFromValue(axesValue);
      if (axes !== undefined && (axes === null || axes.some((x) => x === null))) return { r: "view", source: input, facts: { shape: null } };
      if (entry.name.endsWith("mT") || entry.name.endsWith("matrix_transpose")) {
        if (a.shape === null) return { r: "view", source: input, facts: { shape: null } };
        const n = a.shape.length;
        if (n < 2) return unknown;
        const perm = [...Array(n).keys()];
        perm[n - 1] = n - 2;
        perm[n - 2] = n - 1;
        return permuteView(input, a, perm);
      }
      if (a.shape === null) return { r: "view", source: input, facts: { shape: null, c: a.f, f: a.c } };
      const perm = axes === undefined ? [...Array(a.shape.length).keys()].reverse() : (axes as number[]).map((x) => (x < 0 ? x + a.shape!.length : x));
      return permuteView(input, a, perm);
    }
    case "swapaxes": {
      const input = first();
      const a = firstArray();
      const i = intArg(arg("axis1"));
      const j = intArg(arg("axis2"));
      if (a === null || input === undefined) return unknown;
      if (a.shape === null || i === undefined || j === undefined || i === null || j === null) return { r: "view", source: input, facts: { shape: null } };
      const n = a.shape.length;
      const ii = i < 0 ? i + n : i;
      const jj = j < 0 ? j + n : j;
      if (ii < 0 || ii >= n || jj < 0 || jj >= n) return unknown;
      const perm = [...Array(n).keys()];
      perm[ii] = jj;
      perm[jj] = ii;
      return permuteView(input, a, perm);
    }
    case "moveaxis": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const src = shapeFromValue(arg("source"));
      const dst = shapeFromValue(arg("destination"));
      const l = knownLayout(a);
      if (l !== null && src !== null && dst !== null && src.every((x) => x !== null) && dst.every((x) => x !== null)) {
        const moved = layout.moveaxis(l, src as number[], dst as number[]);
        const facts = fromLayout(a, moved);
        if (facts !== null) return { r: "view", source: input, facts };
      }
      return { r: "view", source: input, facts: { shape: a.shape === null ? null : a.shape.map(() => null) } };
    }
    case "squeeze": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const axisValue = arg("axis");
      const l = knownLayout(a);
      if (l !== null) {
        const axes = axisValue === undefined || axisValue.t === "none" ? undefined : shapeFromValue(axisValue);
        if (axes === null || (axes !== undefined && axes.some((x) => x === null))) return { r: "view", source: input, facts: { shape: null } };
        const squeezed = layout.squeeze(l, axes as number[] | undefined);
        const facts = fromLayout(a, squeezed);
        if (facts !== null) return { r: "view", source: input, facts };
        return unknown;
      }
      return { r: "view", source: input, facts: { shape: null } };
    }
    case "expand-dims": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const axes = shapeFromValue(arg("axis"));
      const l = knownLayout(a);
      const item = itemSize(a.dtype);
      if (l !== null && item !== null && axes !== null && axes.every((x) => x !== null)) {
        const facts = fromLayout(a, layout.expandDims(l, axes as number[], item));
        if (facts !== null) return { r: "view", source: input, facts };
      }
      return { r: "view", source: input, facts: { shape: a.shape === null || axes === null ? null : [...a.shape, ...axes].map(() => null) } };
    }
    case "atleast": {
      if (args.positional.length !== 1) return unknown;
      const input = first();
      const a = firstArray();
      const want = entry.arg ?? 1;
      if (input === undefined) return unknown;
      if (a === null || !a.certain) {
        if (input.t === "list" || input.t === "tuple" || input.t === "int" || input.t === "float") return unknown;
        return { r: "maybe", source: input, facts: {} };
      }
      if (a.shape === null) return { r: "maybe", source: input, facts: {} };
      if (a.shape.length >= want) return { r: "same", source: input };
      const n = a.shape.length;
      let shape: Dim[];
      if (want === 1) shape = [1];
      else if (want === 2) shape = n === 0 ? [1, 1] : [1, ...a.shape];
      else shape = n === 0 ? [1, 1, 1] : n === 1 ? [1, a.shape[0] ?? null, 1] : [...a.shape, 1];
      return { r: "view", source: input, facts: { shape, strides: null, c: null, f: null } };
    }
    case "broadcast-to": {
      const input = first();
      const a = firstArray();
      const shape = shapeFromValue(arg("shape"));
      if (a === null || input === undefined || !a.certain) return unknown;
      const l = knownLayout(a);
      if (l !== null && shape !== null && shape.every((d) => d !== null)) {
        const facts = fromLayout(a, layout.broadcastTo(l, shape as number[]));
        if (facts !== null) return { r: "view", source: input, facts: { ...facts, writeable: false } };
      }
      return { r: "view", source: input, facts: { shape, strides: null, c: null, f: null, writeable: false } };
    }
    case "broadcast-arrays":
      return unknown;
    case "astype": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const dt = dtypeFromValue(arg("dtype"));
      const copy = boolArg(arg("copy"));
      if (dt === undefined) return unknown;
      const order = arg("order");
      if (copy === false && order !== undefined && order.t !== "none") return { r: "maybe", source: input, facts: { shape: a.shape, dtype: dt } };
      if (copy === false) {
        if (dt !== null && a.dtype !== null && dt === a.dtype) return { r: "same", source: input };
        if (dt !== null && a.dtype !== null && dt !== a.dtype && a.c === true) return { r: "new", facts: freshLayout(a.shape, dt) };
        return { r: "maybe", source: input, facts: { shape: a.shape, dtype: dt } };
      }
      if (copy === null) return { r: "maybe", source: input, facts: { shape: a.shape, dtype: dt } };
      // order='K' keeps the layout: only a C-contiguous source gives a known layout.
      return { r: "new", facts: a.c === true ? freshLayout(a.shape, dt) : { shape: a.shape, dtype: dt, writeable: true } };
    }
    case "conj": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || a.dtype === null || !a.certain) return unknown;
      // ndarray.conj() of a real array returns the array itself; of a complex array, a new array.
      if (a.dtype.startsWith("complex"))
        return { r: "new", facts: a.c === true ? freshLayout(a.shape, a.dtype) : { shape: a.shape, dtype: a.dtype, writeable: true } };
      return { r: "same", source: input };
    }
    case "real":
    case "imag": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || a.dtype === null || !a.certain) return unknown;
      const complex = a.dtype.startsWith("complex");
      const part = a.dtype === "complex64" ? "float32" : a.dtype === "complex128" ? "float64" : null;
      if (complex) {
        const strides = a.strides;
        return { r: "view", source: input, facts: { dtype: part, shape: a.shape, strides, ...viewLayout({ ...a, dtype: part }, a.shape, strides) } };
      }
      if (entry.rule === "real") return { r: "same", source: input };
      return { r: "new", facts: { ...freshLayout(a.shape, a.dtype), writeable: false } };
    }
    case "diagonal": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const off = intArg(arg("offset"));
      const l = knownLayout(a);
      if (l !== null && off !== null && arg("axis1") === undefined && arg("axis2") === undefined) {
        const facts = fromLayout(a, layout.diagonal(l, off ?? 0));
        if (facts !== null) return { r: "view", source: input, facts: { ...facts, writeable: false } };
      }
      return { r: "view", source: input, facts: { shape: null, strides: null, c: null, f: null, writeable: false } };
    }
    case "diag": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || a.shape === null || !a.certain) return unknown;
      if (a.shape.length === 2) {
        const k = intArg(arg("k"));
        const l = knownLayout(a);
        if (l !== null && k !== null) {
          const facts = fromLayout(a, layout.diagonal(l, k ?? 0));
          if (facts !== null) return { r: "view", source: input, facts: { ...facts, writeable: false } };
        }
        return { r: "view", source: input, facts: { shape: [null], strides: null, c: null, f: null, writeable: false } };
      }
      if (a.shape.length === 1) {
        const k = intArg(arg("k")) ?? 0;
        const n = a.shape[0] ?? null;
        const side = n === null || k === null ? null : n + Math.abs(k);
        return { r: "new", facts: freshLayout([side, side], a.dtype) };
      }
      return unknown;
    }
    case "flip": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const l = knownLayout(a);
      let axes: number[] | undefined;
      if (entry.arg !== undefined) axes = [entry.arg];
      else {
        const axisValue = arg("axis");
        if (axisValue !== undefined && axisValue.t !== "none") {
          const parsed = shapeFromValue(axisValue);
          if (parsed === null || parsed.some((x) => x === null))
            return { r: "view", source: input, facts: { shape: a.shape, strides: null, c: null, f: null } };
          axes = parsed as number[];
        }
      }
      if (l !== null) {
        const facts = fromLayout(a, layout.flip(l, axes));
        if (facts !== null) return { r: "view", source: input, facts };
        return unknown;
      }
      return { r: "view", source: input, facts: { shape: a.shape, strides: null, c: null, f: null } };
    }
    case "rot90": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined) return unknown;
      const k = intArg(arg("k"));
      const l = knownLayout(a);
      if (l !== null && arg("axes") === undefined && l.shape.length >= 2 && k !== null) {
        const turns = (((k ?? 1) % 4) + 4) % 4;
        let cur: layout.Layout | undefined = l;
        const n = l.shape.length;
        const swap = [...Array(n).keys()];
        swap[0] = 1;
        swap[1] = 0;
        if (turns === 1) cur = layout.transpose(layout.flip(l, [1]) ?? l, swap);
        else if (turns === 2) cur = layout.flip(l, [0, 1]);
        else if (turns === 3) cur = layout.flip(layout.transpose(l, swap) ?? l, [1]);
        const facts = fromLayout(a, cur);
        if (facts !== null) return { r: "view", source: input, facts };
      }
      return { r: "view", source: input, facts: { shape: null, strides: null, c: null, f: null } };
    }
    case "split": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || !a.certain) return unknown;
      const sections = arg("indices_or_sections");
      const count =
        sections?.t === "int" ? sections.v : (sections?.t === "list" || sections?.t === "tuple") && sections.items !== null ? sections.items.length + 1 : null;
      return {
        r: "views",
        source: input,
        count,
        facts: { shape: a.shape === null ? null : a.shape.map(() => null), strides: null, c: null, f: null },
        tuple: false,
      };
    }
    case "concatenate":
    case "stack":
    case "new-array":
    case "unique":
    case "cumulative": {
      const a = firstArray();
      const dt = dtypeFromValue(args.keywords.get("dtype"));
      if (entry.rule === "unique" && [...args.keywords.keys()].some((k) => k.startsWith("return_"))) return unknown;
      if (entry.rule === "new-array" && first()?.t === "int") return unknown;
      if (entry.name === "numpy.diff") {
        // np.diff(a, n=0) returns `a` itself.
        const n = arg("n");
        if (n !== undefined && !(n.t === "int" && n.v !== null && n.v >= 1)) return unknown;
      }
      const out = args.keywords.get("out");
      if (out !== undefined && out.t !== "none") return out.t === "array" ? { r: "same", source: out } : unknown;
      if (entry.rule === "cumulative") {
        const axis = arg("axis");
        const shape = a === null ? null : axis === undefined || axis.t === "none" ? [sizeOf(a.shape)] : a.shape;
        return { r: "new", facts: freshLayout(shape, dt ?? (a?.dtype === "bool" || a?.dtype === "int32" ? null : (a?.dtype ?? null))) };
      }
      const dtype = entry.rule === "concatenate" || entry.rule === "stack" ? null : (a?.dtype ?? null);
      return { r: "new", facts: { shape: entry.rule === "unique" ? [null] : null, dtype, strides: null, c: null, f: null, writeable: true } };
    }
    case "where": {
      if (args.positional.length === 1) return { r: "value", value: { t: "tuple", items: null } };
      if (args.positional.length !== 3) return unknown;
      const shapes = args.positional.map((v) => (v.t === "array" ? v.a.shape : v.t === "int" || v.t === "float" || v.t === "bool" ? [] : null));
      const shape = shapes.every((s) => s !== null) ? layout.broadcastShapes(shapes as Dim[][]) : null;
      if (shape === "error") return unknown;
      if (shape !== null && shape.length === 0) return unknown;
      return { r: "new", facts: { ...freshLayout(shape, null), dtype: null } };
    }
    case "sort-function": {
      const a = firstArray();
      if (a === null || !a.certain) return unknown;
      const axis = arg("axis");
      const dtype = entry.dtype ?? a.dtype;
      if (axis !== undefined && axis.t === "none") return { r: "new", facts: freshLayout([sizeOf(a.shape)], dtype) };
      return {
        r: "new",
        facts: a.c === true || (a.shape !== null && a.shape.length <= 1) ? freshLayout(a.shape, dtype) : { shape: a.shape, dtype, writeable: true },
      };
    }
    case "in-place":
      return { r: "value", value: { t: "none" } };
    case "reduce":
    case "arg-reduce": {
      const a = firstArray();
      if (a === null || !a.certain) return unknown;
      const out = args.keywords.get("out");
      if (out !== undefined && out.t !== "none") return out.t === "array" ? { r: "same", source: out } : unknown;
      const axis = arg("axis");
      const keepdims = boolArg(args.keywords.get("keepdims"));
      const dtype = entry.rule === "arg-reduce" ? "int64" : reduceDtype(entry.name, a.dtype, dtypeFromValue(args.keywords.get("dtype")));
      if (keepdims === true) {
        return {
          r: "new",
          facts: freshLayout(a.shape === null ? null : axis === undefined || axis.t === "none" ? a.shape.map(() => 1) : a.shape.map(() => null), dtype),
        };
      }
      if (keepdims === null) return unknown;
      if (axis === undefined || axis.t === "none") return { r: "value", value: { t: "scalar", dtype } };
      if (a.shape === null) return unknown;
      const axes = shapeFromValue(axis);
      if (axes === null || axes.some((x) => x === null)) return unknown;
      const n = a.shape.length;
      const drop = new Set((axes as number[]).map((x) => (x < 0 ? x + n : x)));
      const shape = a.shape.filter((_, i) => !drop.has(i));
      if (shape.length === 0) return { r: "value", value: { t: "scalar", dtype } };
      return { r: "new", facts: freshLayout(shape, dtype) };
    }
    case "tolist": {
      const a = firstArray();
      if (a === null || !a.certain || a.shape === null) return { r: "value", value: OTHER };
      return { r: "value", value: a.shape.length === 0 ? OTHER : { t: "list", items: null } };
    }
    case "item": {
      const a = firstArray();
      if (a === null || !a.certain) return unknown;
      const d = a.dtype;
      const v: Value =
        d === null
          ? OTHER
          : d.startsWith("int") || d.startsWith("uint")
            ? intValue(null)
            : d.startsWith("float")
              ? { t: "float", v: null }
              : d === "bool"
                ? { t: "bool", v: null }
                : OTHER;
      return { r: "value", value: v };
    }
    case "shape-of": {
      const a = firstArray();
      if (a === null || a.shape === null) return { r: "value", value: { t: "tuple", items: null } };
      return { r: "value", value: { t: "tuple", items: a.shape.map((d) => intValue(d)) } };
    }
    case "ufunc-unary":
    case "ufunc-binary":
    case "ufunc-compare":
      return ufuncRule(entry, args);
    case "sliding-window-view": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || !a.certain) return unknown;
      const writeable = boolArg(args.keywords.get("writeable"));
      return {
        r: "view",
        source: input,
        facts: { shape: null, strides: null, c: null, f: null, writeable: writeable === true ? a.writeable : writeable === null ? null : false },
      };
    }
    case "as-strided": {
      const input = first();
      const a = firstArray();
      if (a === null || input === undefined || !a.certain) return unknown;
      const writeable = boolArg(arg("writeable"));
      const shape = shapeFromValue(arg("shape"));
      return {
        r: "view",
        source: input,
        facts: { shape: shape ?? a.shape, strides: null, c: null, f: null, writeable: writeable === false ? false : writeable === null ? null : a.writeable },
      };
    }
  }
}

function reduceDtype(name: string, dtype: string | null, given: string | null | undefined): string | null {
  if (given !== undefined) return given;
  const fn = name.slice(name.lastIndexOf(".") + 1);
  if (fn === "any" || fn === "all") return "bool";
  if (dtype === null) return null;
  if (fn === "mean" || fn === "std" || fn === "var" || fn === "median" || fn === "nanmean") {
    return dtype.startsWith("int") || dtype.startsWith("uint") || dtype === "bool" ? "float64" : dtype;
  }
  if (fn === "sum" || fn === "prod" || fn === "nansum") {
    return dtype === "bool" || dtype === "int8" || dtype === "int16" || dtype === "int32"
      ? "int64"
      : dtype.startsWith("uint") && dtype !== "uint64"
        ? "uint64"
        : dtype;
  }
  return dtype;
}

function permuteView(input: Value, a: ArrayFacts, perm: readonly number[]): OpResult {
  if (a.shape === null || perm.length !== a.shape.length || new Set(perm).size !== perm.length || perm.some((p) => p < 0 || p >= perm.length)) {
    return { r: "view", source: input, facts: { shape: null } };
  }
  const shape = perm.map((p) => a.shape![p] ?? null);
  const strides = a.strides === null ? null : perm.map((p) => a.strides![p] ?? null);
  const full = viewLayout(a, shape, strides);
  if (full.strides !== null && full.strides !== undefined) return { r: "view", source: input, facts: full };
  // Without strides: a full reversal swaps C and F contiguity; other permutations lose it.
  const reversed = perm.every((p, i) => p === perm.length - 1 - i);
  const identity = perm.every((p, i) => p === i);
  return {
    r: "view",
    source: input,
    facts: { shape, strides: null, c: identity ? a.c : reversed ? a.f : null, f: identity ? a.f : reversed ? a.c : null },
  };
}

function reshapeRule(entry: ApiEntry, args: BoundArgs): OpResult {
  void entry;
  const input = args.self ?? args.positional[0];
  const a = arrayOf(input);
  if (a === null || input === undefined) return { r: "value", value: UNKNOWN };
  const isMethod = args.self !== null;
  let shapeValue: Value | undefined = args.keywords.get("shape") ?? args.keywords.get("newshape");
  if (shapeValue === undefined) {
    const rest = isMethod ? args.positional : args.positional.slice(1);
    if (isMethod && rest.length > 1) shapeValue = { t: "tuple", items: rest.filter((v) => v.t === "int" || v.t === "unknown") };
    else shapeValue = rest[0];
  }
  const orderValue = args.keywords.get("order") ?? (isMethod ? undefined : args.positional[2]);
  const copyValue = args.keywords.get("copy");
  if (copyValue !== undefined && copyValue.t !== "none") return { r: "value", value: UNKNOWN };
  const order = orderValue === undefined ? "C" : orderValue.t === "str" ? null : null;
  const requested = shapeFromValue(shapeValue);
  if (requested === null || order === null) return { r: "maybe", source: input, facts: { shape: null, dtype: a.dtype } };
  const size = sizeOf(a.shape);
  let newShape: Dim[] = requested;
  if (size !== null && requested.every((d) => d !== null)) {
    const resolved = layout.resolveShape(size, requested as number[]);
    if (resolved === undefined) return { r: "value", value: UNKNOWN };
    newShape = resolved;
  } else if (requested.some((d) => d !== null && d < 0)) {
    newShape = requested.map((d) => (d !== null && d < 0 ? null : d));
  }
  const l = knownLayout(a);
  const item = itemSize(a.dtype);
  if (l !== null && item !== null && newShape.every((d) => d !== null)) {
    const strides = layout.noCopyReshape({ shape: l.shape, strides: l.strides, newShape: newShape as number[], order: "C", itemsize: item });
    if (strides !== undefined) return { r: "view", source: input, facts: viewLayout(a, newShape, strides) };
    return { r: "new", facts: freshLayout(newShape, a.dtype) };
  }
  if (a.c === true) {
    return { r: "view", source: input, facts: { ...freshLayout(newShape, a.dtype), writeable: undefined } };
  }
  return { r: "maybe", source: input, facts: { shape: newShape, dtype: a.dtype } };
}

function ravelRule(entry: ApiEntry, args: BoundArgs): OpResult {
  const input = args.self ?? args.positional[0];
  const a = arrayOf(input);
  if (a === null || input === undefined) return { r: "value", value: UNKNOWN };
  const orderValue = args.keywords.get("order") ?? (args.self !== null ? args.positional[0] : args.positional[1]);
  const order = orderValue === undefined ? "C" : null;
  const size = sizeOf(a.shape);
  if (order === null) return { r: "maybe", source: input, facts: { shape: [size], dtype: a.dtype } };
  const l = knownLayout(a);
  const item = itemSize(a.dtype);
  if (l !== null && item !== null) {
    const strides = layout.ravelStrides({ shape: l.shape, strides: l.strides, order: "C", itemsize: item });
    if (strides !== undefined) return { r: "view", source: input, facts: viewLayout(a, [size], strides) };
    return { r: "new", facts: freshLayout([size], a.dtype) };
  }
  if (a.c === true) return { r: "view", source: input, facts: { ...freshLayout([size], a.dtype), writeable: undefined } };
  if (a.c === false) return { r: "new", facts: freshLayout([size], a.dtype) };
  void entry;
  return { r: "maybe", source: input, facts: { shape: [size], dtype: a.dtype } };
}

function ufuncRule(entry: ApiEntry, args: BoundArgs): OpResult {
  const out = args.keywords.get("out") ?? (entry.params.includes("out") ? argument(entry, args, "out") : undefined);
  if (out !== undefined && out.t !== "none") {
    if (out.t === "array") return { r: "same", source: out };
    if (out.t === "tuple" && out.items?.length === 1 && out.items[0]?.t === "array") return { r: "same", source: out.items[0] };
    return { r: "value", value: UNKNOWN };
  }
  const copyKw = args.keywords.get("copy");
  if (copyKw !== undefined && !(copyKw.t === "bool" && copyKw.v === true)) return { r: "value", value: UNKNOWN };
  const operands: Value[] = [];
  if (args.self !== null) operands.push(args.self);
  const arity = entry.rule === "ufunc-unary" ? 1 : 2;
  for (const v of args.positional) if (operands.length < arity) operands.push(v);
  if (operands.length === 0) return { r: "value", value: UNKNOWN };
  const name = entry.name.slice(entry.name.lastIndexOf(".") + 1);
  if (["dot", "matmul", "outer"].includes(name)) {
    if (!operands.every((v) => v.t === "array" && v.a.certain)) return { r: "value", value: UNKNOWN };
    const ranks = operands.map((v) => (v.t === "array" && v.a.shape !== null ? v.a.shape.length : null));
    if (name === "outer") return { r: "new", facts: { shape: [null, null], dtype: null, writeable: true } };
    if (ranks.some((r) => r === null || r < 2)) return { r: "value", value: UNKNOWN };
    return { r: "new", facts: { shape: null, dtype: null, writeable: true } };
  }
  const result = elementwise(operands, entry.rule === "ufunc-compare" ? "bool" : undefined, name);
  const extra = [...args.keywords.keys()].filter((k) => k !== "out");
  if (extra.length > 0 && result.r === "new") {
    // dtype=, where=, casting=, order= change the result's dtype or layout: keep only what is certain.
    const dt = dtypeFromValue(args.keywords.get("dtype"));
    return { r: "new", facts: { shape: result.facts.shape ?? null, dtype: extra.length === 1 && dt !== undefined ? dt : null, writeable: true } };
  }
  if (extra.length > 0 && result.r === "value" && result.value.t === "scalar") return { r: "value", value: { t: "scalar", dtype: null } };
  return result;
}

/** Result of an elementwise operation (ufunc or operator) with broadcasting; a scalar when every operand is 0-d. */
export function elementwise(operands: readonly Value[], fixedDtype: string | undefined, op: string): OpResult {
  if (!operands.some((v) => v.t === "array")) return { r: "value", value: UNKNOWN };
  if (operands.some((v) => v.t === "array" && !v.a.certain)) return { r: "value", value: UNKNOWN };
  const shapes: (readonly Dim[] | null)[] = operands.map((v) =>
    v.t === "array" ? v.a.shape : v.t === "int" || v.t === "float" || v.t === "bool" || v.t === "scalar" ? [] : null,
  );
  if (shapes.some((s) => s === null)) {
    return { r: "new", facts: { shape: null, dtype: null, writeable: true } };
  }
  const shape = layout.broadcastShapes(shapes as Dim[][]);
  if (shape === "error") return { r: "value", value: UNKNOWN };
  let dtype: string | null = fixedDtype ?? null;
  if (fixedDtype === undefined) {
    const dts = operands.map(operandDtype);
    dtype = dts[0] ?? null;
    const opSymbol = op === "divide" || op === "true_divide" ? "/" : op;
    for (let i = 1; i < dts.length; i++) dtype = promote(dtype, dts[i] ?? null, opSymbol);
    if (dts.length === 1 && dtype !== null && !dtype.startsWith("py")) dtype = unaryDtype(op, dtype);
    else if (dts.length === 1) dtype = null;
  }
  if (shape.length === 0) return { r: "value", value: { t: "scalar", dtype } };
  const allOperandsContiguous = operands.every((v) => v.t !== "array" || (v.a.c === true && v.a.shape?.length === shape.length));
  return { r: "new", facts: allOperandsContiguous ? freshLayout(shape, dtype) : { shape, dtype, writeable: true } };
}

function unaryDtype(op: string, dtype: string): string | null {
  const floaty = [
    "sqrt",
    "exp",
    "log",
    "log2",
    "log10",
    "log1p",
    "expm1",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "cbrt",
    "deg2rad",
    "rad2deg",
  ];
  if (["isnan", "isinf", "isfinite", "logical_not"].includes(op)) return "bool";
  const intLike = dtype.startsWith("int") || dtype.startsWith("uint") || dtype === "bool";
  if (floaty.includes(op))
    return intLike
      ? dtype === "int8" || dtype === "uint8" || dtype === "bool"
        ? "float16"
        : dtype === "int16" || dtype === "uint16"
          ? "float32"
          : "float64"
      : dtype;
  if (op === "reciprocal" || op === "floor" || op === "ceil" || op === "trunc" || op === "rint") return intLike ? null : dtype;
  if (op === "abs" || op === "absolute" || op === "fabs")
    return dtype.startsWith("complex") ? (dtype === "complex64" ? "float32" : "float64") : op === "fabs" && intLike ? null : dtype;
  if (op === "negative" && dtype === "bool") return null;
  if (
    op === "sign" ||
    op === "square" ||
    op === "positive" ||
    op === "negative" ||
    op === "round" ||
    op === "around" ||
    op === "clip" ||
    op === "triu" ||
    op === "tril" ||
    op === "nan_to_num" ||
    op === "conj" ||
    op === "conjugate"
  )
    return dtype;
  if (op === "invert") return dtype.startsWith("float") ? null : dtype;
  return null;
}

/** Shape of a nested list/tuple literal (`[[1, 2], [3, 4]]` → [2, 2]); null when ragged or unknown. */
export function literalShape(v: Value): Dim[] | null {
  if (v.t === "int" || v.t === "float" || v.t === "bool") return [];
  if ((v.t === "list" || v.t === "tuple") && v.items !== null) {
    if (v.items.length === 0) return [0];
    const inner = v.items.map(literalShape);
    const firstInner = inner[0];
    if (firstInner === null || firstInner === undefined) return null;
    for (const s of inner) if (s === null || s.length !== firstInner.length || s.some((d, i) => d !== firstInner[i])) return null;
    return [v.items.length, ...firstInner];
  }
  return null;
}

/** dtype NumPy infers from a literal: all bools → bool, ints → int64, any float → float64. */
export function literalDtype(v: Value): string | null {
  const kinds = new Set<string>();
  const walk = (x: Value): boolean => {
    if (x.t === "int" || x.t === "float" || x.t === "bool") {
      kinds.add(x.t);
      return true;
    }
    if ((x.t === "list" || x.t === "tuple") && x.items !== null) return x.items.every(walk);
    return false;
  };
  if (!walk(v)) return null;
  if (kinds.size === 0) return "float64";
  if (kinds.has("float")) return "float64";
  if (kinds.has("int")) return "int64";
  return "bool";
}

// NumPy API knowledge as data: one entry per function or method, naming its result kind and the transfer rule that computes it.

/**
 * What a call gives back, relative to its array argument (NumPy 2.x semantics).
 * - `new`: a fresh buffer (`np.zeros`, `a.copy()`, `a[[0, 1]]`).
 * - `view`: a distinct array sharing the argument's memory (`a.T`, `a[1:]`).
 * - `same`: the very same object (`a.astype(a.dtype, copy=False)`, `np.asarray(a)` of an ndarray).
 * - `depends`: a view or a copy depending on layout or arguments (`a.reshape(-1)`, `np.asarray(x)`).
 * - `not-array`: a Python or NumPy scalar, a list, `None` (`a.sum()`, `a.tolist()`, `a.sort()`).
 * - `views`: a list or tuple of views (`np.split`).
 * - `in-place`: changes the argument and returns `None` (`a.sort()`, `a.fill(0)`).
 */
export type ResultKind = "new" | "view" | "same" | "depends" | "not-array" | "views" | "in-place";

/** The transfer rules the interpreter implements; each entry names one. See `interpret/numpy-ops.ts`. */
export type TransferRule =
  | "create"
  | "full"
  | "like"
  | "arange"
  | "linspace"
  | "eye"
  | "random-dims"
  | "random-size"
  | "default-rng"
  | "load"
  | "fromfile"
  | "loadtxt"
  | "frombuffer"
  | "array"
  | "asarray"
  | "ascontiguous"
  | "asfortran"
  | "copy"
  | "view"
  | "reshape"
  | "ravel"
  | "flatten"
  | "transpose"
  | "swapaxes"
  | "moveaxis"
  | "squeeze"
  | "expand-dims"
  | "atleast"
  | "broadcast-to"
  | "broadcast-arrays"
  | "astype"
  | "real"
  | "imag"
  | "conj"
  | "diagonal"
  | "diag"
  | "flip"
  | "rot90"
  | "split"
  | "concatenate"
  | "stack"
  | "where"
  | "new-array"
  | "sort-function"
  | "in-place"
  | "reduce"
  | "arg-reduce"
  | "cumulative"
  | "tolist"
  | "item"
  | "ufunc-unary"
  | "ufunc-binary"
  | "ufunc-compare"
  | "sliding-window-view"
  | "as-strided"
  | "shape-of"
  | "unique";

/** One NumPy function (`numpy.reshape`), method (`ndarray.reshape`) or attribute (`ndarray.T`). */
export interface ApiEntry {
  /** Qualified name: `numpy.zeros`, `numpy.random.rand`, `ndarray.reshape` (method), `Generator.normal`. */
  readonly name: string;
  readonly result: ResultKind;
  readonly rule: TransferRule;
  /** Positional parameter names, in order, as NumPy's signature has them (the array argument first for methods' functions). */
  readonly params: readonly string[];
  /** Default dtype of the result where the rule does not derive it. */
  readonly dtype?: string;
  /** Rule-specific constants: the number of dimensions for `atleast_Nd`, the axis for `hsplit`, the flip axis. */
  readonly arg?: number;
  /** Results are read-only views (writing raises ValueError). */
  readonly readonly?: boolean;
  /** Anything surprising, shown in hovers. */
  readonly note?: string;
}

const e = (entry: ApiEntry): ApiEntry => entry;

const creation: ApiEntry[] = [
  e({ name: "numpy.zeros", result: "new", rule: "create", params: ["shape", "dtype", "order"], dtype: "float64" }),
  e({ name: "numpy.ones", result: "new", rule: "create", params: ["shape", "dtype", "order"], dtype: "float64" }),
  e({ name: "numpy.empty", result: "new", rule: "create", params: ["shape", "dtype", "order"], dtype: "float64" }),
  e({ name: "numpy.full", result: "new", rule: "full", params: ["shape", "fill_value", "dtype", "order"] }),
  e({ name: "numpy.zeros_like", result: "new", rule: "like", params: ["a", "dtype", "order", "subok", "shape"] }),
  e({ name: "numpy.ones_like", result: "new", rule: "like", params: ["a", "dtype", "order", "subok", "shape"] }),
  e({ name: "numpy.empty_like", result: "new", rule: "like", params: ["prototype", "dtype", "order", "subok", "shape"] }),
  e({ name: "numpy.full_like", result: "new", rule: "like", params: ["a", "fill_value", "dtype", "order", "subok", "shape"] }),
  e({ name: "numpy.arange", result: "new", rule: "arange", params: ["start", "stop", "step", "dtype"] }),
  e({ name: "numpy.linspace", result: "new", rule: "linspace", params: ["start", "stop", "num", "endpoint"], dtype: "float64" }),
  e({ name: "numpy.eye", result: "new", rule: "eye", params: ["N", "M", "k", "dtype"], dtype: "float64" }),
  e({ name: "numpy.identity", result: "new", rule: "eye", params: ["n", "dtype"], dtype: "float64" }),
  e({
    name: "numpy.array",
    result: "depends",
    rule: "array",
    params: ["object", "dtype"],
    note: "copies by default; with copy=None it returns the input itself when no conversion is needed, and copy=False raises instead of copying (NumPy 2)",
  }),
  e({
    name: "numpy.asarray",
    result: "depends",
    rule: "asarray",
    params: ["a", "dtype", "order"],
    note: "returns the input itself when it is already an ndarray of the right dtype; otherwise a new array",
  }),
  e({ name: "numpy.asanyarray", result: "depends", rule: "asarray", params: ["a", "dtype", "order"] }),
  e({
    name: "numpy.ascontiguousarray",
    result: "depends",
    rule: "ascontiguous",
    params: ["a", "dtype"],
    note: "the input itself when it is already C-contiguous, a copy otherwise",
  }),
  e({
    name: "numpy.asfortranarray",
    result: "depends",
    rule: "asfortran",
    params: ["a", "dtype"],
    note: "the input itself when it is already Fortran-contiguous, a copy otherwise",
  }),
  e({ name: "numpy.copy", result: "new", rule: "copy", params: ["a", "order"] }),
];

const random: ApiEntry[] = [
  ...["rand", "randn"].map((n) =>
    e({ name: `numpy.random.${n}`, result: "new", rule: "random-dims", params: [], dtype: "float64", note: "a Python float when called without dimensions" }),
  ),
  ...["random", "random_sample", "ranf", "sample"].map((n) =>
    e({ name: `numpy.random.${n}`, result: "new", rule: "random-size", params: ["size"], dtype: "float64" }),
  ),
  e({ name: "numpy.random.randint", result: "new", rule: "random-size", params: ["low", "high", "size", "dtype"], dtype: "int64" }),
  ...["normal", "uniform", "lognormal", "laplace", "logistic", "gumbel"].map((n) =>
    e({ name: `numpy.random.${n}`, result: "new", rule: "random-size", params: ["loc", "scale", "size"], dtype: "float64" }),
  ),
  e({ name: "numpy.random.standard_normal", result: "new", rule: "random-size", params: ["size"], dtype: "float64" }),
  e({ name: "numpy.random.exponential", result: "new", rule: "random-size", params: ["scale", "size"], dtype: "float64" }),
  e({ name: "numpy.random.poisson", result: "new", rule: "random-size", params: ["lam", "size"], dtype: "int64" }),
  e({ name: "numpy.random.binomial", result: "new", rule: "random-size", params: ["n", "p", "size"], dtype: "int64" }),
  e({ name: "numpy.random.choice", result: "new", rule: "random-size", params: ["a", "size", "replace", "p"] }),
  e({ name: "numpy.random.permutation", result: "new", rule: "new-array", params: ["x"] }),
  e({ name: "numpy.random.default_rng", result: "not-array", rule: "default-rng", params: ["seed"] }),
  e({ name: "Generator.random", result: "new", rule: "random-size", params: ["size", "dtype", "out"], dtype: "float64" }),
  e({ name: "Generator.standard_normal", result: "new", rule: "random-size", params: ["size", "dtype", "out"], dtype: "float64" }),
  ...["normal", "uniform", "lognormal", "laplace", "logistic", "gumbel"].map((n) =>
    e({ name: `Generator.${n}`, result: "new", rule: "random-size", params: ["loc", "scale", "size"], dtype: "float64" }),
  ),
  e({ name: "Generator.integers", result: "new", rule: "random-size", params: ["low", "high", "size", "dtype", "endpoint"], dtype: "int64" }),
  e({ name: "Generator.exponential", result: "new", rule: "random-size", params: ["scale", "size"], dtype: "float64" }),
  e({ name: "Generator.poisson", result: "new", rule: "random-size", params: ["lam", "size"], dtype: "int64" }),
  e({ name: "Generator.choice", result: "new", rule: "random-size", params: ["a", "size", "replace", "p", "axis", "shuffle"] }),
  e({ name: "Generator.permutation", result: "new", rule: "new-array", params: ["x", "axis"] }),
];

const io: ApiEntry[] = [
  e({
    name: "numpy.load",
    result: "new",
    rule: "load",
    params: ["file", "mmap_mode", "allow_pickle"],
    note: "arrays read from files count as large unless their size is known; the layout is whatever the file says",
  }),
  e({ name: "numpy.fromfile", result: "new", rule: "fromfile", params: ["file", "dtype", "count", "sep", "offset"], dtype: "float64" }),
  e({ name: "numpy.loadtxt", result: "new", rule: "loadtxt", params: ["fname", "dtype"], dtype: "float64" }),
  e({ name: "numpy.genfromtxt", result: "new", rule: "loadtxt", params: ["fname", "dtype"], dtype: "float64" }),
  e({
    name: "numpy.frombuffer",
    result: "view",
    rule: "frombuffer",
    params: ["buffer", "dtype", "count", "offset"],
    dtype: "float64",
    note: "shares the memory of the buffer object; read-only when the buffer is immutable (bytes)",
  }),
];

const shapeOps: ApiEntry[] = [
  e({ name: "ndarray.copy", result: "new", rule: "copy", params: ["order"] }),
  e({ name: "ndarray.view", result: "view", rule: "view", params: ["dtype", "type"] }),
  ...["numpy.reshape", "ndarray.reshape"].map((name) =>
    e({
      name,
      result: "depends",
      rule: "reshape",
      params: name.startsWith("numpy") ? ["a", "shape", "order"] : ["shape", "order"],
      note: "a view when the memory layout allows it (a contiguous array), a copy otherwise (a transposed or stepped array)",
    }),
  ),
  ...["numpy.ravel", "ndarray.ravel"].map((name) =>
    e({
      name,
      result: "depends",
      rule: "ravel",
      params: name.startsWith("numpy") ? ["a", "order"] : ["order"],
      note: "a view only when the array is contiguous in the requested order",
    }),
  ),
  e({ name: "ndarray.flatten", result: "new", rule: "flatten", params: ["order"], note: "always copies, unlike ravel" }),
  ...["numpy.transpose", "ndarray.transpose", "ndarray.T", "numpy.matrix_transpose", "ndarray.mT", "numpy.permute_dims"].map((name) =>
    e({ name, result: "view", rule: "transpose", params: name.startsWith("numpy") ? ["a", "axes"] : ["axes"] }),
  ),
  ...["numpy.swapaxes", "ndarray.swapaxes"].map((name) =>
    e({ name, result: "view", rule: "swapaxes", params: name.startsWith("numpy") ? ["a", "axis1", "axis2"] : ["axis1", "axis2"] }),
  ),
  e({ name: "numpy.moveaxis", result: "view", rule: "moveaxis", params: ["a", "source", "destination"] }),
  ...["numpy.squeeze", "ndarray.squeeze"].map((name) =>
    e({ name, result: "view", rule: "squeeze", params: name.startsWith("numpy") ? ["a", "axis"] : ["axis"] }),
  ),
  e({ name: "numpy.expand_dims", result: "view", rule: "expand-dims", params: ["a", "axis"] }),
  e({ name: "numpy.atleast_1d", result: "depends", rule: "atleast", params: ["arys"], arg: 1, note: "the input itself when it already has enough dimensions" }),
  e({ name: "numpy.atleast_2d", result: "depends", rule: "atleast", params: ["arys"], arg: 2, note: "the input itself when it already has enough dimensions" }),
  e({ name: "numpy.atleast_3d", result: "depends", rule: "atleast", params: ["arys"], arg: 3, note: "the input itself when it already has enough dimensions" }),
  e({
    name: "numpy.broadcast_to",
    result: "view",
    rule: "broadcast-to",
    params: ["array", "shape"],
    readonly: true,
    note: "a read-only view with zero strides",
  }),
  e({ name: "numpy.broadcast_arrays", result: "views", rule: "broadcast-arrays", params: [] }),
  e({
    name: "ndarray.astype",
    result: "depends",
    rule: "astype",
    params: ["dtype", "order", "casting", "subok", "copy"],
    note: "copies by default; with copy=False it returns the array itself when the dtype already matches",
  }),
  e({
    name: "ndarray.real",
    result: "depends",
    rule: "real",
    params: [],
    note: "a view of the real parts of a complex array; the array itself for a real one",
  }),
  e({ name: "numpy.real", result: "depends", rule: "real", params: ["val"] }),
  e({ name: "ndarray.imag", result: "depends", rule: "imag", params: [], note: "a view for a complex array; a new read-only array of zeros for a real one" }),
  e({ name: "numpy.imag", result: "depends", rule: "imag", params: ["val"] }),
  ...["numpy.diagonal", "ndarray.diagonal"].map((name) =>
    e({
      name,
      result: "view",
      rule: "diagonal",
      params: name.startsWith("numpy") ? ["a", "offset", "axis1", "axis2"] : ["offset", "axis1", "axis2"],
      readonly: true,
      note: "a read-only view",
    }),
  ),
  e({
    name: "numpy.diag",
    result: "depends",
    rule: "diag",
    params: ["v", "k"],
    note: "a read-only view of the diagonal of a 2-D array; a new 2-D array from a 1-D one",
  }),
  e({ name: "numpy.flip", result: "view", rule: "flip", params: ["m", "axis"] }),
  e({ name: "numpy.fliplr", result: "view", rule: "flip", params: ["m"], arg: 1 }),
  e({ name: "numpy.flipud", result: "view", rule: "flip", params: ["m"], arg: 0 }),
  e({ name: "numpy.rot90", result: "view", rule: "rot90", params: ["m", "k", "axes"] }),
  e({ name: "numpy.split", result: "views", rule: "split", params: ["ary", "indices_or_sections", "axis"] }),
  e({ name: "numpy.array_split", result: "views", rule: "split", params: ["ary", "indices_or_sections", "axis"] }),
  e({ name: "numpy.hsplit", result: "views", rule: "split", params: ["ary", "indices_or_sections"], arg: 1 }),
  e({ name: "numpy.vsplit", result: "views", rule: "split", params: ["ary", "indices_or_sections"], arg: 0 }),
  e({ name: "numpy.dsplit", result: "views", rule: "split", params: ["ary", "indices_or_sections"], arg: 2 }),
  e({
    name: "numpy.lib.stride_tricks.sliding_window_view",
    result: "view",
    rule: "sliding-window-view",
    params: ["x", "window_shape", "axis"],
    readonly: true,
    note: "read-only unless writeable=True",
  }),
  e({ name: "numpy.lib.stride_tricks.as_strided", result: "view", rule: "as-strided", params: ["x", "shape", "strides", "subok", "writeable"] }),
];

const combining: ApiEntry[] = [
  e({ name: "numpy.concatenate", result: "new", rule: "concatenate", params: ["arrays", "axis"] }),
  ...["stack", "vstack", "hstack", "column_stack", "row_stack", "dstack"].map((n) =>
    e({ name: `numpy.${n}`, result: "new", rule: "stack", params: ["arrays", "axis"] }),
  ),
  e({ name: "numpy.where", result: "new", rule: "where", params: ["condition", "x", "y"], note: "with one argument, a tuple of index arrays" }),
  ...["numpy.take", "ndarray.take"].map((name) =>
    e({ name, result: "new", rule: "new-array", params: name.startsWith("numpy") ? ["a", "indices", "axis"] : ["indices", "axis"] }),
  ),
  ...["numpy.compress", "ndarray.compress"].map((name) =>
    e({ name, result: "new", rule: "new-array", params: name.startsWith("numpy") ? ["condition", "a", "axis"] : ["condition", "axis"] }),
  ),
  e({
    name: "numpy.sort",
    result: "new",
    rule: "sort-function",
    params: ["a", "axis"],
    note: "returns a sorted copy; the method a.sort() sorts in place and returns None",
  }),
  e({ name: "ndarray.sort", result: "in-place", rule: "in-place", params: ["axis"], note: "sorts in place and returns None" }),
  ...["ndarray.fill", "ndarray.put", "ndarray.resize", "ndarray.partition", "ndarray.setflags"].map((name) =>
    e({ name, result: "in-place", rule: "in-place", params: [] }),
  ),
  ...["numpy.argsort", "ndarray.argsort"].map((name) =>
    e({ name, result: "new", rule: "sort-function", params: name.startsWith("numpy") ? ["a", "axis"] : ["axis"], dtype: "int64" }),
  ),
  e({ name: "numpy.unique", result: "new", rule: "unique", params: ["ar"] }),
  ...["numpy.cumsum", "ndarray.cumsum", "numpy.cumprod", "ndarray.cumprod"].map((name) =>
    e({ name, result: "new", rule: "cumulative", params: name.startsWith("numpy") ? ["a", "axis", "dtype"] : ["axis", "dtype"] }),
  ),
  e({ name: "numpy.diff", result: "new", rule: "new-array", params: ["a", "n", "axis"] }),
  ...["numpy.clip", "ndarray.clip"].map((name) =>
    e({ name, result: "new", rule: "ufunc-unary", params: name.startsWith("numpy") ? ["a", "a_min", "a_max"] : ["min", "max"] }),
  ),
  e({ name: "numpy.roll", result: "new", rule: "new-array", params: ["a", "shift", "axis"] }),
  e({ name: "numpy.tile", result: "new", rule: "new-array", params: ["A", "reps"] }),
  ...["numpy.repeat", "ndarray.repeat"].map((name) =>
    e({ name, result: "new", rule: "new-array", params: name.startsWith("numpy") ? ["a", "repeats", "axis"] : ["repeats", "axis"] }),
  ),
  e({ name: "numpy.triu", result: "new", rule: "ufunc-unary", params: ["m", "k"] }),
  e({ name: "numpy.tril", result: "new", rule: "ufunc-unary", params: ["m", "k"] }),
];

const reductions: ApiEntry[] = [
  ...["sum", "prod", "mean", "std", "var", "max", "min", "amax", "amin", "any", "all", "median", "nansum", "nanmean", "ptp"].flatMap((n) => [
    e({
      name: `numpy.${n}`,
      result: "depends",
      rule: "reduce",
      params: ["a", "axis", "dtype", "out", "keepdims"],
      note: "a NumPy scalar without axis, an array with axis= or keepdims=True",
    }),
  ]),
  // NOTE: NumPy 2 removed the ndarray.ptp and ndarray.itemset methods; np.ptp remains.
  ...["sum", "prod", "mean", "std", "var", "max", "min", "any", "all"].map((n) =>
    e({ name: `ndarray.${n}`, result: "depends", rule: "reduce", params: ["axis", "dtype", "out", "keepdims"] }),
  ),
  ...["argmax", "argmin"].flatMap((n) => [
    e({ name: `numpy.${n}`, result: "depends", rule: "arg-reduce", params: ["a", "axis"], dtype: "int64" }),
    e({ name: `ndarray.${n}`, result: "depends", rule: "arg-reduce", params: ["axis"], dtype: "int64" }),
  ]),
  e({ name: "ndarray.tolist", result: "not-array", rule: "tolist", params: [] }),
  e({ name: "ndarray.item", result: "not-array", rule: "item", params: [] }),
  e({ name: "numpy.shape", result: "not-array", rule: "shape-of", params: ["a"] }),
];

const UNARY_UFUNCS = [
  "sqrt",
  "exp",
  "log",
  "log2",
  "log10",
  "log1p",
  "expm1",
  "abs",
  "absolute",
  "fabs",
  "sin",
  "cos",
  "tan",
  "arcsin",
  "arccos",
  "arctan",
  "sinh",
  "cosh",
  "tanh",
  "negative",
  "positive",
  "square",
  "sign",
  "floor",
  "ceil",
  "round",
  "around",
  "rint",
  "trunc",
  "reciprocal",
  "conj",
  "conjugate",
  "isnan",
  "isinf",
  "isfinite",
  "logical_not",
  "invert",
  "nan_to_num",
  "cbrt",
  "deg2rad",
  "rad2deg",
];
const BINARY_UFUNCS = [
  "add",
  "subtract",
  "multiply",
  "divide",
  "true_divide",
  "floor_divide",
  "power",
  "mod",
  "remainder",
  "maximum",
  "minimum",
  "fmax",
  "fmin",
  "arctan2",
  "hypot",
  "bitwise_and",
  "bitwise_or",
  "bitwise_xor",
  "left_shift",
  "right_shift",
  "dot",
  "matmul",
  "outer",
  "copysign",
];
const COMPARE_UFUNCS = ["logical_and", "logical_or", "logical_xor", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "isclose"];

const ufuncs: ApiEntry[] = [
  ...UNARY_UFUNCS.map((n) =>
    e({ name: `numpy.${n}`, result: "new", rule: "ufunc-unary", params: ["x", "out"], note: "the `out` array itself when out= is given" }),
  ),
  ...BINARY_UFUNCS.map((n) =>
    e({ name: `numpy.${n}`, result: "new", rule: "ufunc-binary", params: ["x1", "x2", "out"], note: "the `out` array itself when out= is given" }),
  ),
  ...COMPARE_UFUNCS.map((n) => e({ name: `numpy.${n}`, result: "new", rule: "ufunc-compare", params: ["x1", "x2", "out"], dtype: "bool" })),
  e({ name: "ndarray.round", result: "new", rule: "ufunc-unary", params: [] }),
  ...["conj", "conjugate"].map((n) =>
    e({ name: `ndarray.${n}`, result: "depends", rule: "conj", params: [], note: "the array itself when it is real; a new array when complex" }),
  ),
  e({ name: "ndarray.dot", result: "new", rule: "ufunc-binary", params: ["b", "out"] }),
];

/** Every entry, in one table. Qualified names and method names are unique. */
export const NUMPY_TABLE: readonly ApiEntry[] = [...creation, ...random, ...io, ...shapeOps, ...combining, ...reductions, ...ufuncs];

const byName = new Map<string, ApiEntry>(NUMPY_TABLE.map((entry) => [entry.name, entry]));

/** Looks up an entry by qualified name (`numpy.zeros`) or method name (`ndarray.reshape`). */
export function lookupEntry(name: string): ApiEntry | undefined {
  return byName.get(name);
}

/** NumPy names that are aliases of others (`numpy.newaxis` is `None`, `np.random.Generator` methods, submodule paths). */
export const QUALIFIED_ALIASES: Readonly<Record<string, string>> = {
  "numpy.lib.stride_tricks.sliding_window_view": "numpy.lib.stride_tricks.sliding_window_view",
  "numpy.lib._stride_tricks_impl.sliding_window_view": "numpy.lib.stride_tricks.sliding_window_view",
  "numpy.lib.stride_tricks.as_strided": "numpy.lib.stride_tricks.as_strided",
  "numpy.random.Generator": "numpy.random.Generator",
  "numpy.core.numeric.zeros": "numpy.zeros",
};

/** NumPy dtype spellings → canonical dtype names. */
export const DTYPE_NAMES: Readonly<Record<string, string>> = {
  "numpy.float64": "float64",
  "numpy.float32": "float32",
  "numpy.float16": "float16",
  "numpy.double": "float64",
  "numpy.single": "float32",
  "numpy.half": "float16",
  "numpy.int64": "int64",
  "numpy.int32": "int32",
  "numpy.int16": "int16",
  "numpy.int8": "int8",
  "numpy.intp": "int64",
  "numpy.uint8": "uint8",
  "numpy.uint16": "uint16",
  "numpy.uint32": "uint32",
  "numpy.uint64": "uint64",
  "numpy.bool_": "bool",
  "numpy.bool": "bool",
  "numpy.complex128": "complex128",
  "numpy.complex64": "complex64",
  "numpy.cdouble": "complex128",
  "numpy.longdouble": "longdouble",
  "builtins.float": "float64",
  "builtins.int": "int64",
  "builtins.bool": "bool",
  "builtins.complex": "complex128",
  float64: "float64",
  float32: "float32",
  float16: "float16",
  int64: "int64",
  int32: "int32",
  int16: "int16",
  int8: "int8",
  uint8: "uint8",
  uint16: "uint16",
  uint32: "uint32",
  uint64: "uint64",
  bool: "bool",
  complex128: "complex128",
  complex64: "complex64",
  f8: "float64",
  f4: "float32",
  f2: "float16",
  i8: "int64",
  i4: "int32",
  i2: "int16",
  i1: "int8",
  u1: "uint8",
  u2: "uint16",
  u4: "uint32",
  u8: "uint64",
  c16: "complex128",
  c8: "complex64",
  float: "float64",
  int: "int64",
  complex: "complex128",
  double: "float64",
  single: "float32",
  "<f8": "float64",
  "<f4": "float32",
  "<i8": "int64",
  "<i4": "int32",
};

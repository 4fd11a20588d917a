// Exact shape/stride arithmetic of NumPy 2.4 arrays (strides in bytes), ported from NumPy's C code, for tracking views.

/** Memory order of a contiguous layout. */
export type MemoryOrder = "C" | "F";

/**
 * Shape and byte strides of an array, plus the byte offset of its first element
 * from a fixed reference point (normally the start of the buffer that owns the data).
 * Offsets of views of the same buffer are comparable; see {@link byteExtent}.
 */
export interface Layout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** One item of a basic (view-producing) index: `a[1]`, `a[1:5:2]`, `a[None]`, `a[...]`. */
export type BasicIndexItem =
  | { readonly kind: "int"; readonly value: number }
  | {
      readonly kind: "slice";
      readonly start?: number;
      readonly stop?: number;
      readonly step?: number;
    }
  | { readonly kind: "newaxis" }
  | { readonly kind: "ellipsis" };

/** Result of an indexing operation: the view's layout, or `scalar` when NumPy returns an element. */
export interface IndexResult {
  readonly layout: Layout;
  /** NumPy returns a scalar (a copy of one element at `layout.offset`), not an array. */
  readonly scalar: boolean;
}

/** Number of elements of an array with this shape (1 for a 0-d array). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/**
 * C-order strides NumPy gives a contiguous view of this shape (`_array_fill_strides`):
 * a zero-length dimension counts as length 1 when accumulating.
 */
export function cStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let stride = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    if (shape[i] !== 0) stride *= shape[i];
  }
  return strides;
}

/** Fortran-order counterpart of {@link cStrides}. */
export function fStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let stride = itemsize;
  for (let i = 0; i < shape.length; i++) {
    strides[i] = stride;
    if (shape[i] !== 0) stride *= shape[i];
  }
  return strides;
}

/**
 * Strides of a freshly allocated array (`np.empty`, `np.zeros`, `.copy()`):
 * contiguous in `order`, except that NumPy zeroes every stride of a size-0 allocation.
 */
export function allocStrides(shape: readonly number[], itemsize: number, order: MemoryOrder): number[] {
  if (shapeSize(shape) === 0) return shape.map(() => 0);
  return order === "C" ? cStrides(shape, itemsize) : fStrides(shape, itemsize);
}

/**
 * NumPy's C_CONTIGUOUS / F_CONTIGUOUS flags (`_UpdateContiguousFlags`): dimensions of
 * length 1 are ignored, any size-0 array and any 0-d array is both.
 */
export function contiguity(shape: readonly number[], strides: readonly number[], itemsize: number): { c: boolean; f: boolean } {
  let c = true;
  let expected = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    const dim = shape[i];
    if (dim === 0) return { c: true, f: true };
    if (dim !== 1) {
      if (strides[i] !== expected) c = false;
      expected *= dim;
    }
  }
  let f = true;
  expected = itemsize;
  for (let i = 0; i < shape.length; i++) {
    const dim = shape[i];
    if (dim !== 1) {
      if (strides[i] !== expected) {
        f = false;
        break;
      }
      expected *= dim;
    }
  }
  return { c, f };
}

/** `PyArray_ISFORTRAN`: F-contiguous but not C-contiguous (what order "A" resolves to "F" on). */
export function isFortranOnly(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  const flags = contiguity(shape, strides, itemsize);
  return flags.f && !flags.c;
}

/**
 * Resolves the unknown dimension of a reshape target (`_fix_unknown_dimension`).
 * NumPy treats ANY negative entry as the unknown one. Returns undefined where NumPy
 * raises: two unknowns, non-matching size, unknown next to a zero dimension, or a
 * non-integer / unsafe-integer entry.
 */
export function resolveShape(size: number, requested: readonly number[]): number[] | undefined {
  let known = 1;
  let unknown = -1;
  for (let i = 0; i < requested.length; i++) {
    const dim = requested[i];
    if (!Number.isSafeInteger(dim)) return undefined;
    if (dim < 0) {
      if (unknown !== -1) return undefined;
      unknown = i;
    } else {
      known *= dim;
      if (!Number.isSafeInteger(known)) return undefined;
    }
  }
  const resolved = [...requested];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) return undefined;
    resolved[unknown] = size / known;
  } else if (size !== known) {
    return undefined;
  }
  return resolved;
}

/**
 * Strides of `a.reshape(newShape, order=order)` when NumPy returns a view, undefined
 * when it copies. Mirrors `_reshape_with_copy_arg` (copy=None): an unchanged shape is
 * a plain view; an array already contiguous in `order` gets contiguous strides; else
 * `_attempt_nocopy_reshape` decides. `newShape` may hold one negative (unknown) entry.
 * Throws a RangeError where NumPy raises (use {@link resolveShape} first to check).
 */
export function noCopyReshape(args: {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly newShape: readonly number[];
  readonly order: MemoryOrder | "A";
  readonly itemsize: number;
}): number[] | undefined {
  const { shape, strides, itemsize } = args;
  const flags = contiguity(shape, strides, itemsize);
  const order = args.order === "A" ? (flags.f && !flags.c ? "F" : "C") : args.order;
  if (sameShape(args.newShape, shape)) return [...strides];
  const newShape = resolveShape(shapeSize(shape), args.newShape);
  if (newShape === undefined) {
    throw new RangeError(`cannot reshape array of shape (${shape.join(", ")}) into (${args.newShape.join(", ")})`);
  }
  if (order === "C" ? flags.c : flags.f) {
    return order === "C" ? cStrides(newShape, itemsize) : fStrides(newShape, itemsize);
  }
  return attemptNoCopyReshape(shape, strides, newShape, order === "F", itemsize);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/**
 * Port of `_attempt_nocopy_reshape`: groups old and new axes whose products match and
 * checks each group of old axes is contiguous in the requested order. Needs a non-empty,
 * size-matched target (NumPy never calls it for contiguous or size-0 arrays).
 */
function attemptNoCopyReshape(
  shape: readonly number[],
  strides: readonly number[],
  newDims: readonly number[],
  isFOrder: boolean,
  itemsize: number,
): number[] | undefined {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) {
      oldDims.push(shape[i]);
      oldStrides.push(strides[i]);
    }
  }
  if (oldDims.includes(0) || newDims.includes(0)) return undefined;
  const oldNd = oldDims.length;
  const newNd = newDims.length;
  const newStrides = new Array<number>(newNd).fill(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  while (ni < newNd && oi < oldNd) {
    let np = newDims[ni];
    let op = oldDims[oi];
    while (np !== op) {
      if (np < op) {
        if (nj >= newNd) return undefined;
        np *= newDims[nj++];
      } else {
        if (oj >= oldNd) return undefined;
        op *= oldDims[oj++];
      }
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      const combinable = isFOrder ? oldStrides[ok + 1] === oldDims[ok] * oldStrides[ok] : oldStrides[ok] === oldDims[ok + 1] * oldStrides[ok + 1];
      if (!combinable) return undefined;
    }
    if (isFOrder) {
      newStrides[ni] = oldStrides[oi];
      for (let nk = ni + 1; nk < nj; nk++) newStrides[nk] = newStrides[nk - 1] * newDims[nk - 1];
    } else {
      newStrides[nj - 1] = oldStrides[oj - 1];
      for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newDims[nk];
    }
    ni = nj++;
    oi = oj++;
  }
  // Trailing unit dimensions of the new shape.
  let lastStride = ni >= 1 ? newStrides[ni - 1] : itemsize;
  if (isFOrder && ni >= 1) lastStride *= newDims[ni - 1];
  for (let nk = ni; nk < newNd; nk++) newStrides[nk] = lastStride;
  return newStrides;
}

/**
 * Strides (one entry) of `a.ravel(order)` when NumPy returns a view, undefined when it
 * copies. Mirrors `PyArray_Ravel`: only an array contiguous in the resolved order, or
 * (order "K") one whose strides sorted by magnitude form a contiguous positive layout,
 * is a view. A stepped 1-D array is therefore always copied.
 */
export function ravelStrides(args: {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly order: MemoryOrder | "A" | "K";
  readonly itemsize: number;
}): number[] | undefined {
  const { shape, strides, itemsize } = args;
  const flags = contiguity(shape, strides, itemsize);
  let order = args.order;
  if (order === "K") {
    if (flags.c) order = "C";
    else if (flags.f) order = "F";
  } else if (order === "A") {
    order = flags.f && !flags.c ? "F" : "C";
  }
  // Contiguous: a.reshape(-1) with freshly filled strides, i.e. [itemsize].
  if ((order === "C" && flags.c) || (order === "F" && flags.f)) return [itemsize];
  if (order === "K" && isKeepOrderContiguous(shape, strides, itemsize)) return [itemsize];
  return undefined;
}

/** The KEEPORDER test of `PyArray_Ravel` (strides sorted as `PyArray_CreateSortedStridePerm`). */
function isKeepOrderContiguous(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  const perm = sortedStridePerm(strides);
  let expected = itemsize;
  for (let i = perm.length - 1; i >= 0; i--) {
    const axis = perm[i];
    if (shape[axis] === 1) continue;
    if (strides[axis] !== expected) return false;
    expected *= shape[axis];
  }
  return true;
}

/**
 * Axes ordered by decreasing |stride|, ties by axis number (`PyArray_CreateSortedStridePerm`).
 */
export function sortedStridePerm(strides: readonly number[]): number[] {
  return strides.map((_, axis) => axis).sort((a, b) => Math.abs(strides[b]) - Math.abs(strides[a]) || a - b);
}

/**
 * Python slice semantics (`PySlice_Unpack` + `PySlice_AdjustIndices`) on an axis of
 * `length`: the first index, the number of selected elements and the step. Negative
 * bounds count from the end and are clamped. Throws a RangeError for step 0 (Python's
 * ValueError) and a TypeError for non-integers.
 */
export function sliceDim(args: { readonly length: number; readonly start?: number; readonly stop?: number; readonly step?: number }): {
  start: number;
  length: number;
  step: number;
} {
  const { length } = args;
  const step = args.step ?? 1;
  for (const value of [length, args.start, args.stop, step]) {
    if (value !== undefined && !Number.isSafeInteger(value)) {
      throw new TypeError("slice indices must be integers");
    }
  }
  if (step === 0) throw new RangeError("slice step cannot be zero");
  const start = clampSliceBound(args.start ?? (step < 0 ? Infinity : 0), length, step);
  const stop = clampSliceBound(args.stop ?? (step < 0 ? -Infinity : Infinity), length, step);
  let count = 0;
  if (step < 0) {
    if (stop < start) count = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) {
    count = Math.floor((stop - start - 1) / step) + 1;
  }
  return { start, length: count, step };
}

function clampSliceBound(bound: number, length: number, step: number): number {
  if (bound < 0) {
    const fromEnd = bound + length;
    return fromEnd < 0 ? (step < 0 ? -1 : 0) : fromEnd;
  }
  if (bound >= length) return step < 0 ? length - 1 : length;
  return bound;
}

/**
 * Broadcast result shape (`np.broadcast_shapes`); `null` is an unknown dimension.
 * A result dimension is known when one known non-1 length is present, or when all
 * lengths are known to be 1; otherwise it is null. "error" only when two known lengths
 * differ and neither is 1.
 */
export function broadcastShapes(shapes: readonly (readonly (number | null)[])[]): (number | null)[] | "error" {
  const ndim = Math.max(0, ...shapes.map((shape) => shape.length));
  const result: (number | null)[] = [];
  for (let i = 0; i < ndim; i++) {
    let known: number | undefined;
    let anyUnknown = false;
    for (const shape of shapes) {
      const j = shape.length - ndim + i;
      if (j < 0) continue;
      const dim = shape[j];
      if (dim === null) anyUnknown = true;
      else if (dim !== 1) {
        if (known !== undefined && known !== dim) return "error";
        known = dim;
      }
    }
    result.push(known ?? (anyUnknown ? null : 1));
  }
  return result;
}

/** `normalize_axis_index`: the axis in [0, ndim), undefined where NumPy raises AxisError. */
export function normalizeAxis(axis: number, ndim: number): number | undefined {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) return undefined;
  return axis < 0 ? axis + ndim : axis;
}

/** `normalize_axis_tuple`: normalized axes, undefined on a bad or (unless allowed) repeated axis. */
export function normalizeAxes(axes: readonly number[], ndim: number, allowDuplicates = false): number[] | undefined {
  const out: number[] = [];
  for (const axis of axes) {
    const normalized = normalizeAxis(axis, ndim);
    if (normalized === undefined) return undefined;
    if (!allowDuplicates && out.includes(normalized)) return undefined;
    out.push(normalized);
  }
  return out;
}

/** `a.transpose(axes)` (`PyArray_Transpose`); no axes reverses them. Undefined where NumPy raises. */
export function transpose(layout: Layout, axes?: readonly number[]): Layout | undefined {
  const ndim = layout.shape.length;
  const perm = axes === undefined ? layout.shape.map((_, i) => ndim - 1 - i) : axes;
  if (perm.length !== ndim) return undefined;
  const normalized = normalizeAxes(perm, ndim);
  if (normalized === undefined) return undefined;
  return {
    shape: normalized.map((axis) => layout.shape[axis]),
    strides: normalized.map((axis) => layout.strides[axis]),
    offset: layout.offset,
  };
}

/** `np.swapaxes(a, axis1, axis2)` (`PyArray_SwapAxes`). */
export function swapaxes(layout: Layout, axis1: number, axis2: number): Layout | undefined {
  const ndim = layout.shape.length;
  const a1 = normalizeAxis(axis1, ndim);
  const a2 = normalizeAxis(axis2, ndim);
  if (a1 === undefined || a2 === undefined) return undefined;
  const perm = layout.shape.map((_, i) => i);
  perm[a1] = a2;
  perm[a2] = a1;
  return transpose(layout, perm);
}

/** `np.moveaxis(a, source, destination)` (a transpose). */
export function moveaxis(layout: Layout, source: readonly number[], destination: readonly number[]): Layout | undefined {
  const ndim = layout.shape.length;
  const src = normalizeAxes(source, ndim);
  const dst = normalizeAxes(destination, ndim);
  if (src === undefined || dst === undefined || src.length !== dst.length) return undefined;
  const order = layout.shape.map((_, i) => i).filter((axis) => !src.includes(axis));
  const pairs = dst.map((d, k) => [d, src[k]] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [d, s] of pairs) order.splice(d, 0, s);
  return transpose(layout, order);
}

/**
 * `np.expand_dims(a, axes)`: NumPy implements it as `a.reshape(shape_with_ones)`, so the
 * new unit axes get reshape's strides (not 0, unlike `a[None]`).
 */
export function expandDims(layout: Layout, axes: readonly number[], itemsize: number): Layout | undefined {
  const outNdim = axes.length + layout.shape.length;
  const normalized = normalizeAxes(axes, outNdim);
  if (normalized === undefined) return undefined;
  const shape: number[] = [];
  let next = 0;
  for (let axis = 0; axis < outNdim; axis++) {
    shape.push(normalized.includes(axis) ? 1 : layout.shape[next++]);
  }
  const strides = noCopyReshape({
    ...layout,
    newShape: shape,
    order: "C",
    itemsize,
  });
  return strides === undefined ? undefined : { shape, strides, offset: layout.offset };
}

/**
 * `np.squeeze(a, axis)` (`PyArray_Squeeze` / `PyArray_SqueezeSelected`): drops unit axes
 * (all of them, or the given ones, which must have length 1). When nothing is dropped
 * NumPy returns `a` itself rather than a new view.
 */
export function squeeze(layout: Layout, axes?: readonly number[]): Layout | undefined {
  const ndim = layout.shape.length;
  let drop: number[];
  if (axes === undefined) {
    drop = layout.shape.flatMap((dim, axis) => (dim === 1 ? [axis] : []));
  } else {
    const normalized = normalizeAxes(axes, ndim);
    if (normalized === undefined || normalized.some((axis) => layout.shape[axis] !== 1)) {
      return undefined;
    }
    drop = normalized;
  }
  const keep = layout.shape.map((_, i) => i).filter((axis) => !drop.includes(axis));
  return {
    shape: keep.map((axis) => layout.shape[axis]),
    strides: keep.map((axis) => layout.strides[axis]),
    offset: layout.offset,
  };
}

/**
 * Applies a basic index to a layout (`prepare_index` + `get_view_from_index`): integers
 * (negative from the end), slices, newaxis (stride 0) and one ellipsis; missing trailing
 * axes are kept whole. An empty slice gets NumPy's normalization (start 0, step 1).
 * `scalar` is true when NumPy returns an element, not an array (integers for every axis,
 * no ellipsis/newaxis). Undefined where NumPy raises.
 */
export function basicIndex(layout: Layout, items: readonly BasicIndexItem[]): IndexResult | undefined {
  const ndim = layout.shape.length;
  const used = items.filter((item) => item.kind === "int" || item.kind === "slice").length;
  const ellipses = items.filter((item) => item.kind === "ellipsis").length;
  if (used > ndim || ellipses > 1) return undefined;
  const scalar = items.every((item) => item.kind === "int") && used === ndim;
  const expanded = ellipses === 0 ? [...items, { kind: "ellipsis" } as const] : items;
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = layout.offset;
  let axis = 0;
  for (const item of expanded) {
    switch (item.kind) {
      case "int": {
        const index = item.value < 0 ? item.value + layout.shape[axis] : item.value;
        if (!Number.isSafeInteger(index) || index < 0 || index >= layout.shape[axis]) {
          return undefined;
        }
        offset += index * layout.strides[axis];
        axis++;
        break;
      }
      case "slice": {
        if (item.step === 0) return undefined;
        const dim = sliceDim({ length: layout.shape[axis], ...item });
        const start = dim.length > 0 ? dim.start : 0;
        const step = dim.length > 0 ? dim.step : 1;
        offset += start * layout.strides[axis];
        shape.push(dim.length);
        strides.push(step * layout.strides[axis]);
        axis++;
        break;
      }
      case "newaxis":
        shape.push(1);
        strides.push(0);
        break;
      case "ellipsis":
        for (let k = 0; k < ndim - used; k++, axis++) {
          shape.push(layout.shape[axis]);
          strides.push(layout.strides[axis]);
        }
        break;
    }
  }
  return { layout: { shape, strides, offset }, scalar };
}

/**
 * `np.flip(a, axis)`: NumPy indexes `a[::-1]` on the given axes (all when omitted), so a
 * flipped empty axis keeps its stride. Caution: for a 0-d array NumPy's `a[()]` returns a
 * scalar (a copy), not a view; this returns the unchanged 0-d layout.
 */
export function flip(layout: Layout, axes?: readonly number[]): Layout | undefined {
  const ndim = layout.shape.length;
  const flipped = axes === undefined ? layout.shape.map((_, i) => i) : normalizeAxes(axes, ndim);
  if (flipped === undefined) return undefined;
  const items = layout.shape.map((_, axis): BasicIndexItem => ({
    kind: "slice",
    step: flipped.includes(axis) ? -1 : 1,
  }));
  return basicIndex(layout, items)?.layout;
}

/**
 * `a.diagonal(offset, axis1, axis2)` (`PyArray_Diagonal`): both axes removed, the diagonal
 * appended last with stride `stride1 + stride2`. A read-only view.
 */
export function diagonal(layout: Layout, offset = 0, axis1 = 0, axis2 = 1): Layout | undefined {
  const ndim = layout.shape.length;
  if (ndim < 2) return undefined;
  const a1 = normalizeAxis(axis1, ndim);
  const a2 = normalizeAxis(axis2, ndim);
  if (a1 === undefined || a2 === undefined || a1 === a2) return undefined;
  let dim1 = layout.shape[a1];
  let dim2 = layout.shape[a2];
  const stride1 = layout.strides[a1];
  const stride2 = layout.strides[a2];
  let shift: number;
  if (offset >= 0) {
    dim2 -= offset;
    shift = offset * stride2;
  } else {
    dim1 += offset;
    shift = -offset * stride1;
  }
  let diagSize = Math.min(dim1, dim2);
  let start = layout.offset;
  if (diagSize < 0) diagSize = 0;
  else start += shift;
  const keep = layout.shape.map((_, i) => i).filter((i) => i !== a1 && i !== a2);
  return {
    shape: [...keep.map((i) => layout.shape[i]), diagSize],
    strides: [...keep.map((i) => layout.strides[i]), stride1 + stride2],
    offset: start,
  };
}

/**
 * `np.broadcast_to(a, shape)` (the nditer view): new leading axes and axes of length 1
 * get stride 0 (even when the target length is also 1); other axes keep their stride.
 * Undefined where NumPy raises.
 */
export function broadcastTo(layout: Layout, shape: readonly number[]): Layout | undefined {
  const ndim = shape.length;
  const opNdim = layout.shape.length;
  if (shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) return undefined;
  if (opNdim > ndim || (ndim === 0 && opNdim > 0)) return undefined;
  const strides: number[] = [];
  for (let i = 0; i < ndim; i++) {
    const j = i - (ndim - opNdim);
    const opDim = j >= 0 ? layout.shape[j] : 1;
    if (opDim !== 1 && opDim !== shape[i]) return undefined;
    strides.push(shape[i] === 1 || opDim === 1 ? 0 : layout.strides[j]);
  }
  return { shape: [...shape], strides, offset: layout.offset };
}

/** `np.lib.stride_tricks.as_strided(a, shape, strides)`: arbitrary shape/strides, same start. */
export function asStrided(layout: Layout, shape?: readonly number[], strides?: readonly number[]): Layout {
  return {
    shape: [...(shape ?? layout.shape)],
    strides: [...(strides ?? layout.strides)],
    offset: layout.offset,
  };
}

/**
 * Half-open byte range `[start, end)` the array's elements occupy
 * (`offset_bounds_from_strides`); empty (start === end === offset) for a size-0 array.
 */
export function byteExtent(layout: Layout, itemsize: number): { start: number; end: number } {
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < layout.shape.length; i++) {
    if (layout.shape[i] === 0) return { start: layout.offset, end: layout.offset };
    const span = layout.strides[i] * (layout.shape[i] - 1);
    if (span > 0) upper += span;
    else lower += span;
  }
  return {
    start: layout.offset + lower,
    end: layout.offset + upper + itemsize,
  };
}

/**
 * `np.may_share_memory(a, b)` for two layouts over the same buffer: whether their byte
 * extents overlap (`solve_may_share_memory` with max_work=0); empty arrays never do.
 */
export function extentsOverlap(a: Layout, aItemsize: number, b: Layout, bItemsize: number): boolean {
  const x = byteExtent(a, aItemsize);
  const y = byteExtent(b, bItemsize);
  return x.start < y.end && y.start < x.end && x.start < x.end && y.start < y.end;
}

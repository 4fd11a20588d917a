"""Advanced (fancy) indexing: integer arrays and boolean masks always copy."""
import numpy as np

v = np.arange(10) * 10  # expect: copy
m = np.arange(20).reshape(4, 5)  # expect: copy

f1 = v[[1, 3, 5]]  # expect: copy
f2 = v[np.array([0, 0, 2])]  # expect: copy
f3 = v[[-1]]  # expect: copy
f4 = v[[]]  # expect: copy
f5 = v[np.arange(3)]  # expect: copy

mask = v > 30  # expect: copy
k1 = v[mask]  # expect: copy
k2 = v[v % 20 == 0]  # expect: copy
k3 = v[np.zeros(10, dtype=bool)]  # expect: copy
k4 = m[m > 5]  # expect: copy

g1 = m[[0, 2]]  # expect: copy
g2 = m[:, [1, 3]]  # expect: copy
g3 = m[[0, 1], [2, 3]]  # expect: copy
g4 = m[1:3, [0, 4]]  # expect: copy
g5 = m[[2], 1:]  # expect: copy
g6 = m[np.array([True, False, True, False])]  # expect: copy
g7 = m[:, np.array([True, True, False, False, True])]  # expect: copy
g8 = m[np.ix_([0, 3], [1, 2])]  # expect: copy
g9 = m[..., [0]]  # expect: copy
g10 = m[None, [1, 2]]  # expect: copy
g11 = m[[[0], [1]], [[2, 3]]]  # expect: copy

# Some fancy results (g2, g4, g7, g9, g10) do not own their data: their .base
# is an internal buffer that no name holds. They are still copies of m.
# Binding that internal buffer makes it a live array that g2 is a view of.
internal_base = g2.base  # expect: view

# A 0-d boolean index (True / False) also creates a copy.
t1 = v[True]  # expect: copy
t2 = m[1, True]  # expect: copy

# Integer scalars wrapped in an array are still fancy indexes.
i0 = np.intp(2)  # expect: not-array
h1 = v[i0]  # expect: not-array
h2 = v[np.array(2)]  # expect: not-array
h3 = m[np.array([1])]  # expect: copy

# A slice of a fancy result is a view of that copy, not of the original.
part = g1[:, :2]  # expect: view base=g1

# Writes into a fancy-indexed temporary never reach the source.
v[[0, 1]][0] = -5
unchanged = v[0]  # expect: not-array
# ...but fancy assignment does write into the source.
v[[0, 1]] = -5
nv = v.take([0, 1])  # expect: copy

"""Array creation: which constructors copy, which hand back their input."""
import numpy as np

base = np.arange(12, dtype=np.float64).reshape(3, 4)  # expect: copy
listed = [[1.0, 2.0], [3.0, 4.0]]  # expect: not-array

# np.array copies by default, even when given an ndarray.
a1 = np.array(base)  # expect: copy
a2 = np.array(listed)  # expect: copy
a3 = np.array(base, copy=None)  # expect: alias base=base
a4 = np.array(base, copy=True)  # expect: copy
a5 = np.array(base, dtype=np.float32, copy=None)  # expect: copy
a6 = np.array(base, order="F")  # expect: copy

# asarray / asanyarray never copy an ndarray that already fits.
b1 = np.asarray(base)  # expect: alias base=base
b2 = np.asarray(listed)  # expect: copy
b3 = np.asarray(base, dtype=np.float64)  # expect: alias base=base
b4 = np.asarray(base, dtype=np.int64)  # expect: copy
b5 = np.asanyarray(base)  # expect: alias base=base
b6 = np.asarray(base, order="F")  # expect: copy
b7 = np.asarray(base[:, 1])  # expect: view base=base

# Layout conversion: a no-op when the layout already fits.
c1 = np.ascontiguousarray(base)  # expect: alias base=base
c2 = np.ascontiguousarray(base.T)  # expect: copy
c3 = np.asfortranarray(base)  # expect: copy
c4 = np.asfortranarray(base.T)  # expect: view base=base
c5 = np.ascontiguousarray(base[1])  # expect: view base=base
c6 = np.ascontiguousarray(base[:, 0])  # expect: copy

# Explicit copies.
d1 = np.copy(base)  # expect: copy
d2 = base.copy()  # expect: copy
d3 = base.copy(order="F")  # expect: copy
d4 = np.copy(base[::2])  # expect: copy

# Fresh arrays.
e1 = np.zeros((2, 3))  # expect: copy
e2 = np.ones(5, dtype=np.int8)  # expect: copy
e3 = np.empty((4, 4), order="F")  # expect: copy
e4 = np.full((2, 2), 7.5)  # expect: copy
e5 = np.zeros_like(base)  # expect: copy
e6 = np.ones_like(base, dtype=np.int32)  # expect: copy
e7 = np.empty_like(base)  # expect: copy
e8 = np.full_like(base, 3)  # expect: copy
e9 = np.arange(10)  # expect: copy
e10 = np.arange(0.0, 1.0, 0.25)  # expect: copy
e11 = np.linspace(0, 1, 5)  # expect: copy
e12 = np.eye(3)  # expect: copy
e13 = np.identity(4, dtype=int)  # expect: copy
e14 = np.arange(6).reshape(2, 3)  # expect: copy
e15 = np.zeros(())  # expect: copy
e16 = np.empty(0)  # expect: copy
e17 = np.logspace(0, 2, 3)  # expect: copy
e18 = np.fromiter(range(4), dtype=np.int64)  # expect: copy

# Python / NumPy scalars are not arrays.
s1 = np.float64(2.5)  # expect: not-array
s2 = base.shape  # expect: not-array
s3 = base.ndim  # expect: not-array

# NumPy 2: copy=False means "never copy" and raises when a copy is needed.
f1 = np.array(base, copy=False)  # expect: alias base=base
f2 = np.asarray(base, copy=False)  # expect: alias base=base
f3 = np.asarray(base, copy=True)  # expect: copy
try:
    f4 = np.array(listed, copy=False)
except ValueError:
    f4 = None  # expect: not-array
try:
    f5 = np.array(base, dtype=np.int16, copy=False)
except ValueError:
    f5 = np.array(base, dtype=np.int16)  # expect: copy

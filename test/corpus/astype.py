"""astype: copies by default, even to the same dtype."""
import numpy as np

a = np.arange(6, dtype=np.float64)  # expect: copy
m = np.arange(6.0).reshape(2, 3)  # expect: copy

c1 = a.astype(np.float64)  # expect: copy
c2 = a.astype(np.float64, copy=False)  # expect: alias base=a
c3 = a.astype("float64", copy=False)  # expect: alias base=a
c4 = a.astype(float, copy=False)  # expect: alias base=a
c5 = a.astype(np.float32)  # expect: copy
c6 = a.astype(np.float32, copy=False)  # expect: copy
c7 = a.astype(np.int64, copy=False)  # expect: copy
c8 = a.astype(a.dtype, copy=False)  # expect: alias base=a

# copy=False on a view keeps the view when nothing has to change.
sl = a[1:4]  # expect: view base=a
c9 = sl.astype(np.float64, copy=False)  # expect: alias base=a
# An order request that the layout already satisfies is free...
c10 = m.astype(np.float64, order="C", copy=False)  # expect: alias base=m
# ...one it does not satisfy forces a copy.
c11 = m.astype(np.float64, order="F", copy=False)  # expect: copy
c12 = m.T.astype(np.float64, order="K", copy=False)  # expect: view base=m

# Byte-order and dtype views.
be = a.astype(">f8")  # expect: copy
be2 = be.astype(">f8", copy=False)  # expect: alias base=be
le = be.astype("<f8", copy=False)  # expect: copy
as_int = a.view(np.int64)  # expect: view base=a

# np.asarray with a dtype behaves like astype(copy=False).
aa = np.asarray(a, dtype=np.float64)  # expect: alias base=a
ab = np.asarray(a, dtype=np.float32)  # expect: copy
# Booleans / strings
b = a.astype(bool)  # expect: copy
st = a.astype(str)  # expect: copy

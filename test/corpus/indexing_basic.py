"""Basic indexing: slices, ellipsis, newaxis and integers all give views."""
import numpy as np

a = np.arange(24.0).reshape(4, 6)  # expect: copy
v = np.arange(10)  # expect: copy

s1 = v[2:5]  # expect: view base=v
s2 = v[::2]  # expect: view base=v
s3 = v[::-1]  # expect: view base=v
s4 = v[-3:]  # expect: view base=v
s5 = v[5:2]  # expect: view base=v
s6 = v[:]  # expect: view base=v
s7 = v[...]  # expect: view base=v
s8 = v[None]  # expect: view base=v
s9 = v[np.newaxis, 1:4]  # expect: view base=v
s10 = v[100:]  # expect: view base=v
s11 = s2[1:]  # expect: view base=v

r1 = a[1]  # expect: view base=a
r2 = a[-1]  # expect: view base=a
r3 = a[1, :]  # expect: view base=a
c1 = a[:, 2]  # expect: view base=a
c2 = a[:, -1]  # expect: view base=a
b1 = a[1:3, 2:4]  # expect: view base=a
b2 = a[::2, ::3]  # expect: view base=a
b3 = a[::-1, ::-2]  # expect: view base=a
e1 = a[..., 0]  # expect: view base=a
e2 = a[1, ...]  # expect: view base=a
n1 = a[:, None, :]  # expect: view base=a
n2 = a[None, ..., None]  # expect: view base=a
n3 = a[2, None]  # expect: view base=a

# Indexing every axis with an integer gives a NumPy scalar, not an array.
x1 = a[1, 2]  # expect: not-array
x2 = v[3]  # expect: not-array
x3 = a[1][2]  # expect: not-array
x4 = a[-1, -1]  # expect: not-array
# ...but adding an ellipsis keeps a 0-d view.
z1 = a[1, 2, ...]  # expect: view base=a
z2 = v[3, None]  # expect: view base=v

# Slice objects bound to names behave the same.
window = slice(1, 4)  # expect: not-array
w1 = a[window, window]  # expect: view base=a
idx = (slice(None), 0)  # expect: not-array
w2 = a[idx]  # expect: view base=a

# Writing through a basic view changes the base.
b1[0, 0] = -1.0
changed = a[1, 2]  # expect: not-array

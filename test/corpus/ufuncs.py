"""Operators and ufuncs: new arrays, unless out= or an in-place operator is used."""
import numpy as np

a = np.arange(6.0).reshape(2, 3)  # expect: copy
row = np.array([10.0, 20.0, 30.0])  # expect: copy
col = np.ones((2, 1))  # expect: copy

s = a + 1  # expect: copy
p = a * row  # expect: copy
q = a - col  # expect: copy
d = a / 2  # expect: copy
fd = a // 2  # expect: copy
pw = a ** 2  # expect: copy
ng = -a  # expect: copy
ps = +a  # expect: copy
ab = abs(a)  # expect: copy
cmp = a > 2  # expect: copy
eq = a == row[:1]  # expect: copy
both = (a > 1) & (a < 4)  # expect: copy
outer = row[:, None] * row[None, :]  # expect: copy
zero_add = a + 0  # expect: copy

u1 = np.add(a, row)  # expect: copy
u2 = np.multiply(a, 2)  # expect: copy
u3 = np.sqrt(a)  # expect: copy
u4 = np.exp(a[0])  # expect: copy
u5 = np.maximum(a, 2.5)  # expect: copy
u6 = np.add.reduce(a, axis=0)  # expect: copy
u7 = np.add.accumulate(a, axis=1)  # expect: copy
u8 = np.negative(a, dtype=np.float32)  # expect: copy
sc = np.sqrt(4.0)  # expect: not-array
sc2 = np.float64(3.0) * 2  # expect: not-array

# out= returns the out array itself.
buf = np.empty_like(a)  # expect: copy
o1 = np.add(a, 1, out=buf)  # expect: alias base=buf
o2 = np.sqrt(a, out=buf)  # expect: alias base=buf
o3 = np.multiply(a, 2, out=(buf,))  # expect: alias base=buf
half = buf[:, :2]  # expect: view base=buf
o4 = np.exp(a[:, :2], out=half)  # expect: alias base=buf
o5 = np.add(a, 1, out=a)  # expect: alias base=a
mask_out = np.empty((2, 3), dtype=bool)  # expect: copy
o6 = np.greater(a, 1, out=mask_out)  # expect: alias base=mask_out

# In-place operators keep the same object; x = x + 1 makes a new one.
x = np.zeros(4)  # expect: copy
keep = x  # expect: alias base=x
x += 1  # expect: alias base=keep
x *= 2  # expect: alias base=keep
x = x + 1  # expect: copy
y = np.ones(3)  # expect: copy
view_y = y[1:]  # expect: view base=y
view_y -= 5  # expect: view base=y
y = y * 1  # expect: copy
i = np.arange(3)  # expect: copy
i += 1  # expect: copy
f = i / 1  # expect: copy

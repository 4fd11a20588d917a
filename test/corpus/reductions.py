"""Reductions return new arrays, NumPy scalars or Python objects."""
import numpy as np

a = np.arange(12.0).reshape(3, 4)  # expect: copy
flags = a > 5  # expect: copy

t = a.sum()  # expect: not-array
t0 = a.sum(axis=0)  # expect: copy
t1 = np.sum(a, axis=1)  # expect: copy
tk = a.sum(axis=1, keepdims=True)  # expect: copy
tk0 = np.sum(a, keepdims=True)  # expect: copy
mu = a.mean()  # expect: not-array
mu1 = a.mean(axis=1)  # expect: copy
mx = np.max(a)  # expect: not-array
mx0 = a.max(axis=0)  # expect: copy
mn = a.min(axis=-1, keepdims=True)  # expect: copy
sd = a.std()  # expect: not-array
sd0 = np.std(a, axis=0)  # expect: copy
vr = np.var(a, axis=(0, 1))  # expect: not-array
an = flags.any()  # expect: not-array
al = np.all(flags, axis=0)  # expect: copy
am = a.argmax()  # expect: not-array
am1 = np.argmax(a, axis=1)  # expect: copy
pr = np.prod(a[:, :2], axis=0)  # expect: copy
med = np.median(a)  # expect: not-array
med0 = np.median(a, axis=0)  # expect: copy
cnt = np.count_nonzero(a)  # expect: not-array
cnt0 = np.count_nonzero(a, axis=0)  # expect: copy
dot = np.dot(a[0], a[1])  # expect: not-array
mm = a @ a.T  # expect: copy
nrm = np.linalg.norm(a)  # expect: not-array

# Reducing a 1-element axis still builds a new array.
one = a[:, :1].sum(axis=1)  # expect: copy
# A reduction over no axes returns a copy.
none_axis = np.sum(a, axis=())  # expect: copy

# out= makes the reduction write into an existing array.
buf = np.empty(4)  # expect: copy
into = np.sum(a, axis=0, out=buf)  # expect: alias base=buf

lst = a.tolist()  # expect: not-array
first = lst[0]  # expect: not-array
item = a.item(5)  # expect: not-array
item0 = a[:1, :1].item()  # expect: not-array
py = float(a[0, 1])  # expect: not-array
tb = a.tobytes()  # expect: not-array
shape = a.shape  # expect: not-array
size = a.size  # expect: not-array

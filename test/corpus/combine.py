"""Joining, selecting, sorting and other functions that build new arrays."""
from numpy import arange, zeros as z
import numpy as np

a = arange(6).reshape(2, 3)  # expect: copy
b = z((2, 3), dtype=int)  # expect: copy
v = arange(5)[::-1]  # expect: copy

cat = np.concatenate([a, b])  # expect: copy
cat1 = np.concatenate((a,))  # expect: copy
stk = np.stack([a, b])  # expect: copy
vs = np.vstack([a, b])  # expect: copy
hs = np.hstack((a, b))  # expect: copy
cs = np.column_stack([v, v])  # expect: copy
ds = np.dstack([a, b])  # expect: copy
app = np.append(v, 9)  # expect: copy
ins = np.insert(v, 1, 7)  # expect: copy
dele = np.delete(v, 0)  # expect: copy
blk = np.block([[a, b]])  # expect: copy
pad = np.pad(v, 1)  # expect: copy

w1 = np.where(a > 2)  # expect: not-array
# The index arrays from one-argument where / nonzero are views of one
# internal (N, ndim) buffer: they keep each other's memory alive.
rows, cols = np.where(a > 2)  # expect: rows=view base=cols; cols=view base=rows
w3 = np.where(a > 2, a, b)  # expect: copy
w4 = np.where(True, a, b)  # expect: copy
nz = np.nonzero(v)  # expect: not-array
tk = np.take(v, [0, 2])  # expect: copy
tk2 = a.take(1, axis=1)  # expect: copy
cp = np.compress([True, False, True], a, axis=1)  # expect: copy
ext = np.extract(a > 1, a)  # expect: copy
ch = np.choose([0, 1, 0], [arange(3), arange(3) * 10])  # expect: copy

srt = np.sort(v)  # expect: copy
nothing = v.sort()  # expect: not-array
arg = np.argsort(a, axis=None)  # expect: copy
uq = np.unique(np.array([3, 1, 3, 2]))  # expect: copy
uq_vals, uq_counts = np.unique(v, return_counts=True)  # expect: uq_vals=copy; uq_counts=copy
part = np.partition(v, 2)  # expect: copy
srch = np.searchsorted(srt, 3)  # expect: not-array

cum = np.cumsum(a, axis=0)  # expect: copy
cum2 = a.cumsum()  # expect: copy
df = np.diff(v)  # expect: copy
df0 = np.diff(v, n=0)  # expect: alias base=v
cl = np.clip(a, 1, 4)  # expect: copy
cl2 = a.clip(0, 10, out=a)  # expect: alias base=a
rl = np.roll(v, 2)  # expect: copy
rl0 = np.roll(v, 0)  # expect: copy
tl = np.tile(v, 2)  # expect: copy
tl1 = np.tile(v, 1)  # expect: copy
rp = np.repeat(v, 2)  # expect: copy
tu = np.triu(a)  # expect: copy
tlo = np.tril(a, k=-1)  # expect: copy
ou = np.outer(v, v)  # expect: copy
kr = np.kron(a, b)  # expect: copy
mg1, mg2 = np.meshgrid(v, v)  # expect: mg1=copy; mg2=copy
sp1, sp2 = np.meshgrid(v, v, sparse=True)  # expect: sp1=copy; sp2=copy
sp3, sp4 = np.meshgrid(v, v, copy=False)  # expect: sp3=view base=v; sp4=view base=v

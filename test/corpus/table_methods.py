"""Table entries called as ndarray methods and numpy.random.Generator methods."""
import numpy as np

a = np.arange(1.0, 13.0).reshape(3, 4)  # expect: copy
unit = np.linspace(-0.9, 0.9, 12).reshape(3, 4)  # expect: copy
sq = np.arange(1.0, 10.0).reshape(3, 3)  # expect: copy
v = np.array([5.0, 1.0, 4.0, 2.0, 3.0])  # expect: copy
c = np.array([1.0 + 2.0j, 3.0 - 1.0j])  # expect: copy

# Generator methods give fresh arrays (or scalars without size).
rng = np.random.default_rng(0)  # expect: not-array
g1 = rng.uniform(size=3)  # expect: copy
g2 = rng.lognormal(size=3)  # expect: copy
g3 = rng.laplace(size=3)  # expect: copy
g4 = rng.logistic(size=3)  # expect: copy
g5 = rng.gumbel(size=3)  # expect: copy
g6 = rng.exponential(size=3)  # expect: copy
g7 = rng.poisson(size=3)  # expect: copy
g8 = rng.uniform(size=(2, 3))  # expect: copy
g9 = rng.uniform()  # expect: not-array
g10 = rng.poisson(3.0)  # expect: not-array

cm = a.compress([True, False, True], axis=0)  # expect: copy
cm1 = a.compress([True, False, True])  # expect: copy

# In-place methods return None.
f = a.copy()  # expect: copy
r_fill = f.fill(0)  # expect: not-array
p = a.copy()  # expect: copy
r_put = p.put([0, 5], [-1.0, -2.0])  # expect: not-array
# ndarray.itemset was removed in NumPy 2 (AttributeError), so it is not called.
q = v.copy()  # expect: copy
r_part = q.partition(2)  # expect: not-array
ro = a.copy()  # expect: copy
r_flags = ro.setflags(write=False)  # expect: not-array
rv = ro[0]  # expect: view base=ro readonly

srt = a.argsort()  # expect: copy
srt0 = a.argsort(axis=0)  # expect: copy
cp = a.cumprod()  # expect: copy
cp0 = a.cumprod(axis=0)  # expect: copy
rp = a.repeat(2)  # expect: copy
rp0 = a.repeat(2, axis=0)  # expect: copy

pr = a.prod()  # expect: not-array
pr0 = a.prod(axis=0)  # expect: copy
vr = a.var()  # expect: not-array
vr0 = a.var(axis=0)  # expect: copy
al = a.all()  # expect: not-array
al0 = a.all(axis=0)  # expect: copy
# ndarray.ptp was removed in NumPy 2 (AttributeError); np.ptp is the replacement.
am = a.argmin()  # expect: not-array
am0 = a.argmin(axis=0)  # expect: copy

rd = unit.round()  # expect: copy
rd2 = unit.round(2)  # expect: copy
cj = a.conjugate()  # expect: alias base=a
cjc = c.conjugate()  # expect: copy
dt = a.dot(a.T)  # expect: copy
dv = a.dot(a[0])  # expect: copy
dvv = v.dot(v)  # expect: not-array

# out= returns the out array itself.
o = np.empty(4)  # expect: copy
z1 = np.sqrt(a[0], out=o)  # expect: alias base=o
z2 = a.prod(axis=0, out=o)  # expect: alias base=o
o2 = np.empty((3, 3))  # expect: copy
z3 = sq.dot(sq, out=o2)  # expect: alias base=o2
# An unnamed out= temporary is held by nobody else, so the result is a copy.
z4 = unit.round(1, out=np.empty((3, 4)))  # expect: copy

"""Table entries called as numpy functions: random draws, reductions, ufuncs, out=."""
import numpy as np

a = np.arange(1.0, 13.0).reshape(3, 4)  # expect: copy
unit = np.linspace(-0.9, 0.9, 12).reshape(3, 4)  # expect: copy
b = np.arange(12.0, 0.0, -1.0).reshape(3, 4)  # expect: copy
m = np.arange(1, 13).reshape(3, 4)  # expect: copy
k = np.array([[1, 2, 3, 0], [2, 1, 0, 3], [3, 3, 1, 2]])  # expect: copy
sq = np.arange(1.0, 10.0).reshape(3, 3)  # expect: copy
w = np.array([[1.0, np.nan, 3.0, np.inf], [-np.inf, 2.0, np.nan, 4.0]])  # expect: copy
t = np.arange(24.0).reshape(2, 3, 4)  # expect: copy
nn = np.array([[1.0, np.nan, 3.0], [np.nan, 2.0, 4.0]])  # expect: copy

# Legacy numpy.random functions with size= give fresh arrays.
np.random.seed(0)
r1 = np.random.random_sample(size=(2, 3))  # expect: copy
r2 = np.random.ranf(size=(2, 3))  # expect: copy
r3 = np.random.sample(size=(2, 3))  # expect: copy
r4 = np.random.lognormal(size=(2, 3))  # expect: copy
r5 = np.random.laplace(size=(2, 3))  # expect: copy
r6 = np.random.logistic(size=(2, 3))  # expect: copy
r7 = np.random.gumbel(size=(2, 3))  # expect: copy
r8 = np.random.standard_normal(size=(2, 3))  # expect: copy
r9 = np.random.exponential(size=(2, 3))  # expect: copy
r10 = np.random.poisson(size=(2, 3))  # expect: copy
r11 = np.random.binomial(10, 0.5, size=(2, 3))  # expect: copy

# Axis permutations are views.
mt = np.matrix_transpose(a)  # expect: view base=a
mt3 = np.matrix_transpose(t)  # expect: view base=t
pd = np.permute_dims(a)  # expect: view base=a
pd3 = np.permute_dims(t, (2, 0, 1))  # expect: view base=t

# row_stack is a deprecated alias of vstack (DeprecationWarning in NumPy 2.x).
rs = np.row_stack((a, b))  # expect: copy

# Reductions: without axis (scalar) and with axis=0.
cp = np.cumprod(a)  # expect: copy
cp0 = np.cumprod(a, axis=0)  # expect: copy
mn = np.mean(a)  # expect: not-array
mn0 = np.mean(a, axis=0)  # expect: copy
mi = np.min(a)  # expect: not-array
mi0 = np.min(a, axis=0)  # expect: copy
ax = np.amax(a)  # expect: not-array
ax0 = np.amax(a, axis=0)  # expect: copy
ai = np.amin(a)  # expect: not-array
ai0 = np.amin(a, axis=0)  # expect: copy
an = np.any(a)  # expect: not-array
an0 = np.any(a, axis=0)  # expect: copy
ns = np.nansum(nn)  # expect: not-array
ns0 = np.nansum(nn, axis=0)  # expect: copy
nm = np.nanmean(nn)  # expect: not-array
nm0 = np.nanmean(nn, axis=0)  # expect: copy
pt = np.ptp(a)  # expect: not-array
pt0 = np.ptp(a, axis=0)  # expect: copy
am = np.argmin(a)  # expect: not-array
am0 = np.argmin(a, axis=0)  # expect: copy
sh = np.shape(a)  # expect: not-array

# Unary ufuncs and friends.
x1 = np.log(a)  # expect: copy
x2 = np.log2(a)  # expect: copy
x3 = np.log10(a)  # expect: copy
x4 = np.log1p(a)  # expect: copy
x5 = np.expm1(a)  # expect: copy
x6 = np.abs(unit)  # expect: copy
x7 = np.absolute(unit)  # expect: copy
x8 = np.fabs(unit)  # expect: copy
x9 = np.sin(a)  # expect: copy
x10 = np.cos(a)  # expect: copy
x11 = np.tan(a)  # expect: copy
x12 = np.arcsin(unit)  # expect: copy
x13 = np.arccos(unit)  # expect: copy
x14 = np.arctan(a)  # expect: copy
x15 = np.sinh(a)  # expect: copy
x16 = np.cosh(a)  # expect: copy
x17 = np.tanh(a)  # expect: copy
x18 = np.positive(a)  # expect: copy
x19 = np.square(a)  # expect: copy
x20 = np.sign(unit)  # expect: copy
x21 = np.floor(unit)  # expect: copy
x22 = np.ceil(unit)  # expect: copy
x23 = np.round(unit)  # expect: copy
x24 = np.round(unit, 2)  # expect: copy
x25 = np.around(unit, 1)  # expect: copy
x26 = np.rint(unit)  # expect: copy
x27 = np.trunc(unit)  # expect: copy
x28 = np.reciprocal(a)  # expect: copy
x29 = np.conj(a)  # expect: copy
x30 = np.conjugate(a)  # expect: copy
x31 = np.isnan(w)  # expect: copy
x32 = np.isinf(w)  # expect: copy
x33 = np.isfinite(w)  # expect: copy
x34 = np.logical_not(a)  # expect: copy
x35 = np.invert(m)  # expect: copy
x36 = np.nan_to_num(w)  # expect: copy
x37 = np.cbrt(a)  # expect: copy
x38 = np.deg2rad(a)  # expect: copy
x39 = np.rad2deg(a)  # expect: copy
x40 = np.round(m)  # expect: copy
x41 = np.nan_to_num(a)  # expect: copy
wc = w.copy()  # expect: copy
x42 = np.nan_to_num(wc, copy=False)  # expect: alias base=wc

# Binary ufuncs and friends.
y1 = np.subtract(a, b)  # expect: copy
y2 = np.divide(a, b)  # expect: copy
y3 = np.true_divide(a, b)  # expect: copy
y4 = np.floor_divide(a, b)  # expect: copy
y5 = np.power(a, 2)  # expect: copy
y6 = np.mod(a, 5)  # expect: copy
y7 = np.remainder(a, b)  # expect: copy
y8 = np.minimum(a, b)  # expect: copy
y9 = np.fmax(w, 0.0)  # expect: copy
y10 = np.fmin(w, 0.0)  # expect: copy
y11 = np.arctan2(a, b)  # expect: copy
y12 = np.hypot(a, b)  # expect: copy
y13 = np.logical_and(a, b)  # expect: copy
y14 = np.logical_or(a, b)  # expect: copy
y15 = np.logical_xor(a, b)  # expect: copy
y16 = np.bitwise_and(m, k)  # expect: copy
y17 = np.bitwise_or(m, k)  # expect: copy
y18 = np.bitwise_xor(m, k)  # expect: copy
y19 = np.left_shift(m, k)  # expect: copy
y20 = np.right_shift(m, k)  # expect: copy
y21 = np.matmul(a, b.T)  # expect: copy
y22 = np.copysign(a, unit)  # expect: copy
y23 = np.equal(a, b)  # expect: copy
y24 = np.not_equal(a, b)  # expect: copy
y25 = np.less(a, b)  # expect: copy
y26 = np.less_equal(a, b)  # expect: copy
y27 = np.greater_equal(a, b)  # expect: copy
y28 = np.isclose(a, b)  # expect: copy
y29 = np.matmul(a[0], b[0])  # expect: not-array
y30 = np.isclose(1.0, 1.0)  # expect: not-array

# out= returns the out array itself.
o = np.empty((3, 4))  # expect: copy
z1 = np.sqrt(a, out=o)  # expect: alias base=o
z2 = np.log(a, out=o)  # expect: alias base=o
z3 = np.subtract(a, b, out=o)  # expect: alias base=o
buf = np.zeros((3, 8))  # expect: copy
half = buf[:, :4]  # expect: view base=buf
z4 = np.power(a, 2, out=half)  # expect: alias base=buf
z5 = np.minimum(a, b, out=buf[:, 4:])  # expect: view base=buf
mo = np.empty(4)  # expect: copy
z6 = np.mean(a, axis=0, out=mo)  # expect: alias base=mo
z7 = np.cumprod(a, axis=0, out=o)  # expect: alias base=o
bo = np.empty((3, 4), dtype=bool)  # expect: copy
z8 = np.isnan(a, out=bo)  # expect: alias base=bo
# An unnamed out= temporary is held by nobody else, so the result is a copy.
z9 = np.matmul(sq, sq, out=np.empty((3, 3)))  # expect: copy

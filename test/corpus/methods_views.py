"""Methods and functions that return views (and a few that do not)."""
import numpy as np

a = np.arange(24.0).reshape(2, 3, 4)  # expect: copy
m = np.arange(9).reshape(3, 3)  # expect: copy
v = np.arange(6)  # expect: copy

cp = a.copy()  # expect: copy
vw = a.view()  # expect: view base=a
vi = a.view(np.int64)  # expect: view base=a
vb = v.view(np.uint8)  # expect: view base=v
tr = a.transpose()  # expect: view base=a
tr2 = np.transpose(a, (1, 0, 2))  # expect: view base=a
tt = m.T  # expect: view base=m
mt = a.mT  # expect: view base=a
sw = a.swapaxes(0, 2)  # expect: view base=a
sw2 = np.swapaxes(m, 0, 1)  # expect: view base=m
mv = np.moveaxis(a, 0, -1)  # expect: view base=a
ro = np.rollaxis(a, 2)  # expect: view base=a
sq = a[:, :1, :].squeeze()  # expect: view base=a
sq2 = np.squeeze(v[None, :, None])  # expect: view base=v
ex = np.expand_dims(v, 0)  # expect: view base=v
ex2 = np.expand_dims(m, (0, 2))  # expect: view base=m
at1 = np.atleast_1d(v)  # expect: alias base=v
at2 = np.atleast_2d(v)  # expect: view base=v
at3 = np.atleast_3d(m)  # expect: view base=m
at0 = np.atleast_1d(5.0)  # expect: copy

bt = np.broadcast_to(v, (3, 6))  # expect: view base=v readonly
ba, bb = np.broadcast_arrays(v, m[:, :1])  # expect: ba=view base=v; bb=view base=m
# Inputs that already have the broadcast shape come back unchanged.
same1, same2 = np.broadcast_arrays(v, np.ones(6))  # expect: same1=alias base=v; same2=copy

cx = np.array([1 + 2j, 3 - 4j])  # expect: copy
re = cx.real  # expect: view base=cx writeable
im = cx.imag  # expect: view base=cx
re2 = np.real(cx)  # expect: view base=cx
fr = v.real  # expect: alias base=v
fi = v.imag  # expect: copy readonly
fi2 = np.imag(v)  # expect: copy
conj = cx.conj()  # expect: copy
conj_real = v.conj()  # expect: alias base=v

dg = m.diagonal()  # expect: view base=m readonly
dg2 = np.diagonal(a, axis1=1, axis2=2)  # expect: view base=a
dg3 = np.diag(m)  # expect: view base=m readonly
dg4 = np.diag(v)  # expect: copy writeable
dg5 = np.diag(m, k=1)  # expect: view base=m
tr_sum = np.trace(m)  # expect: not-array

fl = np.flip(v)  # expect: view base=v
fl2 = np.fliplr(m)  # expect: view base=m
fl3 = np.flipud(m)  # expect: view base=m
fl4 = np.flip(a, axis=(0, 2))  # expect: view base=a
r90 = np.rot90(m)  # expect: view base=m
r180 = np.rot90(m, 2)  # expect: view base=m

p, q = np.split(v, 2)  # expect: p=view base=v; q=view base=v
s1, s2, s3 = np.array_split(v, 3)  # expect: s1=view base=v; s2=view base=v; s3=view base=v
h1, h2 = np.hsplit(m[:, :2], 2)  # expect: h1=view base=m; h2=view base=m
u1, u2, u3 = np.vsplit(m, 3)  # expect: u1=view base=m; u2=view base=m; u3=view base=m
d1, d2 = np.dsplit(a, [1])  # expect: d1=view base=a; d2=view base=a
parts = np.split(v, [1, 4])  # expect: not-array
first = parts[0]  # expect: view base=v
k1, k2 = np.split(m, [2], axis=1)  # expect: k1=view base=m; k2=view base=m
fs = v.flat  # expect: not-array
it = m.flat[2:5]  # expect: copy

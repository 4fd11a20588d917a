"""reshape / ravel / flatten: views when the strides allow it, copies otherwise."""
import numpy as np

c = np.arange(12.0)  # expect: copy
g = c.reshape(3, 4)  # expect: view base=c
g2 = c.reshape((2, -1))  # expect: view base=c
g3 = np.reshape(c, (4, 3))  # expect: view base=c
g4 = c.reshape(3, 4, order="F")  # expect: view base=c
back = g.reshape(-1)  # expect: view base=c
r1 = g.ravel()  # expect: view base=c
r2 = np.ravel(g)  # expect: view base=c
r3 = g.ravel(order="F")  # expect: copy
r4 = g.ravel(order="K")  # expect: view base=c
r5 = g.ravel(order="A")  # expect: view base=c
fl = g.flatten()  # expect: copy
fl2 = g.flatten(order="F")  # expect: copy

# Transposed arrays cannot be flattened in C order without copying.
t = g.T  # expect: view base=c
t1 = t.reshape(-1)  # expect: copy
t2 = g.T.reshape(-1)  # expect: copy
t3 = t.ravel()  # expect: copy
t4 = t.ravel(order="F")  # expect: view base=c
t5 = t.reshape(-1, order="F")  # expect: view base=c
t6 = t.ravel(order="K")  # expect: view base=c
t7 = t.reshape(2, 2, 3)  # expect: view base=c
t8 = t.reshape(4, 3)  # expect: view base=c
t9 = t.reshape(3, 4)  # expect: copy

# Stepped arrays.
st = c[::2]  # expect: view base=c
st1 = st.ravel()  # expect: copy
st4 = st.reshape(-1)  # expect: view base=c
st5 = np.ravel(st)  # expect: copy
st2 = st.reshape(2, 3)  # expect: view base=c
st3 = st.flatten()  # expect: copy
rows = g[::2]  # expect: view base=c
rows1 = rows.ravel()  # expect: copy
rows2 = rows.reshape(-1)  # expect: copy
cols = g[:, 1:3]  # expect: view base=c
cols1 = cols.reshape(3, 2, 1)  # expect: view base=c
cols2 = cols.reshape(6)  # expect: copy
cols3 = cols[:, None, :, None]  # expect: view base=c
cols4 = cols.reshape(3, 1, 2)  # expect: view base=c

# Fortran-ordered arrays.
f = np.asfortranarray(np.arange(6).reshape(2, 3))  # expect: copy
f1 = f.ravel()  # expect: copy
f2 = f.ravel(order="F")  # expect: view base=f
f3 = f.ravel(order="A")  # expect: view base=f
f4 = f.reshape(3, 2)  # expect: copy
f5 = f.reshape(3, 2, order="F")  # expect: view base=f
f6 = f.T.ravel()  # expect: view base=f

# In-place shape assignment changes the array itself (no new binding).
h = np.zeros(6)  # expect: copy
h.shape = (2, 3)
h1 = h  # expect: alias base=h
same = h.reshape(2, 3)  # expect: view base=h
# resize method works in place and returns None; np.resize returns a new array.
rs = np.zeros(4)  # expect: copy
none = rs.resize((2, 2), refcheck=False)  # expect: not-array
grown = np.resize(rs, (3, 3))  # expect: copy

"""Read-only arrays and the views taken from them."""
import numpy as np

a = np.arange(8.0)  # expect: copy writeable
a.flags.writeable = False
same = a  # expect: alias base=a readonly
v = a[2:5]  # expect: view base=a readonly
t = a.reshape(2, 4).T  # expect: view base=a readonly
c = a.copy()  # expect: copy writeable
fancy = a[[0, 1]]  # expect: copy writeable
arith = a * 2  # expect: copy writeable
arr = np.array(a)  # expect: copy writeable
asa = np.asarray(a)  # expect: alias base=a readonly

b = np.zeros((3, 3))  # expect: copy writeable
b.setflags(write=False)
row = b[0]  # expect: view base=b readonly
flat = b.ravel()  # expect: view base=b readonly
rav_t = b.T.ravel()  # expect: copy writeable

# A writeable view of a base that is later locked stays writeable.
w = np.ones(4)  # expect: copy
early = w[:2]  # expect: view base=w writeable
w.flags.writeable = False
late = w[:2]  # expect: view base=w readonly

# A view can be locked without locking its base.
base = np.arange(5)  # expect: copy
part = base[1:]  # expect: view base=base
part.flags.writeable = False
again = base[1:]  # expect: view base=base writeable

# Read-only from construction.
dg = np.diag(np.arange(9).reshape(3, 3))  # expect: copy readonly
bc = np.broadcast_to(np.arange(3), (2, 3))  # expect: copy readonly
fb = np.frombuffer(b"\x00\x01\x02\x03", dtype=np.uint8)  # expect: copy readonly
fb_copy = fb.copy()  # expect: copy writeable
unlocked = np.require(fb, requirements=["W"])  # expect: copy writeable

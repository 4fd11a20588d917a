"""Branches and loops around view/copy bindings."""
import numpy as np

data = np.arange(20.0).reshape(4, 5)  # expect: copy
flag = data.sum() > 10  # expect: not-array

if flag:
    pick = data[1:]  # expect: view base=data
elif data.size > 100:
    pick = data[::2]
else:
    pick = data[[0]]

if not flag:
    maybe = data[0]
else:
    maybe = data[[0, 1]]  # expect: copy

# Both branches give views, so the result is a view whichever runs.
if data.shape[0] > 2:
    either = data[:2]  # expect: view base=data
else:
    either = data.T

for k in range(3):  # expect: not-array
    sel = data[k] if k % 2 == 0 else data[[k]]

cur = np.zeros(5)  # expect: copy
for step in range(4):  # expect: not-array
    prev = cur  # expect: alias base=cur
    cur = prev + 1  # expect: copy
    if step == 2:
        break

acc = np.ones(3)  # expect: copy
n = 0  # expect: not-array
while n < 3:
    n += 1  # expect: not-array
    if n == 2:
        continue
    # The old acc is no longer bound: by the oracle's rules this is not a
    # view of any live name (previous == "shares", ownData false).
    acc = acc[::-1]

shrinking = np.arange(16)  # expect: copy
while shrinking.size > 2:
    shrinking = shrinking[: shrinking.size // 2]

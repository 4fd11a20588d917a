"""The classic cases the analyzer exists for."""
import os
import tempfile

import numpy as np

# A small slice keeps the whole parent alive after the parent name is deleted.
arr = np.arange(1_000_000, dtype=np.float64)  # expect: copy
small = arr[:10]  # expect: view base=arr
del arr
kept = small  # expect: alias base=small

# One column of a huge array: 8 bytes per row visible, 160 MB kept alive.
huge = np.zeros((2, 10_000_000))  # expect: copy
tiny = huge[:, 100]  # expect: view base=huge
del huge
assert tiny.nbytes == 16 and tiny.base.nbytes == 160_000_000


def load_column(path):
    x = np.load(path)  # expect: copy
    col = x[:, 100]  # expect: view base=x
    return x[:, 100]


with tempfile.TemporaryDirectory() as tmp:  # expect: not-array
    path = os.path.join(tmp, "matrix.npy")  # expect: not-array
    np.save(path, np.ones((50, 200)))
    loaded_col = load_column(path)  # expect: copy

# Fancy indexing copies.
x = np.arange(12).reshape(4, 3)  # expect: copy
picked = x[[0, 2]]  # expect: copy

# Writing through a slice changes the original.
a = np.arange(5)  # expect: copy
b = a[1:3]  # expect: view base=a
b[0] = 99
changed = a[1]  # expect: not-array
assert changed == 99

# Writing into a fancy-indexed temporary changes nothing.
a[[0, 1]][0] = 5
unchanged = a[0]  # expect: not-array
assert unchanged == 0

# Copies that do nothing useful: copying a fresh array.
fresh = np.zeros(3).copy()  # expect: copy
asarr = np.asarray(np.zeros(3))  # expect: copy
twice = np.array(np.array([1, 2, 3]))  # expect: copy

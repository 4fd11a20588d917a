"""Leaks numpy-views finds: small views that keep whole arrays alive."""
import numpy as np


def first_column(path):
    huge = np.load(path)  # however big the file is
    return huge[:, 0]  # a view: one column that pins the whole array


def column_means():
    huge = np.zeros((2, 10_000_000))  # 160 MB
    tiny = huge[:, 100]  # a view: 16 bytes that pin all 160 MB
    return tiny


def column_means_fixed():
    huge = np.zeros((2, 10_000_000))
    tiny = huge[:, 100].copy()  # owns 16 bytes; huge is freed on return
    return tiny


arr = np.arange(1_000_000, dtype=np.float64)
small = arr[:10]  # view of arr
del arr  # frees nothing: small still holds the whole buffer

x = np.arange(12).reshape(4, 3)
picked = x[[0, 2]]  # fancy indexing: a copy
flat_view = x.reshape(-1)  # contiguous: a view
flat_copy = x.T.reshape(-1)  # transposed: a copy

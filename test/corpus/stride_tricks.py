"""Stride tricks: windows and custom strides are views, mostly read-only."""
import numpy as np
import numpy.lib.stride_tricks as st
from numpy.lib.stride_tricks import sliding_window_view

sig = np.arange(10.0)  # expect: copy
img = np.arange(36).reshape(6, 6)  # expect: copy

win = sliding_window_view(sig, 3)  # expect: view base=sig readonly
win_rw = sliding_window_view(sig, 3, writeable=True)  # expect: view base=sig writeable
win2 = st.sliding_window_view(img, (2, 2))  # expect: view base=img readonly
win_axis = np.lib.stride_tricks.sliding_window_view(img, 3, axis=0)  # expect: view base=img readonly
first_window = win[0]  # expect: view base=sig readonly
# Reducing over the windows builds a new, writeable array.
means = win.mean(axis=-1)  # expect: copy writeable
# Copying a read-only window gives a writeable array.
win_copy = win.copy()  # expect: copy writeable

step = sig.strides[0]  # expect: not-array
pairs = st.as_strided(sig, shape=(9, 2), strides=(step, step))  # expect: view base=sig writeable
pairs_ro = st.as_strided(sig, shape=(5, 2), strides=(2 * step, step), writeable=False)  # expect: view base=sig readonly
rep = np.lib.stride_tricks.as_strided(sig[:1], shape=(4,), strides=(0,))  # expect: view base=sig
bcast = np.broadcast_to(sig, (2, 10))  # expect: view base=sig readonly
bshape = np.broadcast_shapes((3, 1), (1, 4))  # expect: not-array

# A zero-size window shares no bytes with sig but still keeps it alive.
empty_view = st.as_strided(sig, shape=(0,), strides=(step,))  # expect: view base=sig
empty_slice = sig[5:5]  # expect: view base=sig

"""File and buffer I/O. Everything is written under a temporary directory."""
import os
import tempfile

import numpy as np

data = np.arange(12, dtype=np.float64).reshape(4, 3)  # expect: copy

with tempfile.TemporaryDirectory() as tmp:  # expect: not-array
    npy_path = os.path.join(tmp, "data.npy")  # expect: not-array
    np.save(npy_path, data)
    loaded = np.load(npy_path)  # expect: copy
    mapped = np.load(npy_path, mmap_mode="r")  # expect: copy
    column = mapped[:, 1]  # expect: view base=mapped

    npz_path = os.path.join(tmp, "bundle.npz")  # expect: not-array
    np.savez(npz_path, first=data, second=data[0])
    with np.load(npz_path) as bundle:  # expect: not-array
        first = bundle["first"]  # expect: copy
        second = bundle["second"]  # expect: copy

    raw_path = os.path.join(tmp, "data.bin")  # expect: not-array
    data.tofile(raw_path)
    flat = np.fromfile(raw_path, dtype=np.float64)  # expect: copy
    grid = flat.reshape(4, 3)  # expect: view base=flat

    txt_path = os.path.join(tmp, "data.txt")  # expect: not-array
    np.savetxt(txt_path, data, fmt="%.1f")
    text = np.loadtxt(txt_path)  # expect: copy
    gen = np.genfromtxt(txt_path)  # expect: copy
    del mapped, column

# frombuffer of immutable bytes: a read-only array over someone else's memory.
payload = bytes(range(8))  # expect: not-array
ro = np.frombuffer(payload, dtype=np.uint8)  # expect: copy
ro_pairs = ro.reshape(4, 2)  # expect: view base=ro

# frombuffer of a bytearray: writeable, and writes go into the bytearray.
scratch = bytearray(16)  # expect: not-array
rw = np.frombuffer(scratch, dtype=np.int32)  # expect: copy
rw[0] = 7
back = rw.tobytes()  # expect: not-array
mv = memoryview(data)  # expect: not-array
from_mv = np.asarray(mv)  # expect: view base=data

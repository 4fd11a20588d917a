"""Sizes written as constant expressions and shapes bound to names."""
import numpy as np

N = 100_000_000  # expect: not-array
MB = 2**20  # expect: not-array
PAGE = 4 * 1024  # expect: not-array
ROWS, COLS = 1_000, 2_500  # expect: ROWS=not-array; COLS=not-array
SHAPE = (ROWS, COLS)  # expect: not-array
HALF = N // 2  # expect: not-array

big = np.zeros(N, dtype=np.uint8)  # expect: copy
mega = np.empty(MB)  # expect: copy
page = np.zeros(PAGE, dtype=np.int8)  # expect: copy
table = np.zeros(SHAPE)  # expect: copy
table32 = np.zeros(SHAPE, dtype=np.float32)  # expect: copy
tiled = np.empty((ROWS * 2, COLS // 5))  # expect: copy
hexsize = np.zeros(0x100)  # expect: copy
sci = np.zeros(int(1e6), dtype=np.int16)  # expect: copy

head = big[:PAGE]  # expect: view base=big
tail = big[HALF:]  # expect: view base=big
corner = table[: ROWS // 10, :10]  # expect: view base=table
col = table[:, COLS - 1]  # expect: view base=table
chunk = mega.reshape(MB // 1024, 1024)  # expect: view base=mega
dims = table.shape  # expect: not-array
nbytes = table.nbytes  # expect: not-array
small = page[:16].copy()  # expect: copy

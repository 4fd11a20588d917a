"""try/except/else/finally, match, with, return and raise."""
import contextlib

import numpy as np

data = np.arange(20.0).reshape(4, 5)  # expect: copy

try:
    bad = data[10]
except IndexError:
    fallback = data[-1]  # expect: view base=data
else:
    never = data[0]
finally:
    done = data.copy()  # expect: copy

try:
    fine = data.T  # expect: view base=data
except ValueError:
    pass
else:
    after = fine[0]  # expect: view base=data

try:
    raise KeyError("missing")
except KeyError as err:
    msg = str(err)  # expect: not-array

match data.ndim:
    case 1:
        shaped = data
    case 2:
        shaped = data.reshape(-1)  # expect: view base=data
    case _:
        shaped = None

match data.shape:
    case (rows, cols) if rows < cols:
        wide = data[:, :rows]  # expect: view base=data
    case _:
        wide = data


def first_positive(x):
    for row in x:  # expect: view base=x
        if row.sum() > 0:
            return row
    raise ValueError("none")


found = first_positive(data)  # expect: view base=data


@contextlib.contextmanager
def borrowed(x):
    yield x[1:3]


with borrowed(data) as middle:  # expect: view base=data
    inside = middle[0]  # expect: view base=data

with np.errstate(divide="ignore", invalid="ignore"):
    ratio = data / 0.0  # expect: copy

with contextlib.nullcontext(data) as same_obj, borrowed(data) as mid2:  # expect: same_obj=alias base=data; mid2=view
    pass

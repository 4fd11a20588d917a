"""numpy-views end-to-end scenario: a small column that keeps a 160 MB array alive."""
import numpy as np


def column():
    huge = np.zeros((2, 10_000_000))
    tiny = huge[:, 100]
    return tiny

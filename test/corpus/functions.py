"""Functions: views of parameters, copies, locals, defaults, closures, globals."""
import numpy as np

SCALE = 2.0  # expect: not-array
cache = np.zeros(4)  # expect: copy


def head(x, n=2):
    out = x[:n]  # expect: view base=x
    return out


def doubled(x):
    out = x * SCALE  # expect: copy
    return out


def local_slice():
    tmp = np.arange(10.0)  # expect: copy
    part = tmp[2:4]  # expect: view base=tmp
    return part


def identity(x):
    return x


def with_default(x, buf=np.empty(3)):
    res = np.multiply(x[:3], 2, out=buf)  # expect: alias base=buf
    return res


def counter():
    total = np.zeros(2)  # expect: copy

    def bump(v):
        nonlocal total
        total = total + v  # expect: copy
        seen = total[:1]  # expect: view base=total
        return seen

    return bump


def reset_cache():
    global cache
    cache = cache[::-1]


def fill_cache(value):
    global cache
    cache += value
    alias_of_global = cache  # expect: alias base=cache


src = np.linspace(0.0, 1.0, 8)  # expect: copy
h = head(src)  # expect: view base=src
h3 = head(src, n=3)  # expect: view base=src
d = doubled(src)  # expect: copy
ls = local_slice()  # expect: copy
same = identity(src)  # expect: alias base=src
wd = with_default(src)  # expect: copy
wd2 = with_default(src)  # expect: alias base=wd
bump = counter()  # expect: not-array
b1 = bump(1.0)  # expect: copy
b2 = bump(2.0)  # expect: copy
reset_cache()
fill_cache(1.0)
lam = (lambda x: x.T)(src)  # expect: view base=src
gen = (row for row in src.reshape(2, 4))  # expect: not-array
g0 = next(gen)  # expect: view base=src

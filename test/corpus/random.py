"""Random generation: every draw is a fresh array (or a scalar)."""
import numpy

numpy.random.seed(1234)
u = numpy.random.rand(3, 2)  # expect: copy
n = numpy.random.randn(4)  # expect: copy
r = numpy.random.random((2, 2))  # expect: copy
i = numpy.random.randint(0, 10, size=5)  # expect: copy
g = numpy.random.normal(0.0, 1.0, size=(3,))  # expect: copy
f = numpy.random.uniform(-1, 1, 6)  # expect: copy
c = numpy.random.choice(u.ravel(), size=3)  # expect: copy
p = numpy.random.permutation(5)  # expect: copy

# Without a size, the legacy functions return Python / NumPy scalars.
one = numpy.random.rand()  # expect: not-array
one_int = numpy.random.randint(10)  # expect: not-array
one_normal = numpy.random.normal()  # expect: not-array

# shuffle works in place and returns None.
deck = numpy.arange(8)  # expect: copy
nothing = numpy.random.shuffle(deck)  # expect: not-array

rng = numpy.random.default_rng(0)  # expect: not-array
x = rng.random(4)  # expect: copy
y = rng.normal(size=(2, 3))  # expect: copy
z = rng.integers(0, 100, size=10)  # expect: copy
w = rng.standard_normal(5)  # expect: copy
k = rng.choice(x, 2, replace=False)  # expect: copy
q = rng.permutation(x)  # expect: copy
scalar = rng.random()  # expect: not-array
buf = numpy.empty(4)  # expect: copy
filled = rng.random(out=buf)  # expect: alias base=buf

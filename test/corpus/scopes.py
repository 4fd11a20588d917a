"""Class bodies, methods and attributes, lambdas and comprehensions."""
import numpy as np


class Table:
    width = 3  # expect: not-array
    template = np.zeros(width)  # expect: copy
    first = template[:1]  # expect: view base=template

    def __init__(self, rows):
        self.data = np.zeros((rows, self.width))  # attribute target: not a binding
        v = self.data[:2]  # expect: view base=self.data
        self.view = v

    def column(self, j):
        col = self.data[:, j]  # expect: view base=self.data
        return col

    def snapshot(self):
        snap = self.data.copy()  # expect: copy
        return snap

    def same_as_view(self):
        mine = self.view  # expect: alias base=self.data
        return mine


t = Table(4)  # expect: not-array
c = t.column(1)  # expect: view base=t.data
s = t.snapshot()  # expect: copy
stored = t.view  # expect: alias base=t.data
mv = t.same_as_view()  # expect: alias base=t.data
tmpl = Table.template  # expect: copy
square = lambda arr: arr[::2]  # expect: not-array
sq = square(t.data)  # expect: view base=t.data
rows = [r for r in t.data]  # expect: not-array
r0 = rows[0]  # expect: view base=t.data
halves = {k: t.data[k] for k in range(2)}  # expect: not-array
h1 = halves[1]  # expect: view base=t.data
sums = [x.sum() for x in t.data]  # expect: not-array
gen_first = next(y[:1] for y in t.data)  # expect: view base=t.data
picked = [(z := r[1:]) for r in t.data[:1]]  # expect: not-array; z=view base=t.data
last_walrus = z  # expect: alias base=t.data

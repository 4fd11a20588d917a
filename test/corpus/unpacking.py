"""Unpacking, chained assignment, iteration over arrays, walrus."""
import numpy as np

grid = np.arange(12).reshape(3, 4)  # expect: copy

a = b = np.zeros(3)  # expect: a=alias base=b; b=alias base=a
p, q = grid[0], grid[1:]  # expect: p=view base=grid; q=view base=grid
[r, s] = grid[:2]  # expect: r=view base=grid; s=view base=grid
first, *rest = grid  # expect: first=view base=grid; rest=not-array
*init, last = list(grid)  # expect: init=not-array; last=view base=grid
(u, v), w = (grid[0, :2], grid[1]), grid.copy()  # expect: u=view base=grid; v=view base=grid; w=copy
x1, x2, x3, x4 = grid[2]  # expect: x1=not-array; x2=not-array; x3=not-array; x4=not-array
lo, hi = np.split(grid, [1])  # expect: lo=view base=grid; hi=view base=grid
swap1 = grid[0]  # expect: view base=grid
swap2 = grid[1].copy()  # expect: copy
swap1, swap2 = swap2, swap1  # expect: swap1=copy; swap2=view base=grid

for row in grid:  # expect: view base=grid
    pass

for i, row2 in enumerate(grid):  # expect: i=not-array; row2=view base=grid
    pass

for col in grid.T:  # expect: view base=grid
    pass

for left, right in zip(grid[:, :2], grid[:, 2:]):  # expect: left=view base=grid; right=view base=grid
    pass

for (k, cell) in zip(range(2), grid[0]):  # expect: k=not-array; cell=not-array
    pass

# Rows of an unnamed fancy-indexed copy share memory with no live array.
for copy_row in grid[[0, 2]]:  # expect: copy
    pass

if (top := grid[:1]) is not None:  # expect: view base=grid
    pass
while (chunk := grid[:0]).size:  # expect: view base=grid
    pass
total = (s2 := grid.sum(axis=0)) + 1  # expect: total=copy; s2=copy

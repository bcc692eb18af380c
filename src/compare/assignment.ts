/**
 * The assignment of rows to columns with the largest total weight (the Hungarian method, with
 * potentials, O(n²·m)). `weight(i, j)` is the gain of pairing row i with column j; a pair of
 * weight 0 or less is never returned, so "pairing these is worthless" and "these may not be
 * paired" are both written as 0. Returns [row, column] pairs, each row and column at most once.
 */
export function maximumAssignment(
  rows: number,
  cols: number,
  weight: (row: number, col: number) => number,
): Array<[number, number]> {
  if (rows === 0 || cols === 0) return [];
  // The method below needs no more rows than columns; transpose when there are.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  const cost = new Float64Array((n + 1) * (m + 1));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const w = transposed ? weight(j - 1, i - 1) : weight(i - 1, j - 1);
      // Minimising the negated gain maximises the gain; worthless pairs cost nothing.
      cost[i * (m + 1) + j] = w > 0 ? -w : 0;
    }
  }
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfCol = new Int32Array(m + 1); // 0: column free
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let col0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[col0] = 1;
      const row0 = rowOfCol[col0]!;
      let delta = Infinity;
      let col1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[row0 * (m + 1) + j]! - u[row0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = col0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          col1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfCol[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    do {
      const col1 = way[col0]!;
      rowOfCol[col0] = rowOfCol[col1]!;
      col0 = col1;
    } while (col0 !== 0);
  }
  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= m; j++) {
    const i = rowOfCol[j]!;
    if (i === 0 || cost[i * (m + 1) + j]! >= 0) continue;
    pairs.push(transposed ? [j - 1, i - 1] : [i - 1, j - 1]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

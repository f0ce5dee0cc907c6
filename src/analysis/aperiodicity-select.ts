/**
 * Sum of the `k` largest values of `a[0..n)`, found by quickselect (Hoare, "Algorithm 65: FIND", 1961) instead of
 * a full sort: D4C only needs how much power the strongest few bins hold. Reorders `a` in place.
 */
export function sumOfLargest(a: Float64Array, n: number, k: number): number {
  if (k <= 0) return 0;
  if (k >= n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    return s;
  }
  // Put the k largest values into a[n-k..n): select the element of rank n - k (ascending).
  const target = n - k;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as pivot keeps sorted or constant runs from going quadratic.
    const mid = (lo + hi) >>> 1;
    let p = a[mid];
    const pl = a[lo];
    const ph = a[hi];
    if ((pl <= p && p <= ph) || (ph <= p && p <= pl)) {
      // p is the median
    } else if ((p <= pl && pl <= ph) || (ph <= pl && pl <= p)) p = pl;
    else p = ph;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break; // a[j+1..i-1] all equal the pivot, and target is among them
  }
  let s = 0;
  for (let i = target; i < n; i++) s += a[i];
  return s;
}

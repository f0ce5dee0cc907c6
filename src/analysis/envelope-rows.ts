/**
 * Frame-by-bin matrices (envelope, aperiodicity) as rows that are views into shared blocks: one allocation per
 * 256 rows instead of one per row (thousands of small typed arrays cost measurable time to allocate and to
 * track), while no single buffer grows past a few MB, so hour-long inputs stay within allocation limits.
 */
const ROWS_PER_BLOCK = 256;

export function allocateRows(rows: number, columns: number): Float64Array[] {
  const out: Float64Array[] = new Array(rows);
  for (let start = 0; start < rows; start += ROWS_PER_BLOCK) {
    const count = Math.min(ROWS_PER_BLOCK, rows - start);
    const block = new Float64Array(count * columns);
    for (let r = 0; r < count; r++) out[start + r] = block.subarray(r * columns, (r + 1) * columns);
  }
  return out;
}

// A node:test reporter that ends the run with one plain line, "N passed, N failed, N skipped",
// after the spec reporter's output (every test, at any nesting; suites are not counted).
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

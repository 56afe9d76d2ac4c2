// A node:test reporter that prints only the closing tally CI reads: "N passed, N failed".
// Used beside the spec reporter (see scripts/test.mjs), so people still see every test.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let todo = 0;
  for await (const event of source) {
    const details = event.data?.details;
    // Suites report too; count only the tests inside them.
    if (details?.type === 'suite') continue;
    // A todo test is a known gap, shown but not counted as a failure (node's exit code agrees).
    if (event.data?.todo) {
      if (event.type === 'test:pass' || event.type === 'test:fail') todo++;
    } else if (event.type === 'test:pass') {
      if (event.data.skip) skipped++;
      else passed++;
    } else if (event.type === 'test:fail') {
      failed++;
    }
  }
  const extra = [skipped ? `${skipped} skipped` : '', todo ? `${todo} todo` : ''].filter(Boolean).join(', ');
  yield `\n${passed} passed, ${failed} failed${extra ? `, ${extra}` : ''}\n`;
}

import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, so that CI logs state the count
 * of tests run in a form any reader understands, whatever the default reporter prints; then, if any
 * failed, one line per failed test (file, name and first error line), so that a failure seen once in a
 * long log can still be named.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let skipped = 0;
    const failed: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') {
          const first = result.errors[0]?.message.split('\n')[0] ?? '';
          failed.push(`  FAILED ${module.relativeModuleId} > ${test.fullName}: ${first}`);
        } else skipped++;
      }
    }
    process.stdout.write(`\nvitest: ${passed} passed, ${failed.length} failed, ${skipped} skipped\n`);
    if (failed.length > 0) process.stdout.write(`${failed.join('\n')}\n`);
  }
}

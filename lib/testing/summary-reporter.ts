import type { Reporter, TestModule } from "vitest/node";

/** Prints the plain closing line CI reads: "Vitest: N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file that failed to load (syntax error, failing hook) has no tests but is a failure.
      if (mod.state() === "failed" && [...mod.children.allTests()].every((t) => t.result().state !== "failed")) failed++;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\nVitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

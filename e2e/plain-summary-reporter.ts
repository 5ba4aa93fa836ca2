import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Prints the plain closing line CI reads: "Playwright: N passed, N failed, N skipped". */
export default class PlainSummaryReporter implements Reporter {
  private readonly last = new Map<string, TestResult["status"]>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.last.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const status of this.last.values()) {
      if (status === "passed") passed++;
      else if (status === "skipped") skipped++;
      else failed++;
    }
    // A run that errored outside any test (web server failed to start) still counts as a failure.
    if (result.status !== "passed" && failed === 0) failed = 1;
    process.stdout.write(`\nPlaywright: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

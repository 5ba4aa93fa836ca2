/**
 * Ends a CLI command with a given exit code and message lines for stderr (main() prints them):
 * e.g. 2 for a malformed --query, the conventional "usage error" status.
 */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    readonly lines: string[],
  ) {
    super(lines[0] ?? `exit ${exitCode}`);
    this.name = "CliExit";
  }
}

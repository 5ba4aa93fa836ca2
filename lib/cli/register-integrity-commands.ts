import type { Command } from "commander";
import { addPublicKeysCommand, fetchPublicKeysCommand, integrityCommand } from "@/lib/cli/integrity-command";
import { terminalSafeJson, terminalSafeText } from "@/lib/cli/terminal-safe";

type Io = { out: (s: string) => void; err: (s: string) => void };

/** `trailbench integrity` and `trailbench public-keys …` (issue #7), registered on the program by main.ts. */
export function registerIntegrityCommands(program: Command, io: Io, withDatabase: <T>(fn: () => Promise<T>) => Promise<T>): void {
  program
    .command("integrity")
    .description("validate a case's CloudTrail digests and print the delivery ledger, gaps, coverage and the no-compromise checklist")
    .requiredOption("--case <case>", "case name or id")
    .option("--json", "print everything as one JSON object", false)
    .action(async (o: { case: string; json: boolean }) => {
      const result = await withDatabase(() => integrityCommand(o));
      if (o.json) io.out(terminalSafeJson(result));
      else {
        const d = result.digests;
        io.out(terminalSafeText(`digests: ${d.result} (${d.digests.length} digests, ${d.missingDigests.length} missing, ${d.unverifiableLogFiles.length} unverifiable log files)`));
        for (const item of result.checklist.items) io.out(terminalSafeText(`${item.status.padEnd(7)} ${item.title}: ${item.evidence}`));
      }
    });

  const keys = program.command("public-keys").description("CloudTrail public keys for digest signatures");
  keys
    .command("add")
    .description("add public key files (DER, as ListPublicKeys returns them, or PEM)")
    .argument("<files...>")
    .action(async (files: string[]) => {
      for (const fp of await withDatabase(() => addPublicKeysCommand(files))) io.out(`added ${fp}`);
    });
  keys
    .command("fetch")
    .description("fetch the keys valid in a time range with CloudTrail ListPublicKeys (standard AWS credential chain)")
    .requiredOption("--region <region>", "AWS region")
    .requiredOption("--start <time>", "UTC start, e.g. 2023-07-01")
    .requiredOption("--end <time>", "UTC end")
    .option("--endpoint <url>", "CloudTrail endpoint (tests, private endpoints)")
    .action(async (o: { region: string; start: string; end: string; endpoint?: string }) => {
      const r = await withDatabase(() => fetchPublicKeysCommand(o));
      for (const fp of r.stored) io.out(`stored ${fp}`);
      for (const x of r.refused) io.err(terminalSafeText(`refused ${x.fingerprint}: ${x.reason}`));
    });
}

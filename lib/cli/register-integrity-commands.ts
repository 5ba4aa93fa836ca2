import type { Command } from "commander";
import { addPublicKeysCommand, fetchPublicKeysCommand, integrityCommand } from "@/lib/cli/integrity-command";
import { CliExit } from "@/lib/cli/cli-exit";
import { reportCommand } from "@/lib/cli/report-command";
import { terminalSafeJson, terminalSafeText } from "@/lib/cli/terminal-safe";
import { REPORT_FORMATS, type ReportFormat } from "@/lib/reports/create-report";

type Io = { out: (s: string) => void; err: (s: string) => void };

/** `trailbench integrity`, `trailbench public-keys …` (issue #7) and `trailbench report` (issue #8), registered on the program by main.ts. */
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

  program
    .command("report")
    .description("export the case report (pdf, html, md, json or csv) as a new snapshot, written to a file")
    .requiredOption("--case <case>", "case name or id")
    .requiredOption("--format <format>", `one of ${REPORT_FORMATS.join(", ")}`)
    .requiredOption("--out <file>", "where to write it")
    .option("--json", "print the snapshot's identifier, sha256 and size as JSON", false)
    .action(async (o: { case: string; format: string; out: string; json: boolean }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(o.format)) throw new CliExit(2, [`error: --format must be one of ${REPORT_FORMATS.join(", ")}`]);
      const report = await withDatabase(() => reportCommand({ case: o.case, format: o.format as ReportFormat, out: o.out }));
      if (o.json) io.out(terminalSafeJson(report));
      else io.out(terminalSafeText(`${report.identifier}.${report.format} → ${o.out} (${report.size} bytes, sha256 ${report.sha256})`));
    });
}

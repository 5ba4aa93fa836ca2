// The `trailbench` command line. It shares lib/ with the web app and acts as the local operator: whoever
// can run it on the server already holds the database credentials.
import { once } from "node:events";
import { Command, CommanderError } from "commander";
import { createCase } from "@/lib/cases/create-case";
import { connectDatabase } from "@/lib/cli/connect-database";
import { ingestCommand, type IngestTarget } from "@/lib/cli/ingest-command";
import { readSecret } from "@/lib/cli/read-secret";
import { listAllCases } from "@/lib/cli/list-all-cases";
import { findLeadUser } from "@/lib/cli/find-lead-user";
import { addCaseMember } from "@/lib/cases/add-case-member";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { CaseRole } from "@/lib/db/generated/enums";
import { AppError, isExpectedError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { CliExit } from "@/lib/cli/cli-exit";
import { eventsCommand, parseQueryOption, type RecordSink } from "@/lib/cli/events-command";
import { formatLineageText } from "@/lib/cli/format-lineage-text";
import { lineageCommand } from "@/lib/cli/lineage-command";
import { detectCommand, findingsCommand } from "@/lib/cli/detect-command";
import { registerIntegrityCommands } from "@/lib/cli/register-integrity-commands";
import { registerBackupCommands } from "@/lib/cli/register-backup-commands";
import { terminalSafeJson, terminalSafeText } from "@/lib/cli/terminal-safe";

const isCaseRole = (v: string): v is CaseRole => (Object.values(CaseRole) as string[]).includes(v);

type Io = { out: (s: string) => void; err: (s: string) => void };
const defaultIo: Io = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") };

async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const conn = await connectDatabase();
  try {
    return await fn();
  } finally {
    await conn.close();
  }
}

export function buildProgram(io: Io): Command {
  const program = new Command("trailbench")
    .description("Trailbench: investigate AWS accounts from their CloudTrail record")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  const users = program.command("users").description("manage user accounts");
  users
    .command("create")
    .description("create a local user (reads the password from a hidden prompt or the first line of stdin)")
    .argument("<email>")
    .option("--admin", "make the user an administrator", false)
    .option("--name <name>", "display name (default: the part of the email before @)")
    .action(async (email: string, o: { admin: boolean; name?: string }) => {
      const password = await readSecret(`Password for ${email} (at least 12 characters): `);
      const user = await withDatabase(() =>
        createUser({ email, name: o.name ?? email.split("@")[0] ?? email, password, role: o.admin ? "admin" : "member" }),
      );
      io.out(`created ${user.role} ${user.email} (${user.id})`);
    });

  const cases = program.command("cases").description("manage cases");
  cases
    .command("create")
    .argument("<name>")
    .option("--description <text>", "case description", "")
    .option("--lead <email>", "the user who leads the case (default: the first administrator)")
    .option("--json", "print JSON", false)
    .action(async (name: string, o: { description: string; lead?: string; json: boolean }) => {
      await withDatabase(async () => {
        const leadUser = await findLeadUser(o.lead);
        const created = await createCase(null, { name, description: o.description });
        if (leadUser) await addCaseMember(created.id, leadUser.id, "lead");
        const lead = leadUser?.email ?? null;
        if (o.json) io.out(JSON.stringify({ id: created.id, name: created.name, lead }));
        else io.out(`created case "${created.name}" (${created.id})${lead ? `, lead ${lead}` : ", no members yet"}`);
      });
    });
  cases
    .command("add-member")
    .description("make a user a member of a case, or change their role")
    .argument("<case>", "case name or id")
    .argument("<email>")
    .option("--role <role>", "lead, investigator or viewer", "investigator")
    .action(async (caseArg: string, email: string, o: { role: string }) => {
      if (!isCaseRole(o.role)) throw new AppError("INVALID_INPUT", `--role must be lead, investigator or viewer, not "${o.role}".`);
      const role = o.role;
      await withDatabase(async () => {
        const caseId = await unsafeFindCaseIdByNameOrId(caseArg);
        const user = await findLeadUser(email);
        await addCaseMember(caseId, user!.id, role);
        io.out(`${user!.email} is now ${role} of case ${caseId}`);
      });
    });
  cases
    .command("list")
    .option("--json", "print JSON", false)
    .action(async (o: { json: boolean }) => {
      const all = await withDatabase(() => listAllCases());
      if (o.json) return io.out(JSON.stringify(all));
      for (const c of all) io.out(`${c.id}  ${c.name}  (${c.eventCount} events, ${c.memberCount} members)`);
      if (all.length === 0) io.out("no cases");
    });

  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command("ingest")
    .description("ingest CloudTrail evidence: a file, archive or folder, an S3 bucket (s3://bucket/prefix), or the LookupEvents API")
    .argument("[source]", "file, archive, folder, or s3://bucket/prefix")
    .requiredOption("--case <case>", "case name or id")
    .option("--account <id>", "S3: only this account (repeatable)", collect, [])
    .option("--region <region>", "S3: only this trail region; LookupEvents: query this region (repeatable)", collect, [])
    .option("--from <time>", "S3: first UTC day; LookupEvents: start time (ISO 8601)")
    .option("--to <time>", "S3: last UTC day; LookupEvents: end time (ISO 8601)")
    .option("--lookup-events", "read the CloudTrail LookupEvents API instead of files", false)
    .option("--attribute <key=value>", "LookupEvents: one lookup attribute, e.g. AccessKeyId=ASIA…")
    .option("--endpoint-url <url>", "S3 / CloudTrail endpoint (S3-compatible stores, tests)")
    .option("--bucket-region <region>", "S3: the bucket's region (default us-east-1; redirects are followed)")
    .option("--json", "print a JSON summary", false)
    .action(async (source: string | undefined, o: IngestOptions) => {
      const target = ingestTarget(source, o);
      const summary = await withDatabase(() => ingestCommand(target, { case: o.case, progress: !o.json && process.stderr.isTTY === true }));
      if (o.json) {
        io.out(
          JSON.stringify({
            files: summary.files,
            records: summary.records,
            inserted: summary.inserted,
            duplicates: summary.duplicates,
            rejected: summary.rejected,
            eventsPerSecond: summary.eventsPerSecond,
            state: summary.state,
            ingestRunId: summary.ingestRunId,
            message: summary.message,
          }),
        );
      } else {
        io.out(
          `${summary.state}: ${summary.files} files, ${summary.records} records, ${summary.inserted} inserted, ` +
            `${summary.duplicates} duplicates, ${summary.rejected.length} problems` +
            (summary.message ? ` (${summary.message})` : ""),
        );
        for (const p of summary.rejected) io.out(`  rejected ${p.file}: ${p.reason}`);
      }
      if (summary.state !== "succeeded") throw new CliFailure();
    });

  program
    .command("lineage")
    .description("credential lineage of an access key: back to its origin, forward to every key derived from it")
    .requiredOption("--case <case>", "case name or id")
    .requiredOption("--access-key <key>", "the access key (AKIA… / ASIA…)")
    .option("--json", "print the lineage as JSON on one line", false)
    .action(async (o: { case: string; accessKey: string; json: boolean }) => {
      const lineage = await withDatabase(() => lineageCommand(o));
      if (o.json) io.out(terminalSafeJson(lineage));
      else for (const line of formatLineageText(lineage)) io.out(line);
    });

  program
    .command("detect")
    .description("run every detection rule (built-in and Sigma) over a case now, updating its findings (only what new evidence changes, unless --full)")
    .requiredOption("--case <case>", "case name or id")
    .option("--full", "recompute the findings from every event", false)
    .option("--json", "print the run's summary as JSON", false)
    .action(async (o: { case: string; full: boolean; json: boolean }) => {
      const summary = await withDatabase(() => detectCommand(o));
      if (o.json) io.out(terminalSafeJson(summary));
      else
        io.out(
          `${summary.mode} run: ${summary.findings} findings (${summary.created} new, ${summary.updated} updated, ${summary.removed} removed) from ${summary.builtinRules} built-in and ${summary.sigmaRules} Sigma rules over ${summary.eventsRead} events in ${(summary.ms / 1000).toFixed(1)} s`,
        );
    });

  program
    .command("findings")
    .description("print a case's findings, most severe first")
    .requiredOption("--case <case>", "case name or id")
    .option("--json", "print them as one JSON array", false)
    .action(async (o: { case: string; json: boolean }) => {
      const findings = await withDatabase(() => findingsCommand(o));
      if (o.json) io.out(terminalSafeJson(findings));
      else for (const f of findings) io.out(terminalSafeText(`${f.severity.padEnd(8)} ${f.status.padEnd(14)} ${f.ruleId}  ${f.principal || "(no principal)"}  ${f.eventCount} events${f.failedAttempt ? " (failed attempt)" : ""}`));
    });

  registerIntegrityCommands(program, io, withDatabase);
  registerBackupCommands(program, io);

  program
    .command("events")
    .description("print the verbatim records of the events matching a filter, newest first")
    .requiredOption("--case <case>", "case name or id")
    .option("--query <filter>", "filter language, as in the events page's search box", "")
    .option("--format <format>", "output format: ndjson (one record per line)", "ndjson")
    .option("--limit <n>", "print at most n records", positiveInteger)
    .action(async (o: { case: string; query: string; format: string; limit?: number }) => {
      const filter = parseQueryOption(o.query);
      let closed = false;
      // `trailbench events … | head`: the reader leaving is the end of the output, not an error.
      const onError = (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE") throw err;
        closed = true;
      };
      process.stdout.on("error", onError);
      const sink: RecordSink = {
        write: (line) => {
          if (!closed) io.out(line);
        },
        warn: io.err,
        closed: () => closed,
        drain: async () => {
          // once() rejects on 'error': an EPIPE while waiting is handled by onError, which sets `closed`.
          if (process.stdout.writableNeedDrain && !closed) await once(process.stdout, "drain").catch(() => undefined);
        },
      };
      try {
        const result = await withDatabase(() => eventsCommand({ ...o, filter }, sink));
        if (result.unreadable > 0) throw new CliExit(1, [`error: ${result.unreadable} record${result.unreadable === 1 ? "" : "s"} could not be read from the evidence`]);
      } finally {
        process.stdout.off("error", onError);
      }
    });

  program
    .command("db")
    .description("database maintenance")
    .command("migrate")
    .description("apply pending migrations")
    .action(async () => {
      // Connecting applies pending migrations (connectDatabase → prepareDatabase).
      await withDatabase(async () => undefined);
      io.out("database is up to date");
    });
  return program;
}

class CliFailure extends Error {}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new AppError("INVALID_INPUT", `--limit takes a positive whole number, not "${value}".`);
  return n;
}

type IngestOptions = {
  case: string;
  account: string[];
  region: string[];
  from?: string;
  to?: string;
  lookupEvents: boolean;
  attribute?: string;
  endpointUrl?: string;
  bucketRegion?: string;
  json: boolean;
};

function ingestTarget(source: string | undefined, o: IngestOptions): IngestTarget {
  if (o.lookupEvents) {
    if (source) throw new AppError("INVALID_INPUT", "--lookup-events reads the API: give no source path.");
    if (!o.from || !o.to || o.region.length === 0) throw new AppError("INVALID_INPUT", "--lookup-events needs --region, --from and --to.");
    return { kind: "lookup-events", regions: o.region, from: o.from, to: o.to, attribute: o.attribute, endpoint: o.endpointUrl };
  }
  if (!source) throw new AppError("INVALID_INPUT", "Give a file, archive, folder or s3:// URL to ingest (or --lookup-events).");
  if (source.startsWith("s3://")) {
    return { kind: "s3", url: source, accounts: o.account, regions: o.region, from: o.from, to: o.to, endpoint: o.endpointUrl, bucketRegion: o.bucketRegion };
  }
  if (o.account.length || o.region.length || o.from || o.to) {
    throw new AppError("INVALID_INPUT", "--account, --region, --from and --to select within an S3 bucket or the LookupEvents API, not a local path.");
  }
  return { kind: "path", path: source };
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CliFailure) return 1;
    if (err instanceof CliExit) {
      for (const line of err.lines) io.err(line);
      return err.exitCode;
    }
    if (err instanceof CommanderError) return err.exitCode;
    if (isExpectedError(err)) {
      io.err(`error: ${err.message}`);
      return 1;
    }
    if (err && typeof err === "object" && "issues" in err) {
      io.err(`error: ${(err as { issues: { message: string; path: unknown[] }[] }).issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
      return 1;
    }
    io.err(`error: ${(err as Error).message ?? String(err)}`);
    return 1;
  }
}

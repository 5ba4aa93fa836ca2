// The `trailbench` command line. It shares lib/ with the web app and acts as the local operator: whoever
// can run it on the server already holds the database credentials.
import { Command, CommanderError } from "commander";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { createCase } from "@/lib/cases/create-case";
import { connectDatabase } from "@/lib/cli/connect-database";
import { ingestCommand } from "@/lib/cli/ingest-command";
import { readSecret } from "@/lib/cli/read-secret";
import { listAllCases } from "@/lib/cli/list-all-cases";
import { addCaseMemberByEmail } from "@/lib/cli/add-case-member-by-email";
import { db } from "@/lib/db/client";
import { isExpectedError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

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
        const created = await createCase(null, { name, description: o.description });
        const lead = await addCaseMemberByEmail(created.id, o.lead, "lead");
        if (o.json) io.out(JSON.stringify({ id: created.id, name: created.name, lead }));
        else io.out(`created case "${created.name}" (${created.id})${lead ? `, lead ${lead}` : ", no members yet"}`);
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

  program
    .command("ingest")
    .description("ingest a CloudTrail file, archive or folder into a case")
    .argument("<path>")
    .requiredOption("--case <case>", "case name or id")
    .option("--json", "print a JSON summary", false)
    .action(async (target: string, o: { case: string; json: boolean }) => {
      const summary = await withDatabase(async () => {
        await unsafeFindCaseIdByNameOrId(o.case);
        return ingestCommand(target, { case: o.case, progress: !o.json && process.stderr.isTTY === true });
      });
      if (o.json) {
        io.out(JSON.stringify(summary));
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
    .command("db")
    .description("database maintenance")
    .command("migrate")
    .description("apply pending migrations")
    .action(async () => {
      await withDatabase(async () => {
        await db.$queryRaw`SELECT 1`;
      });
      io.out("database is up to date");
    });
  return program;
}

class CliFailure extends Error {}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CliFailure) return 1;
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

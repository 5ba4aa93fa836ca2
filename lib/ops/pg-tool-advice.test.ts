import { describe, expect, it } from "vitest";
import { parsePgToolMajor } from "@/lib/ops/find-pg-tool";
import { pgToolAdvice } from "@/lib/ops/pg-tool-advice";

describe("parsePgToolMajor", () => {
  it.each([
    ["pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n", 15],
    ["pg_restore (PostgreSQL) 18.1\n", 18],
    ["pg_dump (PostgreSQL) 9.6.24", 9],
    ["pg_dump (PostgreSQL) 17beta2", 17],
  ])("%j → %i", (text, major) => expect(parsePgToolMajor(text)).toBe(major));

  it("is null for anything else", () => {
    expect(parsePgToolMajor("bash: pg_dump: command not found")).toBeNull();
    expect(parsePgToolMajor("")).toBeNull();
  });
});

describe("pgToolAdvice", () => {
  const base = { file: "/srv/backups/trailbench 2026-11-21.dump", urlHint: "postgresql://trailbench:PASSWORD@127.0.0.1:54329/trailbench", passwordHint: "the password is in /srv/data/embedded-postgres.json" };

  it("pg_dump too old for the embedded PostgreSQL 18: the apt.postgresql.org client and the Docker command", () => {
    expect(pgToolAdvice({ ...base, tool: "pg_dump", serverMajor: 18, found: [{ path: "/usr/bin/pg_dump", major: 15 }, { path: "/usr/lib/postgresql/16/bin/pg_dump", major: 16 }] })).toEqual([
      "pg_dump 16 (/usr/lib/postgresql/16/bin/pg_dump) cannot back up this PostgreSQL 18 server: pg_dump must be at least the server's major version (18).",
      "Install the PostgreSQL 18 client tools and run this command again (it looks in /usr/lib/postgresql/<version>/bin and on PATH; --pg-bin <dir> names another directory):",
      "  Debian/Ubuntu (adds the PostgreSQL project's apt.postgresql.org repository):",
      "    sudo apt-get install -y postgresql-common && sudo /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y && sudo apt-get install -y postgresql-client-18",
      "  Or run the PostgreSQL 18 image's pg_dump with Docker (from the directory holding the backup; the password is in /srv/data/embedded-postgres.json):",
      `    docker run --rm --network host -v "$PWD":/backup postgres:18 pg_dump --format=custom --file=/backup/'trailbench 2026-11-21.dump' postgresql://trailbench:PASSWORD@127.0.0.1:54329/trailbench`,
    ]);
  });

  it("pg_restore missing altogether", () => {
    const lines = pgToolAdvice({ ...base, file: "x.dump", tool: "pg_restore", serverMajor: 17, found: [] });
    expect(lines[0]).toBe("pg_restore was not found: it is needed to restore into the PostgreSQL 17 server.");
    expect(lines[3]).toBe(
      "    sudo apt-get install -y postgresql-common && sudo /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y && sudo apt-get install -y postgresql-client-17",
    );
    expect(lines[5]).toBe(
      `    docker run --rm --network host -v "$PWD":/backup postgres:17 pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname=postgresql://trailbench:PASSWORD@127.0.0.1:54329/trailbench /backup/x.dump`,
    );
  });

  it("quotes a hostile file name for the shell", () => {
    const lines = pgToolAdvice({ ...base, file: "a'b;rm -rf ~.dump", tool: "pg_dump", serverMajor: 18, found: [] });
    expect(lines[5]).toContain(`--file=/backup/'a'\\''b;rm -rf ~.dump'`);
  });
});

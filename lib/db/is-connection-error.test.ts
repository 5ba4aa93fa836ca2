import { describe, expect, it } from "vitest";
import { isConnectionError } from "@/lib/db/is-connection-error";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isConnectionError", () => {
  it("recognises a database that is gone or restarting", () => {
    expect(isConnectionError(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isConnectionError(withCode("read ECONNRESET", "ECONNRESET"))).toBe(true);
    expect(isConnectionError(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isConnectionError(withCode("the database system is shutting down", "57P03"))).toBe(true);
    expect(isConnectionError(withCode("connection failure", "08006"))).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    // pg-boss emits a plain object copy of the error on its 'error' event.
    expect(isConnectionError({ message: "connect ECONNREFUSED 127.0.0.1:5432 (Queue: ingest)", code: "ECONNREFUSED", queue: "ingest" })).toBe(true);
    // The embedded cluster's Unix socket while it is stopped (its socket file is removed), as node's net
    // error and as pg-boss's copy of it.
    const socket = "/srv/data/run/.s.PGSQL.54329";
    expect(isConnectionError(Object.assign(withCode(`connect ENOENT ${socket}`, "ENOENT"), { syscall: "connect", address: socket }))).toBe(true);
    expect(isConnectionError({ message: `connect ENOENT ${socket} (Queue: ingest)`, code: "ENOENT" })).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isConnectionError(withCode('duplicate key value violates unique constraint "events_pkey"', "23505"))).toBe(false);
    expect(isConnectionError(withCode("canceling statement due to statement timeout", "57014"))).toBe(false);
    expect(isConnectionError(withCode("ENOSPC: no space left on device, write", "ENOSPC"))).toBe(false);
    // A missing file is not the database, unless it is a connect to a PostgreSQL socket.
    expect(isConnectionError(Object.assign(withCode("ENOENT: no such file or directory, open '/srv/data/evidence/ab/cd'", "ENOENT"), { syscall: "open" }))).toBe(false);
    expect(isConnectionError({ message: "connect ENOENT /srv/data/run/other.sock", code: "ENOENT" })).toBe(false);
    expect(isConnectionError(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isConnectionError("ECONNREFUSED")).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

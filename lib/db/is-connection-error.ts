// Errors that mean "the database connection is gone or cannot be made" (PostgreSQL restarting, stopped,
// or unreachable), as opposed to an error in a statement. They end when the database is back: the pool
// opens new connections, so a process that meets one logs it and carries on.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// SQLSTATE class 08 (connection exception); 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
const SQLSTATE = /^(08...|57P0[123])$/;
// node-postgres's own messages for a connection lost mid-use or a client that may not be used again.
const PG_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/** Also for the plain objects some libraries emit in place of the Error (pg-boss's 'error' event). */
export function isConnectionError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { code, message, syscall } = err as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  // A Unix socket whose server is stopped: PostgreSQL removes the socket file on shutdown. Only a connect's
  // ENOENT: a missing file anywhere else is not the database.
  if (code === "ENOENT" && (syscall === "connect" || (typeof message === "string" && /connect ENOENT \S*\/\.s\.PGSQL\.\d+/.test(message)))) return true;
  return typeof message === "string" && PG_MESSAGES.test(message);
}

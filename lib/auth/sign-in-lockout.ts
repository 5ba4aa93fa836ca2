import { env } from "@/lib/env.js";
import { recordAudit } from "@/lib/audit/record-audit";
import { getPool } from "@/lib/db/client";

export type SignInLock = { locked: false } | { locked: true; retryAfterSeconds: number };

/**
 * Whether password sign-in is locked for an email (issue #9): TRAILBENCH_SIGNIN_MAX_FAILURES failed
 * sign-ins for it since its last successful one, within the last TRAILBENCH_SIGNIN_LOCKOUT_MINUTES. The
 * count comes from the audit log (auth.sign-in-failed rows carry the typed email, lower-cased), so it
 * holds across restarts and web processes and needs no table of its own. Refused attempts while locked
 * are recorded as auth.sign-in-locked and do not extend the lock. It applies to any typed email, known
 * or not, so it tells an attacker nothing about which accounts exist.
 */
export async function signInLockout(email: string, now = new Date()): Promise<SignInLock> {
  const label = email.trim().toLowerCase();
  const minutes = env.TRAILBENCH_SIGNIN_LOCKOUT_MINUTES;
  const { rows } = await getPool().query<{ failures: number; last: Date | null }>(
    `WITH since AS (
       SELECT greatest($3::timestamptz - make_interval(mins => $2),
                       coalesce((SELECT max(at) FROM audit_log WHERE action = 'auth.sign-in' AND actor_label = $1), '-infinity')) AS at)
     SELECT count(*)::int AS failures, max(at) AS last
       FROM audit_log
      WHERE action = 'auth.sign-in-failed' AND actor_label = $1 AND at > (SELECT at FROM since)`,
    [label, minutes, now],
  );
  const { failures, last } = rows[0]!;
  if (failures < env.TRAILBENCH_SIGNIN_MAX_FAILURES || last === null) return { locked: false };
  const until = last.getTime() + minutes * 60_000;
  return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Records a password sign-in refused because the email is locked (auth.sign-in-locked; never extends the lock). */
export async function recordLockedSignIn(email: string, lock: { retryAfterSeconds: number }): Promise<void> {
  await recordAudit({
    action: "auth.sign-in-locked",
    actorId: null,
    actorLabel: email.trim().toLowerCase().slice(0, 320) || null,
    detail: { method: "password", retryAfterSeconds: lock.retryAfterSeconds },
  });
}

-- Password sign-in lockout (issue #9): an email's recent sign-ins and failed sign-ins, read from the audit log.
CREATE INDEX "audit_log_sign_ins_idx" ON "audit_log"("actor_label", "at") WHERE action = ANY (ARRAY['auth.sign-in'::text, 'auth.sign-in-failed'::text]);

-- The case's chosen baseline end (issue #10): identity baselines are built from the events before it.
-- NULL: the incident window's start, else the whole evidence.
ALTER TABLE "cases" ADD COLUMN "baseline_end" TIMESTAMPTZ(3);

"use client";
import Link from "next/link";
import { useId, useState } from "react";
import { addEventTagAction, removeEventTagAction } from "@/app/(workbench)/cases/[caseId]/notes/actions";
import type { ActionResult } from "@/lib/auth/action-result";
import { eventsViewHref } from "@/lib/events/events-view";

/**
 * An event's tags as chips (each a link to the case's events with that tag), removable, and an input
 * that suggests the case's tags and the defaults. Tags are normalised and validated on the server.
 */
export function TagEditor({
  caseId,
  eventId,
  tags,
  suggestions,
  canWrite,
}: {
  caseId: string;
  eventId: string;
  tags: string[];
  suggestions: string[];
  canWrite: boolean;
}) {
  const listId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (action: () => Promise<ActionResult<unknown>>, clear: boolean) => {
    setPending(true);
    const result = await action();
    setPending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.tag?.join(" ") ?? result.error);
      return;
    }
    setError(null);
    if (clear) setValue("");
  };
  return (
    <div data-testid="tag-editor">
      <ul className="chips" aria-label="Tags">
        {tags.length === 0 ? <li className="muted small">No tags.</li> : null}
        {tags.map((tag) => (
          <li key={tag} className="chip" data-testid="tag-chip">
            <Link href={eventsViewHref(caseId, { q: `tag:${tag}`, cols: [] })}>{tag}</Link>
            {canWrite ? (
              <button
                type="button"
                className="btn-quiet"
                style={{ border: 0, background: "none", cursor: "pointer", marginLeft: ".2rem" }}
                disabled={pending}
                aria-label={`Remove tag ${tag}`}
                onClick={() => void run(() => removeEventTagAction({ caseId, eventId, tag }), false)}
              >
                ✕
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form
          className="row"
          aria-label="Add a tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) void run(() => addEventTagAction({ caseId, eventId, tag: value }), true);
          }}
        >
          <input
            type="text"
            aria-label="Tag"
            list={listId}
            value={value}
            maxLength={40}
            placeholder="malicious, persistence, attack:t1078 …"
            onChange={(e) => setValue(e.target.value)}
            style={{ fontFamily: "var(--mono)" }}
          />
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <button className="btn" type="submit" disabled={pending || !value.trim()}>
            Add tag
          </button>
          {suggestions.slice(0, 6).map((s) => (
            <button
              key={s}
              type="button"
              className="chip-link"
              style={{ background: "none", cursor: "pointer", font: "inherit", fontSize: ".82rem" }}
              disabled={pending}
              onClick={() => void run(() => addEventTagAction({ caseId, eventId, tag: s }), false)}
              aria-label={`Add tag ${s}`}
            >
              + {s}
            </button>
          ))}
        </form>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

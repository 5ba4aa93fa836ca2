import { AppError } from "@/lib/errors";

/**
 * A query the filter language cannot read. An expected error (INVALID_INPUT, 400): the message is
 * safe to show and names the problem precisely; `start`/`end` are UTF-16 offsets of the offending
 * text in the query (end exclusive) so the search box can underline it.
 */
export class FilterSyntaxError extends AppError {
  readonly start: number;
  readonly end: number;
  constructor(message: string, start: number, end: number) {
    super("INVALID_INPUT", message);
    this.name = "FilterSyntaxError";
    this.start = start;
    this.end = Math.max(start, end);
  }
  /** What a route hands back to the search box. */
  toJSON(): { message: string; start: number; end: number } {
    return { message: this.message, start: this.start, end: this.end };
  }
}

/** "at 5" or "at 5–9": 1-based, inclusive character positions, as a person counts them. */
export function positionText(start: number, end: number): string {
  return end - start > 1 ? `at ${start + 1}–${end}` : `at ${start + 1}`;
}

/** A user-typed string quoted for a message, shortened so a 4,000-character token cannot flood it. */
export function quoteForMessage(text: string): string {
  const chars = Array.from(text);
  return `"${chars.length > 40 ? `${chars.slice(0, 39).join("")}…` : text}"`;
}

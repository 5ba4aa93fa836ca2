// Turns what the AWS SDK throws (service errors, credential-chain errors, socket errors) into
// "<Code>: <message>" for run problems and failure messages. The message comes from the server, which
// for an S3-compatible endpoint is anyone's: it is shortened and stripped of control characters.
const MAX_MESSAGE_CHARS = 300;

export function s3ErrorText(error: unknown): string {
  return `${s3ErrorCode(error)}: ${s3ErrorMessage(error)}`;
}

export function s3ErrorCode(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as { Code?: unknown; code?: unknown; name?: unknown };
  // Service errors carry the S3 code as `name` (and often `Code`); socket errors as errno `code`.
  if (typeof e.Code === "string" && e.Code !== "") return clean(e.Code);
  if (typeof e.code === "string" && e.code !== "") return clean(e.code);
  if (typeof e.name === "string" && e.name !== "") return clean(e.name);
  return "Error";
}

function s3ErrorMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  // AggregateError (connection attempts to several addresses) has an empty message of its own.
  if (message === "" && error instanceof AggregateError) message = error.errors.map((inner) => s3ErrorMessage(inner)).join("; ");
  return clean(message || "no message");
}

function clean(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)}…` : flat;
}

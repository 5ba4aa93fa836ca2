// Reads binary COPY tuples (as parse threads write them: no header or trailer) back into their raw
// fields, for tests that look at what a thread produced without a database.

/** Each tuple's fields: their bytes, or null for SQL NULL. */
export function decodeCopyTuples(copy: Uint8Array | null): (Buffer | null)[][] {
  const buf = Buffer.from(copy ?? new Uint8Array());
  const tuples: (Buffer | null)[][] = [];
  let at = 0;
  while (at < buf.length) {
    const count = buf.readInt16BE(at);
    at += 2;
    const fields: (Buffer | null)[] = [];
    for (let i = 0; i < count; i++) {
      const len = buf.readInt32BE(at);
      at += 4;
      if (len === -1) {
        fields.push(null);
      } else {
        fields.push(buf.subarray(at, at + len));
        at += len;
      }
    }
    tuples.push(fields);
  }
  return tuples;
}

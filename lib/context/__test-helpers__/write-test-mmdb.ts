import { ipv4ToNumber, ipv6ToWords } from "../parse-ip-address";

/**
 * A minimal MaxMind DB writer for tests (format spec: maxmind.github.io/MaxMind-DB): an IPv6 tree
 * with 24-bit records, IPv4 networks stored at ::a.b.c.d as MaxMind does, and a data section of
 * maps holding strings and uint32s. Enough to build small country and ASN databases.
 */
export type TestRecord = Record<string, string | number | Record<string, string>>;

export function writeTestMmdb(networks: Array<[cidr: string, record: TestRecord]>, opts: { databaseType: string; buildEpoch: number }): Buffer {
  const data: Buffer[] = [];
  let dataLength = 0;
  const offsets: number[] = [];
  for (const [, record] of networks) {
    const encoded = encode(record);
    offsets.push(dataLength);
    data.push(encoded);
    dataLength += encoded.length;
  }

  // Nodes: [left, right], each a node index, or { data: offset }, or null (no data).
  type Slot = number | { data: number } | null;
  const nodes: Array<[Slot, Slot]> = [[null, null]];
  networks.forEach(([cidr], i) => {
    const [bits, length] = cidrBits(cidr);
    let node = 0;
    for (let depth = 0; depth < length; depth++) {
      const side = bits[depth] ?? 0;
      const current = nodes[node] as [Slot, Slot];
      if (depth === length - 1) {
        current[side] = { data: offsets[i] ?? 0 };
        break;
      }
      const next = current[side];
      if (typeof next === "number") {
        node = next;
      } else {
        nodes.push([null, null]);
        current[side] = nodes.length - 1;
        node = nodes.length - 1;
      }
    }
  });

  const nodeCount = nodes.length;
  const tree = Buffer.alloc(nodeCount * 6);
  const value = (slot: Slot) => (slot === null ? nodeCount : typeof slot === "number" ? slot : nodeCount + 16 + slot.data);
  nodes.forEach(([left, right], i) => {
    tree.writeUIntBE(value(left), i * 6, 3);
    tree.writeUIntBE(value(right), i * 6 + 3, 3);
  });

  const metadata = encode({
    binary_format_major_version: { uint16: 2 },
    binary_format_minor_version: { uint16: 0 },
    build_epoch: { uint64: opts.buildEpoch },
    database_type: opts.databaseType,
    description: { en: "trailbench test database" },
    ip_version: { uint16: 6 },
    languages: { array: [] },
    node_count: nodeCount,
    record_size: { uint16: 24 },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, Buffer.from([0xab, 0xcd, 0xef]), Buffer.from("MaxMind.com"), metadata]);
}

function cidrBits(cidr: string): [number[], number] {
  const [address = "", lengthText = ""] = cidr.split("/");
  const length = Number(lengthText);
  const bits: number[] = [];
  if (address.includes(":")) {
    for (const word of ipv6ToWords(address)) for (let b = 31; b >= 0; b--) bits.push((word >>> b) & 1);
    return [bits, length];
  }
  for (let b = 0; b < 96; b++) bits.push(0);
  const n = ipv4ToNumber(address);
  for (let b = 31; b >= 0; b--) bits.push((n >>> b) & 1);
  return [bits, 96 + length];
}

type Typed = { uint16: number } | { uint64: number } | { array: unknown[] };
type Value = string | number | Typed | { [key: string]: Value };

/** Control byte: type in the top 3 bits (0 = extended: the next byte holds type − 7), size in the low 5. */
function control(type: number, size: number): Buffer {
  if (size > 284) throw new Error("test writer: sizes above 284 are not needed");
  // Sizes 29–284 are written as 29 plus one extra byte holding size − 29.
  const low = size < 29 ? size : 29;
  const extra = size < 29 ? [] : [size - 29];
  return Buffer.from(type <= 7 ? [(type << 5) | low, ...extra] : [low, type - 7, ...extra]);
}

function uintBytes(n: number, max: number): Buffer {
  const out: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) out.unshift(Number(v & 255n));
  if (out.length > max) throw new Error("test writer: integer too large");
  return Buffer.from(out);
}

function encode(value: Value): Buffer {
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === "number") {
    const bytes = uintBytes(value, 4);
    return Buffer.concat([control(6, bytes.length), bytes]);
  }
  if ("uint16" in value && typeof value.uint16 === "number") {
    const bytes = uintBytes(value.uint16, 2);
    return Buffer.concat([control(5, bytes.length), bytes]);
  }
  if ("uint64" in value && typeof value.uint64 === "number") {
    const bytes = uintBytes(value.uint64, 8);
    return Buffer.concat([control(9, bytes.length), bytes]);
  }
  if ("array" in value && Array.isArray(value.array)) return control(11, value.array.length);
  const entries = Object.entries(value as Record<string, Value>);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

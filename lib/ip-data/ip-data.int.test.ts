import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTestMmdb } from "@/lib/context/__test-helpers__/write-test-mmdb";
import { describeIpData } from "@/lib/ip-data/describe-ip-data";
import { ipDataFile } from "@/lib/ip-data/ip-data-files";
import { storeIpDatabase } from "@/lib/ip-data/store-ip-database";
import type { PublicUser } from "@/lib/users/create-user";

const admin: PublicUser = { id: "00000000-0000-4000-8000-000000000001", email: "a@example.test", name: "A", role: "admin" };
const member: PublicUser = { ...admin, role: "member" };
const body = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();
// Its own data directory: an upload here must not change the IP data other tests ingest with.
const dataDir = await mkdtemp(path.join(os.tmpdir(), "trailbench-ip-data-"));
const BUILD = Date.UTC(2026, 9, 1) / 1000;
// 8.8.8.0/24 and 1.1.1.0/24 answer the validator's probe lookups.
const asnDb = writeTestMmdb(
  [
    ["8.8.8.0/24", { autonomous_system_number: 15169, autonomous_system_organization: "Google LLC" }],
    ["1.1.1.0/24", { autonomous_system_number: 13335, autonomous_system_organization: "Cloudflare, Inc." }],
  ],
  { databaseType: "GeoLite2-ASN", buildEpoch: BUILD },
);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("uploaded IP databases", () => {
  it("refuse non-admins, unknown kinds, junk and the wrong kind, keeping the current data", async () => {
    await expect(storeIpDatabase(member, "asn", body(asnDb), dataDir)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(storeIpDatabase(admin, "city", body(asnDb), dataDir)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(storeIpDatabase(admin, "asn", body(new TextEncoder().encode("not a database")), dataDir)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/^Not a usable IP database: /),
    });
    await expect(storeIpDatabase(admin, "country", body(asnDb), dataDir)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "This is an ASN database, not a country one.",
    });
    expect(existsSync(ipDataFile("asn", dataDir))).toBe(false);
    expect(existsSync(ipDataFile("country", dataDir))).toBe(false);
    expect(describeIpData(dataDir).asn.uploaded).toBe(false);
  });

  it("replace the shipped data of their kind, and the UI reports the upload's date", async () => {
    expect(await storeIpDatabase(admin, "asn", body(asnDb), dataDir)).toEqual({ kind: "asn", buildDate: "2026-10-01T00:00:00.000Z", databaseType: "GeoLite2-ASN" });
    const described = describeIpData(dataDir);
    expect(described.asn).toMatchObject({ uploaded: true, date: "2026-10-01T00:00:00.000Z" });
    expect(described.country.uploaded).toBe(false);
  });
});

// Digest validation through the real ingest: a signed hourly chain (generated RSA key) written as an
// S3-layout folder, ingested by path, validated from the evidence store; then the same after deleting a
// log file and two consecutive digests, and with the public key added through the operator path.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { unsafeAddCloudTrailPublicKey } from "@/lib/integrity/add-public-key";
import { unsafeFetchCloudTrailPublicKeys } from "@/lib/integrity/fetch-public-keys";
import { startFakeCloudTrail } from "@/lib/testing/fake-cloudtrail/fake-cloudtrail-server";
import { startFakeS3Server } from "@/lib/testing/fake-s3/fake-s3-server";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { runCli } from "@/lib/testing/run-cli";
import { buildSignedDigestChain, makeTestKey, type BuiltDigest } from "@/lib/integrity/digests/__test-helpers__/build-signed-digest-chain";
import { getDigestSummary, validateCaseDigests } from "@/lib/integrity/validate-case-digests";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

async function ingestChain(chain: BuiltDigest[], skip: { logFiles?: string[]; digests?: string[] } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-digests-"));
  for (const d of chain) {
    if (!skip.digests?.includes(d.s3Object)) {
      await mkdir(path.dirname(path.join(dir, d.s3Object)), { recursive: true });
      await writeFile(path.join(dir, d.s3Object), d.bytes);
    }
    for (const f of d.logFiles) {
      if (skip.logFiles?.includes(f.s3Object)) continue;
      await mkdir(path.dirname(path.join(dir, f.s3Object)), { recursive: true });
      await writeFile(path.join(dir, f.s3Object), f.bytes);
    }
  }
  const lead = await seedUser();
  const c = await seedCase(lead);
  const write = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const { ingestRunId } = await enqueueIngest(write, { origin: "cli", sourceKind: "path", sourceLabel: "digests", sourcePath: dir });
  expect(await runIngest(ingestRunId, { threads: 1 })).toBe("done");
  await rm(dir, { recursive: true, force: true });
  return { scope: write, lead, caseId: c.id };
}

describe("validateCaseDigests", () => {
  it("passes an intact signed chain once the public key is known, and says exactly what was unchecked before", async () => {
    const key = makeTestKey();
    const chain = buildSignedDigestChain({ signer: makeTestKey(), hours: 4 });
    const { scope } = await ingestChain(chain);
    const before = await validateCaseDigests(scope);
    expect(before.result).toBe("unknown");
    expect(before.digests).toHaveLength(4);
    expect(before.digests.every((d) => d.logFiles.every((f) => f.status === "ok"))).toBe(true);
    expect(before.digests[0]!.signature).toMatchObject({ status: "unchecked" });
    expect(JSON.stringify(before.digests[0]!.signature)).toContain("not available");
    expect(key.fingerprint).not.toBe(chain[0]!.json);
  });

  it("with the signer's key: every digest but the newest proven (its signature is only in S3 metadata); a deleted log file and two consecutive deleted digests are named", async () => {
    const signer = makeTestKey();
    await unsafeAddCloudTrailPublicKey({ bytes: signer.der, source: "file:test.der" });
    const chain = buildSignedDigestChain({ signer, hours: 6 });
    const intact = await ingestChain(chain);
    const ok = await validateCaseDigests(intact.scope);
    expect(ok.result).toBe("unknown");
    expect(ok.digests.map((d) => d.signature.status)).toEqual(["valid", "valid", "valid", "valid", "valid", "unchecked"]);
    expect(JSON.stringify(ok.digests[5]!.signature)).toContain("no signature metadata");
    expect(ok.digests.every((d) => d.problems.length === 0 && d.logFiles.every((f) => f.status === "ok"))).toBe(true);
    expect(await getDigestSummary(intact.scope)).toMatchObject({ result: "unknown", digests: 6, problems: 0 });

    const deletedLog = chain[1]!.logFiles[0]!.s3Object;
    const tampered = await ingestChain(chain, { logFiles: [deletedLog], digests: [chain[2]!.s3Object, chain[3]!.s3Object] });
    const bad = await validateCaseDigests(tampered.scope);
    expect(bad.result).toBe("fail");
    const digest1 = bad.digests.find((d) => d.s3Object === chain[1]!.s3Object)!;
    expect(digest1.logFiles.find((f) => f.s3Object === deletedLog)?.status).toBe("missing");
    expect(bad.missingDigests.map((m) => m.s3Object).sort()).toEqual([chain[2]!.s3Object, chain[3]!.s3Object].sort());
    expect(await getDigestSummary(tampered.scope)).toMatchObject({ result: "fail", digests: 4 });
  });

  it("refuses a member without events access and a stranger", async () => {
    const chain = buildSignedDigestChain({ signer: makeTestKey(), hours: 1 });
    const { caseId, scope } = await ingestChain(chain);
    const viewer = await seedUser();
    await addMember(caseId, viewer, "viewer");
    await expect(validateCaseDigests(await resolveCaseScope(viewer.id, caseId, "case:read"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await seedUser();
    await expect(resolveCaseScope(stranger.id, caseId, "case:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(scope.caseId).toBe(caseId);
  });

  it("fetches the signing keys with ListPublicKeys through the real SDK, refusing none, and then proves the chain", async () => {
    const signer = makeTestKey();
    const other = makeTestKey();
    const fake = await startFakeCloudTrail([]);
    try {
      fake.publicKeys.push(
        { der: signer.der, validFrom: new Date("2024-01-01T00:00:00Z"), validTo: new Date("2024-12-31T00:00:00Z"), fingerprint: signer.fingerprint },
        { der: other.der, validFrom: new Date("2020-01-01T00:00:00Z"), validTo: new Date("2020-12-31T00:00:00Z"), fingerprint: other.fingerprint },
      );
      const fetched = await unsafeFetchCloudTrailPublicKeys({
        region: "us-east-1",
        start: new Date("2024-03-01T00:00:00Z"),
        end: new Date("2024-03-02T00:00:00Z"),
        endpoint: fake.endpoint,
        credentials: { accessKeyId: "AKIAFAKE", secretAccessKey: "fake" },
      });
      expect(fetched).toEqual({ stored: [signer.fingerprint], refused: [] });
      expect(fake.requests.map((r) => [r.target, r.region])).toEqual([["CloudTrail_20131101.ListPublicKeys", "us-east-1"]]);
    } finally {
      await fake.close();
    }
    const { scope } = await ingestChain(buildSignedDigestChain({ signer, hours: 3 }));
    const report = await validateCaseDigests(scope);
    expect(report.digests.map((d) => d.signature.status)).toEqual(["valid", "valid", "unchecked"]);
  });

  it("pulled from S3, the digests' own signatures come from the object metadata: the whole chain is proven", async () => {
    const signer = makeTestKey();
    await unsafeAddCloudTrailPublicKey({ bytes: signer.der, source: "file:s3-test.der" });
    const chain = buildSignedDigestChain({ signer, hours: 3 });
    const s3 = await startFakeS3Server();
    try {
      const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "x", secretAccessKey: "y" } });
      await client.send(new CreateBucketCommand({ Bucket: "trail-bucket" }));
      for (const d of chain) {
        await client.send(
          new PutObjectCommand({ Bucket: "trail-bucket", Key: d.s3Object, Body: d.bytes, Metadata: { signature: d.signatureHex, "signature-algorithm": "SHA256withRSA" } }),
        );
        for (const f of d.logFiles) await client.send(new PutObjectCommand({ Bucket: "trail-bucket", Key: f.s3Object, Body: f.bytes }));
      }
      const lead = await seedUser();
      const c = await seedCase(lead);
      // The server's standard credential chain, as in lib/cli/cli-ingest.int.test.ts.
      process.env.AWS_ACCESS_KEY_ID = "AKIATESTDIGESTS00001";
      process.env.AWS_SECRET_ACCESS_KEY = "test-secret";
      const res = await runCli(["ingest", "s3://trail-bucket/", "--case", c.id, "--endpoint-url", s3.endpoint, "--json"]);
      expect(JSON.parse(res.out[0]!)).toMatchObject({ state: "succeeded", files: 9 });
      const report = await validateCaseDigests(await resolveCaseScope(lead.id, c.id, "events:read"));
      expect(report.digests.map((d) => `${d.signature.status}`)).toEqual(["valid", "valid", "valid"]);
      expect(report.result).toBe("pass");
    } finally {
      await s3.close();
    }
  });
});

// The CLI's ingest command end to end, through the real AWS SDK against local S3 and CloudTrail
// protocol servers, into a real PostgreSQL: `trailbench ingest s3://…` and `trailbench ingest --lookup-events`.
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";
import { startFakeCloudTrail, type FakeCloudTrail } from "@/lib/testing/fake-cloudtrail/fake-cloudtrail-server";
import { startFakeS3Server, type FakeS3Server } from "@/lib/testing/fake-s3/fake-s3-server";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

let s3: FakeS3Server;
let cloudtrail: FakeCloudTrail;
const ACCOUNT = "111122223333";

function record(id: string, time: string, region: string) {
  return { ...buildSyntheticTrail(1, Date.parse(time))[0], eventID: id, awsRegion: region };
}

const cli = runCli;

beforeAll(async () => {
  // The SDK's default credential chain, as on a real server.
  process.env.AWS_ACCESS_KEY_ID = "AKIATESTCLIINGEST001";
  process.env.AWS_SECRET_ACCESS_KEY = "test-secret";
  s3 = await startFakeS3Server();
  const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "x", secretAccessKey: "y" } });
  await client.send(new CreateBucketCommand({ Bucket: "trail" }));
  const put = async (region: string, day: string, ids: string[]) => {
    const key = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/2023/07/${day}/${ACCOUNT}_CloudTrail_${region}_202307${day}T1200Z_x.json.gz`;
    const body = gzipSync(JSON.stringify({ Records: ids.map((id) => record(id, `2023-07-${day}T12:00:00Z`, region)) }));
    await client.send(new PutObjectCommand({ Bucket: "trail", Key: key, Body: body }));
  };
  await put("us-east-1", "10", ["s3-a", "s3-b"]);
  await put("us-east-1", "11", ["s3-c"]);
  await put("eu-west-1", "10", ["s3-d"]);
  cloudtrail = await startFakeCloudTrail([
    record("api-1", "2023-07-10T10:00:00Z", "us-east-1"),
    record("api-2", "2023-07-10T11:00:00Z", "us-east-1"),
    record("api-3", "2023-07-12T11:00:00Z", "us-east-1"),
  ]);
});

afterAll(async () => {
  await s3?.close();
  await cloudtrail?.close();
});

describe("trailbench ingest (CLI)", () => {
  it("pulls one region and one day from an S3 trail bucket without listing the rest", async () => {
    const c = await seedCase(await seedUser());
    s3.resetStats();
    const res = await cli(["ingest", "s3://trail/", "--case", c.id, "--region", "us-east-1", "--from", "2023-07-10T00:00:00Z", "--to", "2023-07-10T00:00:00Z", "--endpoint-url", s3.endpoint, "--json"]);
    expect(res.err).toEqual([]);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.out[0]!) as Record<string, unknown>;
    expect(summary).toMatchObject({ state: "succeeded", files: 1, records: 2, inserted: 2, duplicates: 0, rejected: [] });
    expect(Object.keys(summary).slice(0, 6)).toEqual(["files", "records", "inserted", "duplicates", "rejected", "eventsPerSecond"]);
    const ids = (await db.event.findMany({ where: { caseId: c.id }, select: { eventId: true }, orderBy: { eventId: "asc" } })).map((e) => e.eventId);
    expect(ids).toEqual(["s3-a", "s3-b"]);
    expect(s3.listRequests.some((r) => r.prefix.includes("eu-west-1/2023"))).toBe(false);
    expect(s3.accessKeyIds.every((k) => k === "AKIATESTCLIINGEST001")).toBe(true);
    const files = await db.evidenceFile.findMany({ where: { caseId: c.id }, select: { path: true } });
    expect(files.map((f) => f.path)).toEqual([
      `s3://trail/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2023/07/10/${ACCOUNT}_CloudTrail_us-east-1_20230710T1200Z_x.json.gz`,
    ]);
  });

  it("reads the LookupEvents API for a time range, keeping each page as evidence", async () => {
    const c = await seedCase(await seedUser());
    const res = await cli(["ingest", "--lookup-events", "--case", c.id, "--region", "us-east-1", "--from", "2023-07-10T00:00:00Z", "--to", "2023-07-11T00:00:00Z", "--endpoint-url", cloudtrail.endpoint, "--json"]);
    expect(res.err).toEqual([]);
    expect(JSON.parse(res.out[0]!)).toMatchObject({ state: "succeeded", files: 1, records: 2, inserted: 2, duplicates: 0, rejected: [] });
    const ids = (await db.event.findMany({ where: { caseId: c.id }, select: { eventId: true }, orderBy: { eventId: "asc" } })).map((e) => e.eventId);
    expect(ids).toEqual(["api-1", "api-2"]);
    const run = await db.ingestRun.findFirstOrThrow({ where: { caseId: c.id } });
    expect([run.sourceKind, run.sourceLabel]).toEqual(["lookup-events", "CloudTrail LookupEvents us-east-1 2023-07-10T00:00:00Z → 2023-07-11T00:00:00Z"]);
  });

  it("refuses contradictory options with a clear message and exit code 1", async () => {
    const c = await seedCase(await seedUser());
    expect(await cli(["ingest", "./somewhere", "--case", c.id, "--region", "us-east-1"])).toMatchObject({
      code: 1,
      err: ["error: --account, --region, --from and --to select within an S3 bucket or the LookupEvents API, not a local path."],
    });
    expect(await cli(["ingest", "--lookup-events", "--case", c.id, "--region", "us-east-1"])).toMatchObject({
      code: 1,
      err: ["error: --lookup-events needs --region, --from and --to."],
    });
    expect(await cli(["ingest", "x", "--case", "no such case"])).toMatchObject({ code: 1, err: ['error: No case named or with id "no such case".'] });
    // An unknown lead is refused before anything is created.
    const before = await db.case.count({ where: { name: "Orphan check" } });
    expect(await cli(["cases", "create", "Orphan check", "--lead", "nobody@example.test"])).toMatchObject({
      code: 1,
      err: ["error: No user with the email nobody@example.test."],
    });
    expect(await db.case.count({ where: { name: "Orphan check" } })).toBe(before);
  });
});

describe("trailbench cases add-member (CLI)", () => {
  it("adds a member with a role, changes the role, and refuses unknown roles and users", async () => {
    const c = await seedCase(await seedUser());
    const u = await seedUser({ email: "member-cli@example.test" });
    expect(await cli(["cases", "add-member", c.id, "Member-CLI@example.test", "--role", "viewer"])).toMatchObject({
      code: 0,
      out: [`member-cli@example.test is now viewer of case ${c.id}`],
    });
    expect(await cli(["cases", "add-member", c.name, u.email])).toMatchObject({ code: 0 });
    expect((await db.caseMember.findUniqueOrThrow({ where: { caseId_userId: { caseId: c.id, userId: u.id } } })).role).toBe("investigator");
    expect(await cli(["cases", "add-member", c.id, u.email, "--role", "owner"])).toMatchObject({
      code: 1,
      err: ['error: --role must be lead, investigator or viewer, not "owner".'],
    });
    expect(await cli(["cases", "add-member", c.id, "nobody@example.test"])).toMatchObject({ code: 1, err: ["error: No user with the email nobody@example.test."] });
    expect(await db.caseMember.count({ where: { caseId: c.id } })).toBe(2);
  });
});

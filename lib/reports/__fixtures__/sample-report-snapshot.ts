// A complete, hand-written case report snapshot (lib/reports/report-types.ts) for the renderers' tests
// (HTML, Markdown, CSV, PDF). The story: a leaked long-term key of "dev-ci" is used from 203.0.113.7 to
// look around, create a user and a key, assume a role (ASIA key) and read an S3 object and a secret from
// 198.51.100.23, then stop logging. Attacker-controlled fields carry hostile values on purpose: markup
// (<script>, <img onerror>), javascript: URLs (also in every href field: renderers must never use them),
// spreadsheet formulas (=HYPERLINK, +, -, @, tab and CR prefixes) and non-Latin-1 text (… → 運用).
// Shared by two renderers' engineers: add to it, do not change what is here.
import type { LinkedCount } from "@/lib/dashboard/case-dashboard-types";
import type { LineageIssued } from "@/lib/lineage/lineage-types";
import type { ReportEvent, ReportSnapshot } from "@/lib/reports/report-types";

export const HOSTILE = {
  script: "<script>alert(1)</script>",
  img: "<img src=x onerror=alert(1)>",
  jsUrl: "javascript:alert(1)",
  hyperlink: '=HYPERLINK("http://evil","x")',
  plus: "+cmd",
  minus: "-1+2",
  at: "@SUM(1+1)",
  tab: "\tpowershell -enc AAAA",
  cr: "\rcr-prefixed",
} as const;

export const CASE_ID = "0d9c6a52-3f0e-4c1b-9a51-5a1f2c7e8b01";
export const ACCOUNT = "111122223333";
export const LEAKED_KEY = "AKIAEXAMPLELEAKED001";
export const ROLE_KEY = "ASIAEXAMPLEATTACK002";
export const PERSIST_KEY = "AKIAEXAMPLEPERSIST03";
export const ATTACKER_IP = "203.0.113.7";
export const EXFIL_IP = "198.51.100.23";
const DEV_CI = `arn:aws:iam::${ACCOUNT}:user/dev-ci`;
const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/${HOSTILE.minus}/${HOSTILE.at}`;
const HOSTILE_USER = `arn:aws:iam::${ACCOUNT}:user/${HOSTILE.script}`;
const CLI = "aws-cli/2.15.10 Python/3.11.6 Linux/6.5.0 exe/x86_64.kali.2023";
const JS_HREF = HOSTILE.jsUrl;
const linked = (count: number): LinkedCount => ({ count, href: JS_HREF });

function ev(eventId: string, time: string, eventName: string, eventSource: string, extra: Partial<ReportEvent> = {}): ReportEvent {
  return {
    eventId, eventTime: `2024-02-27T${time}Z`, eventName, eventSource, principal: DEV_CI, accessKeyId: LEAKED_KEY,
    sourceIpAddress: ATTACKER_IP, userAgent: CLI, awsRegion: "us-east-1", errorCode: null, resources: [], ...extra,
  };
}

export const EVENTS = {
  whoami: ev("3f1e0c9a-0001-4d6e-9b1a-000000000001", "03:14:07", "GetCallerIdentity", "sts.amazonaws.com"),
  listBuckets: ev("3f1e0c9a-0002-4d6e-9b1a-000000000002", "03:15:30", "ListBuckets", "s3.amazonaws.com"),
  listUsers: ev("3f1e0c9a-0003-4d6e-9b1a-000000000003", "03:16:02", "ListUsers", "iam.amazonaws.com", { userAgent: HOSTILE.img, errorCode: "AccessDenied" }),
  createUser: ev("3f1e0c9a-0004-4d6e-9b1a-000000000004", "03:20:11", "CreateUser", "iam.amazonaws.com", { resources: [HOSTILE_USER] }),
  createKey: ev("3f1e0c9a-0005-4d6e-9b1a-000000000005", "03:21:40", "CreateAccessKey", "iam.amazonaws.com", { resources: [HOSTILE_USER], userAgent: HOSTILE.tab }),
  assumeRole: ev("3f1e0c9a-0006-4d6e-9b1a-000000000006", "03:25:00", "AssumeRole", "sts.amazonaws.com", { resources: [`arn:aws:iam::${ACCOUNT}:role/${HOSTILE.minus}`] }),
  getObject: ev("3f1e0c9a-0007-4d6e-9b1a-000000000007", "03:31:12", "GetObject", "s3.amazonaws.com", {
    principal: ROLE_SESSION, accessKeyId: ROLE_KEY, sourceIpAddress: EXFIL_IP, userAgent: HOSTILE.hyperlink,
    resources: [`arn:aws:s3:::${HOSTILE.hyperlink}`, `arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv`],
  }),
  getSecret: ev("3f1e0c9a-0008-4d6e-9b1a-000000000008", "03:33:45", "GetSecretValue", "secretsmanager.amazonaws.com", {
    principal: ROLE_SESSION, accessKeyId: ROLE_KEY, sourceIpAddress: EXFIL_IP, awsRegion: "eu-west-1", userAgent: HOSTILE.cr,
    resources: [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${HOSTILE.plus}-prod-db`],
  }),
  stopLogging: ev("3f1e0c9a-0009-4d6e-9b1a-000000000009", "03:40:00", "StopLogging", "cloudtrail.amazonaws.com", {
    principal: HOSTILE_USER, accessKeyId: PERSIST_KEY, userAgent: `${HOSTILE.jsUrl} \`rm -rf\` 運用…→`, resources: [`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management`],
  }),
} satisfies Record<string, ReportEvent>;

const E = EVENTS;

function hop(e: ReportEvent, issued: string, callerArn: string | null): LineageIssued {
  return {
    eventID: e.eventId, eventName: e.eventName, eventTime: e.eventTime, callerArn, callerAccessKeyId: e.accessKeyId, sourceIPAddress: e.sourceIpAddress,
    issuedAccessKeyId: issued, callerType: "IAMUser", callerAccountId: ACCOUNT, recipientAccountId: ACCOUNT, callerUserName: "dev-ci", sourceIdentity: null, invokedBy: null,
  };
}
const toRoleKey = hop(E.assumeRole, ROLE_KEY, DEV_CI);
const toPersistKey = hop(E.createKey, PERSIST_KEY, DEV_CI);
const leakedOrigin = { accessKeyId: LEAKED_KEY, arn: DEV_CI, kind: "long-term-key" as const, accountId: ACCOUNT, userName: "dev-ci", sourceIdentity: null };
const eventCounts = { [LEAKED_KEY]: 6, [ROLE_KEY]: 2, [PERSIST_KEY]: 1 };

const HOUR = 3_600_000;
const bins = [
  { start: "2024-02-27T03:10:00.000Z", mutating: 0, readOnly: 2, denied: 1, unrecorded: 0 },
  { start: "2024-02-27T03:15:00.000Z", mutating: 0, readOnly: 1, denied: 0, unrecorded: 0 },
  { start: "2024-02-27T03:20:00.000Z", mutating: 3, readOnly: 0, denied: 0, unrecorded: 0 },
  { start: "2024-02-27T03:25:00.000Z", mutating: 1, readOnly: 4, denied: 2, unrecorded: 0 },
  { start: "2024-02-27T03:30:00.000Z", mutating: 0, readOnly: 6, denied: 0, unrecorded: 1 },
  { start: "2024-02-27T03:35:00.000Z", mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 },
  { start: "2024-02-27T03:40:00.000Z", mutating: 1, readOnly: 0, denied: 0, unrecorded: 0 },
];
const top = (value: string, count: number, country: string | null = null) => ({ value, count, href: JS_HREF, identityHref: null, country });

export const sampleReportSnapshot: ReportSnapshot = {
  schemaVersion: 1,
  identifier: "AWS-IR-20240302-002",
  generatedAt: "2024-03-02T09:30:00.000Z",
  generatedBy: "Dana Lead",
  case: {
    id: CASE_ID,
    name: `Leaked CI key ${HOSTILE.script}`,
    description: `Credential leak from the CI pipeline. ${HOSTILE.img}`,
    timeZone: "UTC",
    windowStart: "2024-02-27T00:00:00.000Z",
    windowEnd: "2024-02-28T00:00:00.000Z",
  },
  executiveSummary:
    `On 27 February 2024 between 03:14 and 03:40 UTC an attacker used the leaked CI key ${LEAKED_KEY} to enumerate the account, create a backdoor user and key, ` +
    `assume a role and read customer data and a database secret, then stopped CloudTrail logging.\n\nThe user name is hostile: ${HOSTILE.script} ` +
    `and so is this [link](${HOSTILE.jsUrl}) | pipe *star* _under_ \`tick\` <b>bold</b>.`,
  scope: {
    accounts: [{ value: ACCOUNT, count: 1_204 }, { value: "444455556666", count: 37 }],
    regions: [{ value: "us-east-1", count: 1_150 }, { value: "eu-west-1", count: 91 }],
    first: "2024-02-27T00:02:11.000Z",
    last: "2024-02-27T23:58:40.000Z",
    events: 1_241,
  },
  compromisedCredentials: [
    { accessKeyId: LEAKED_KEY, principal: DEV_CI, events: 6, lineage: { key: LEAKED_KEY, issued: null, origin: leakedOrigin, chain: [], eventCounts,
      derived: [{ key: PERSIST_KEY, issued: toPersistKey, eventCount: 1, parentKey: LEAKED_KEY, depth: 1 }, { key: ROLE_KEY, issued: toRoleKey, eventCount: 2, parentKey: LEAKED_KEY, depth: 1 }] } },
    { accessKeyId: ROLE_KEY, principal: ROLE_SESSION, events: 2, lineage: { key: ROLE_KEY, issued: toRoleKey, origin: leakedOrigin, chain: [toRoleKey], derived: [], eventCounts } },
    { accessKeyId: PERSIST_KEY, principal: HOSTILE_USER, events: 1, lineage: null },
  ],
  sourceIps: [
    { ip: ATTACKER_IP, events: 7, country: "NL", asn: 64_500, asOrg: `Bulletproof ${HOSTILE.img}`, trusted: false },
    { ip: EXFIL_IP, events: 2, country: "RU", asn: 64_501, asOrg: HOSTILE.hyperlink, trusted: false },
  ],
  actionsByTactic: [
    { tactic: "persistence", tacticName: "Persistence", events: [E.createUser, E.createKey] },
    { tactic: "privilege-escalation", tacticName: "Privilege Escalation", events: [E.createKey, E.assumeRole] },
    { tactic: "defense-evasion", tacticName: "Defense Evasion", events: [E.stopLogging] },
    { tactic: "credential-access", tacticName: "Credential Access", events: [E.getSecret] },
    { tactic: "discovery", tacticName: "Discovery", events: [E.whoami, E.listBuckets, E.listUsers] },
    { tactic: "collection", tacticName: "Collection", events: [E.getObject] },
  ],
  dataAccessed: [E.getObject, E.getSecret],
  persistence: [E.createUser, E.createKey],
  confirmedFindings: [
    {
      id: "f-0001", ruleId: "iam-user-created-by-access-key", source: "builtin", title: "IAM user created with an access key", severity: "high",
      attack: ["T1136.003", "T1098.001"], tactics: ["persistence", "privilege-escalation"], principal: DEV_CI, failedAttempt: false,
      reason: `CreateUser of ${HOSTILE.script} then CreateAccessKey for it, from ${ATTACKER_IP}`, eventCount: 2,
      firstAt: E.createUser.eventTime, lastAt: E.createKey.eventTime, note: `Backdoor user. See ${HOSTILE.jsUrl} and ${HOSTILE.img}`,
      triagedBy: "Dana Lead", triagedAt: "2024-03-01T16:05:00.000Z", ruleAuthor: null,
    },
    {
      id: "f-0002", ruleId: "sigma-5f2a1c3e", source: "sigma", title: `Recon burst ${HOSTILE.img}`, severity: "medium",
      attack: ["T1087.004", "T1526"], tactics: ["discovery"], principal: DEV_CI, failedAttempt: true,
      reason: `${HOSTILE.minus} three discovery calls within 2 minutes, one denied`, eventCount: 3,
      firstAt: E.whoami.eventTime, lastAt: E.listUsers.eventTime, note: HOSTILE.at,
      triagedBy: "運用 analyst", triagedAt: "2024-03-01T16:07:30.000Z", ruleAuthor: `${HOSTILE.script} (SigmaHQ)`,
    },
    {
      id: "f-0003", ruleId: "data-read-after-assume-role", source: "builtin", title: "Sensitive data read with a new role session", severity: "critical",
      attack: ["T1530", "T1555.006"], tactics: ["collection", "credential-access"], principal: ROLE_SESSION, failedAttempt: false,
      reason: `GetObject on ${HOSTILE.hyperlink} and GetSecretValue ${HOSTILE.plus}-prod-db`, eventCount: 2,
      firstAt: E.getObject.eventTime, lastAt: E.getSecret.eventTime, note: "", triagedBy: null, triagedAt: null, ruleAuthor: null,
    },
    {
      id: "f-0004", ruleId: "cloudtrail-logging-stopped", source: "builtin", title: "CloudTrail logging stopped", severity: "critical",
      attack: ["T1562.008"], tactics: ["defense-evasion"], principal: HOSTILE_USER, failedAttempt: false,
      reason: "StopLogging on trail management", eventCount: 1, firstAt: E.stopLogging.eventTime, lastAt: E.stopLogging.eventTime,
      note: `${HOSTILE.tab}\n${HOSTILE.cr}`, triagedBy: "Dana Lead", triagedAt: "2024-03-01T16:10:00.000Z", ruleAuthor: null,
    },
  ],
  openFindingsCount: 3,
  bookmarks: [
    {
      id: "b-0001", title: `Exfil → attacker bucket… ${HOSTILE.script}`, note: `Object read from ${EXFIL_IP}. [click me](${HOSTILE.jsUrl}) ${HOSTILE.img}`,
      author: "Eve Investigator", createdAt: "2024-03-01T15:40:00.000Z", view: `/cases/${CASE_ID}/events?q=${HOSTILE.jsUrl}`, pinned: [E.getObject, E.getSecret],
    },
    { id: "b-0002", title: "Logging stopped", note: "", author: null, createdAt: "2024-03-01T15:45:00.000Z", view: JS_HREF, pinned: [E.stopLogging] },
  ],
  timeline: {
    query: "", interval: "5m", intervalMs: 300_000, from: "2024-02-27T03:10:00.000Z", to: "2024-02-27T03:45:00.000Z", bins, total: 22,
    markers: [
      { kind: "finding", id: "f-0002", title: `Recon burst ${HOSTILE.img}`, time: E.whoami.eventTime!, href: JS_HREF },
      { kind: "bookmark", id: "b-0001", title: `Exfil → attacker bucket… ${HOSTILE.script}`, time: E.getObject.eventTime!, href: JS_HREF },
      { kind: "integrity", id: E.stopLogging.eventId, title: "Logging stopped: management", time: E.stopLogging.eventTime!, href: JS_HREF },
    ],
    source: "rollup", pendingEvents: 0,
  },
  deniedHeatmap: {
    axis: "hour", sort: "burst", intervalMs: HOUR, from: "2024-02-27T02:00:00.000Z", to: "2024-02-27T05:00:00.000Z",
    rows: [
      { principal: DEV_CI, principalKind: "arn", total: 3, burst: 2, burstHour: "2024-02-27T03:00:00.000Z", first: E.listUsers.eventTime, href: JS_HREF },
      { principal: HOSTILE_USER, principalKind: "arn", total: 1, burst: 1, burstHour: "2024-02-27T04:00:00.000Z", first: "2024-02-27T04:02:00.000Z", href: JS_HREF },
    ],
    columns: [
      { key: "2024-02-27T02:00:00.000Z", label: "02-27 02:00", total: 1 },
      { key: "2024-02-27T03:00:00.000Z", label: "02-27 03:00", total: 2 },
      { key: "2024-02-27T04:00:00.000Z", label: "02-27 04:00", total: 1 },
    ],
    counts: [[1, 2, 0], [0, 0, 1]],
    hrefs: [[JS_HREF, JS_HREF, null], [null, null, JS_HREF]],
    max: 2, totalDenied: 4, rowsOmitted: 0, columnsOmitted: 0, codes: ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"], pendingEvents: 0,
  },
  dashboard: {
    series: { mutating: linked(212), readOnly: linked(990), denied: linked(4), unrecorded: linked(35) },
    untrusted: { outsideNetworks: linked(9), outsideCountries: null, ips: [top(ATTACKER_IP, 7, "NL"), top(EXFIL_IP, 2, "RU")] },
    tops: {
      principal: { byMutating: [top(DEV_CI, 180), top(HOSTILE_USER, 1)], byDenied: [top(DEV_CI, 3)], distinct: 14 },
      key: { byMutating: [top(LEAKED_KEY, 5)], byDenied: [top(LEAKED_KEY, 3)], distinct: 9 },
      ip: { byMutating: [top(ATTACKER_IP, 5, "NL")], byDenied: [top(ATTACKER_IP, 3, "NL")], distinct: 21 },
      userAgent: { byMutating: [top(CLI, 170), top(HOSTILE.img, 1)], byDenied: [top(HOSTILE.img, 1)], distinct: 11 },
    },
  },
  coverage: {
    events: { total: 1_241, undated: linked(0) },
    accounts: [top(ACCOUNT, 1_204), top("444455556666", 37)].map(({ value, count, href }) => ({ value, count, href })),
    regions: [{ value: "us-east-1", count: 1_150, href: JS_HREF }, { value: "eu-west-1", count: 91, href: JS_HREF }],
    foreignCallerAccounts: [{ value: "999988887777", count: 3, href: JS_HREF }],
    globalServices: {
      present: true,
      services: [
        { eventSource: "iam.amazonaws.com", usEast1: linked(310), otherRegions: linked(0) },
        { eventSource: "sts.amazonaws.com", usEast1: linked(120), otherRegions: linked(4) },
        { eventSource: "signin.amazonaws.com", usEast1: linked(2), otherRegions: linked(0) },
      ],
    },
    categories: {
      management: { ...linked(1_230), readOnly: linked(990), writeOnly: linked(205), readOnlyNotRecorded: linked(35) },
      data: { ...linked(11), s3Object: linked(11), lambdaInvoke: linked(0), other: linked(0) },
      insight: linked(0), other: [], none: linked(0),
    },
    time: {
      first: "2024-02-27T00:02:11.000Z", last: "2024-02-27T23:58:40.000Z",
      window: { start: "2024-02-27T00:00:00.000Z", end: "2024-02-28T00:00:00.000Z" },
      scope: { start: "2024-02-27T00:00:00.000Z", end: "2024-02-28T00:00:00.000Z" },
      uncovered: [{ start: "2024-02-27T03:40:00.000Z", end: "2024-02-27T05:00:00.000Z", hours: 1.33, kind: "silent" }],
      uncoveredTotal: 1, uncoveredHours: 1.33,
    },
    statements: [
      `1,241 events (0 without a usable eventTime) for 2 accounts: "${ACCOUNT}" (1,204), "444455556666" (37); in 2 regions: "us-east-1" (1,150), "eu-west-1" (91).`,
      "Global service events are present in us-east-1 (iam 310, sts 120, signin 2).",
      "Data events: 11 (S3 object-level 11, Lambda invocations 0, other 0). No Lambda invocations.",
      `Principals of 1 other account made calls recorded here: "999988887777" (3); what they did in their own accounts is not in this evidence.`,
    ],
  },
  checklist: {
    items: [
      { id: "logging-tamper", title: "Logging tamper events checked", status: "fail", evidence: `1 StopLogging call: trail "management" not logging from 2024-02-27T03:40:00Z to 2024-02-27T05:00:00Z.`, links: [{ label: `These calls ${HOSTILE.script}`, href: JS_HREF }] },
      { id: "digests-validated", title: "Digests validated", status: "unknown", evidence: "No CloudTrail digest file in the evidence: whether log files were altered or deleted cannot be checked.", links: [] },
      { id: "regions-covered", title: "All regions covered", status: "pass", evidence: "Events from 2 regions, and the trail is multi-region.", links: [{ label: "us-east-1", href: JS_HREF }] },
      { id: "organization-coverage", title: "Organization-wide coverage", status: "unknown", evidence: "2 accounts in the evidence; not laid out as an organization trail.", links: [] },
      { id: "data-events", title: "Data events present", status: "pass", evidence: "11 S3 object-level data events.", links: [{ label: "Data events", href: JS_HREF }] },
      { id: "access-denied-reviewed", title: "AccessDenied reviewed", status: "pass", evidence: `4 denied calls, ${HOSTILE.img} among the user agents.`, links: [] },
      { id: "temporary-key-lineage", title: "Temporary-key lineage resolved", status: "pass", evidence: "All 1 temporary key have a known origin: 1 issued by a call in the evidence, 0 from a console sign-in or root.", links: [] },
    ],
    pendingEvents: 0,
  },
  limitations: [
    `Logging tamper events checked: 1 StopLogging call: trail "management" not logging from 2024-02-27T03:40:00Z to 2024-02-27T05:00:00Z.`,
    "Digests validated: No CloudTrail digest file in the evidence: whether log files were altered or deleted cannot be checked.",
    "CloudTrail records API calls, not what happened inside instances, containers or applications, nor network traffic (VPC Flow Logs, DNS logs and resource logs are other sources).",
  ],
};

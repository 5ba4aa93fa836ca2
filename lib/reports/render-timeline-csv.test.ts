// The timeline CSV, read back with a strict RFC 4180 parser and checked cell by cell: the values a
// spreadsheet would evaluate (=, +, -, @, tab, CR first) carry a leading single quote.
import { describe, expect, it } from "vitest";
import { EVENTS, HOSTILE, sampleReportSnapshot } from "@/lib/reports/__fixtures__/sample-report-snapshot";
import { TIMELINE_CSV_COLUMNS, csvField, neutraliseCsvCell, renderTimelineCsv } from "@/lib/reports/render-timeline-csv";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/** RFC 4180: CRLF records, fields optionally quoted, "" inside quotes; throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (/["\r\n]/.test(field)) throw new Error(`bare quote or line break in an unquoted field: ${JSON.stringify(field)}`);
      i += field.length;
    }
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
    } else throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 10))} at ${i}`);
  }
}

const csv = renderTimelineCsv(sampleReportSnapshot);
const rows = parseCsv(csv);
const CLI = EVENTS.whoami.userAgent!;
const DEV_CI = "arn:aws:iam::111122223333:user/dev-ci";
const SESSION = `arn:aws:sts::111122223333:assumed-role/${HOSTILE.minus}/${HOSTILE.at}`;
const EVIL_USER = `arn:aws:iam::111122223333:user/${HOSTILE.script}`;

describe("neutraliseCsvCell / csvField", () => {
  it("prefixes exactly the OWASP formula starters with a single quote", () => {
    const cases: [string, string][] = [
      [HOSTILE.hyperlink, `'${HOSTILE.hyperlink}`], ["+cmd", "'+cmd"], ["-1+2", "'-1+2"], ["@SUM(1+1)", "'@SUM(1+1)"], ["\tx", "'\tx"], ["\rx", "'\rx"],
      ["a=1", "a=1"], [" =1", " =1"], ["'=1", "'=1"], ["", ""], ["ListBuckets", "ListBuckets"], ["\nx", "\nx"], ["１", "１"],
    ];
    expect(cases.map(([v]) => neutraliseCsvCell(v))).toEqual(cases.map(([, out]) => out));
  });

  it("quotes fields with a comma, a quote or a line break and doubles the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField(neutraliseCsvCell(HOSTILE.hyperlink))).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});

describe("renderTimelineCsv", () => {
  it("writes the header and one row per attacker event, oldest first, every cell exact", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe("eventTime,tactic,eventName,eventSource,principal,accessKeyId,sourceIPAddress,userAgent,awsRegion,errorCode,resources,eventID");
    expect(rows[0]).toEqual([...TIMELINE_CSV_COLUMNS]);
    const id = (n: number) => `3f1e0c9a-000${n}-4d6e-9b1a-00000000000${n}`;
    expect(rows.slice(1)).toEqual([
      ["2024-02-27T03:14:07.000Z", "Discovery", "GetCallerIdentity", "sts.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", CLI, "us-east-1", "", "", id(1)],
      ["2024-02-27T03:15:30.000Z", "Discovery", "ListBuckets", "s3.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", CLI, "us-east-1", "", "", id(2)],
      ["2024-02-27T03:16:02.000Z", "Discovery", "ListUsers", "iam.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", HOSTILE.img, "us-east-1", "AccessDenied", "", id(3)],
      ["2024-02-27T03:20:11.000Z", "Persistence", "CreateUser", "iam.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", CLI, "us-east-1", "", EVIL_USER, id(4)],
      ["2024-02-27T03:21:40.000Z", "Persistence; Privilege Escalation", "CreateAccessKey", "iam.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", `'${HOSTILE.tab}`, "us-east-1", "", EVIL_USER, id(5)],
      ["2024-02-27T03:25:00.000Z", "Privilege Escalation", "AssumeRole", "sts.amazonaws.com", DEV_CI, "AKIAEXAMPLELEAKED001", "203.0.113.7", CLI, "us-east-1", "", `arn:aws:iam::111122223333:role/${HOSTILE.minus}`, id(6)],
      [
        "2024-02-27T03:31:12.000Z", "Collection", "GetObject", "s3.amazonaws.com", SESSION, "ASIAEXAMPLEATTACK002", "198.51.100.23", `'${HOSTILE.hyperlink}`, "us-east-1", "",
        `arn:aws:s3:::${HOSTILE.hyperlink}; arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv`, id(7),
      ],
      ["2024-02-27T03:33:45.000Z", "Credential Access", "GetSecretValue", "secretsmanager.amazonaws.com", SESSION, "ASIAEXAMPLEATTACK002", "198.51.100.23", `'${HOSTILE.cr}`, "eu-west-1", "", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:+cmd-prod-db", id(8)],
      [
        "2024-02-27T03:40:00.000Z", "Defense Evasion", "StopLogging", "cloudtrail.amazonaws.com", EVIL_USER, "AKIAEXAMPLEPERSIST03", "203.0.113.7", `${HOSTILE.jsUrl} \`rm -rf\` 運用…→`, "us-east-1", "",
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/management", id(9),
      ],
    ]);
  });

  it("leaves no cell that a spreadsheet would evaluate", () => {
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("neutralises formula starters in every column, including the principal, key, event name and time", () => {
    const e = {
      eventId: "=cmd|' /C calc'!A0", eventTime: "@bad-time", eventName: "+1", eventSource: "-x", principal: HOSTILE.hyperlink, accessKeyId: "\tkey",
      sourceIpAddress: "\r10.0.0.1", userAgent: "@UA", awsRegion: "=r", errorCode: "-E", resources: ["=A1", "b"],
    };
    const s: ReportSnapshot = { ...sampleReportSnapshot, actionsByTactic: [{ tactic: "=evil", tacticName: "=HYPERLINK(\"x\")", events: [e] }] };
    const out = renderTimelineCsv(s);
    expect(parseCsv(out)[1]).toEqual([
      "'@bad-time", "'=HYPERLINK(\"x\")", "'+1", "'-x", `'${HOSTILE.hyperlink}`, "'\tkey", "'\r10.0.0.1", "'@UA", "'=r", "'-E", "'=A1; b", "'=cmd|' /C calc'!A0",
    ]);
    expect(out.split("\r\n")[1]).toBe(`'@bad-time,"'=HYPERLINK(""x"")",'+1,'-x,"'=HYPERLINK(""http://evil"",""x"")",'\tkey,"'\r10.0.0.1",'@UA,'=r,'-E,'=A1; b,'=cmd|' /C calc'!A0`);
  });

  it("writes only the header when no finding is confirmed, and the same bytes twice", () => {
    expect(renderTimelineCsv({ ...sampleReportSnapshot, actionsByTactic: [] })).toBe(`${TIMELINE_CSV_COLUMNS.join(",")}\r\n`);
    expect(renderTimelineCsv(structuredClone(sampleReportSnapshot))).toBe(csv);
  });
});

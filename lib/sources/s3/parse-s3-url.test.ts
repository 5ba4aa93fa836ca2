import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { parseS3Url } from "./parse-s3-url";

function failure(url: string): AppError {
  try {
    parseS3Url(url);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`parseS3Url accepted ${JSON.stringify(url)}`);
}

describe("parseS3Url", () => {
  it("splits bucket and prefix, keeping the prefix verbatim", () => {
    expect(parseS3Url("s3://my-trail-bucket/some/prefix/")).toEqual({ bucket: "my-trail-bucket", prefix: "some/prefix/" });
    expect(parseS3Url("s3://my-trail-bucket/AWSLogs")).toEqual({ bucket: "my-trail-bucket", prefix: "AWSLogs" });
    expect(parseS3Url("s3://b.with.dots/a%20b?c#d e")).toEqual({ bucket: "b.with.dots", prefix: "a%20b?c#d e" });
    expect(parseS3Url("S3://Legacy_Bucket/x")).toEqual({ bucket: "Legacy_Bucket", prefix: "x" });
  });

  it("treats a bare bucket (with or without the slash) as the whole bucket", () => {
    expect(parseS3Url("s3://my-trail-bucket")).toEqual({ bucket: "my-trail-bucket", prefix: "" });
    expect(parseS3Url("s3://my-trail-bucket/")).toEqual({ bucket: "my-trail-bucket", prefix: "" });
  });

  it("refuses what is not an s3:// URL, with a message saying what is expected", () => {
    for (const url of ["", "my-bucket/prefix", "https://my-bucket.s3.amazonaws.com/x", "arn:aws:s3:::my-bucket", "s3:/my-bucket"]) {
      const error = failure(url);
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toContain("expected s3://bucket");
    }
  });

  it("refuses a missing or malformed bucket name", () => {
    expect(failure("s3://").message).toBe("The S3 URL has no bucket name: expected s3://bucket/prefix.");
    expect(failure("s3:///prefix").message).toContain("no bucket name");
    for (const bucket of ["ab", "-bucket", "bucket-", "bu cket", "bucket;rm", "a".repeat(256)]) {
      expect(failure(`s3://${bucket}/x`).message).toContain("is not a valid S3 bucket name");
    }
  });

  it("refuses control characters and over-long prefixes", () => {
    expect(failure("s3://bucket/x\n").message).toContain("control characters");
    expect(failure(`s3://bucket/${"k".repeat(1025)}`).message).toContain("longer than 1024");
    expect(parseS3Url(`s3://bucket/${"k".repeat(1024)}`).prefix).toHaveLength(1024);
  });
});

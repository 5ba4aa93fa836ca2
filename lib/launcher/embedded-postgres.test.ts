// Where the app reaches the embedded cluster: its Unix socket when the data directory allows one.
import { describe, expect, it } from "vitest";
import { embeddedUrl, socketDirFor } from "@/lib/launcher/embedded-postgres";

describe("the embedded cluster's socket", () => {
  it("goes in <data dir>/run, resolved to an absolute path", () => {
    expect(socketDirFor("/srv/trailbench")).toBe("/srv/trailbench/run");
    expect(socketDirFor("/srv/trailbench/../tb")).toBe("/srv/tb/run");
    expect(socketDirFor("data")).toBe(`${process.cwd()}/data/run`);
  });

  it("is not used when its path would not fit a socket address (107 bytes with the longest port)", () => {
    // "/x…x/run/.s.PGSQL.65535": 1 + n + 4 + 15 bytes.
    const fits = `/${"x".repeat(87)}`;
    expect(socketDirFor(fits)).toBe(`${fits}/run`);
    expect(socketDirFor(`/${"x".repeat(88)}`)).toBeUndefined();
  });

  it("is not used for a path with characters a shell or PostgreSQL's option parser would read", () => {
    for (const dir of ["/srv/trail bench", "/srv/tb'x", "/srv/tb;rm", "/srv/tb$HOME", "/srv/tb,other"]) expect(socketDirFor(dir)).toBeUndefined();
  });

  it("names the socket's directory as the URL's host parameter, the password encoded; TCP without one", () => {
    expect(embeddedUrl({ password: "a/b+c" }, 54329, "/srv/tb/run")).toBe("postgresql://trailbench:a%2Fb%2Bc@127.0.0.1:54329/trailbench?host=%2Fsrv%2Ftb%2Frun");
    expect(embeddedUrl({ password: "pw" }, 54329, undefined)).toBe("postgresql://trailbench:pw@127.0.0.1:54329/trailbench");
  });
});

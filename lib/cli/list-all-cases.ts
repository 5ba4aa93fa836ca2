import { db } from "@/lib/db/client";

/** Every case, for the local operator (the CLI). Never used by a web request. */
export async function listAllCases(): Promise<{ id: string; name: string; eventCount: number; memberCount: number; createdAt: string }[]> {
  const cases = await db.case.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, eventCount: true, _count: { select: { members: true } } },
  });
  return cases.map((c) => ({
    id: c.id,
    name: c.name,
    eventCount: c.eventCount,
    memberCount: c._count.members,
    createdAt: c.createdAt.toISOString(),
  }));
}

import { z } from "zod";
import { apiJson } from "@/lib/api/api-json";
import { ZApiBookmark, ZApiCreateBookmark } from "@/lib/api/api-schemas";
import { parseApiBody } from "@/lib/api/parse-api-body";
import { caseRoute } from "@/lib/auth/guards";
import type { BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { createBookmark } from "@/lib/bookmarks/create-bookmark";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";

export const dynamic = "force-dynamic";

const toApi = (b: BookmarkItem) => ({ ...b, createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString() });

/** GET /api/v1/cases/{caseId}/bookmarks: the case's bookmarks, newest first. */
export const GET = caseRoute("case:read", async (scope) => apiJson(z.array(ZApiBookmark), (await listBookmarks(scope)).map(toApi)));

/** POST /api/v1/cases/{caseId}/bookmarks: a new bookmark of a view of the case (leads and investigators). */
export const POST = caseRoute("bookmarks:write", async (scope, req) => {
  const input = await parseApiBody(ZApiCreateBookmark, req);
  return apiJson(ZApiBookmark, toApi(await createBookmark(scope, input)), { status: 201 });
});

import { caseRoute } from "@/lib/auth/guards";
import { acceptUpload } from "@/lib/ingest/accept-upload";
import { acceptSessionFile } from "@/lib/ingest/upload-session";

export const dynamic = "force-dynamic";

/** One file: `?name=` queues a run for it; `?session=&path=` adds it to a multi-file upload session. */
export const POST = caseRoute("evidence:write", async (scope, req) => {
  const params = new URL(req.url).searchParams;
  const session = params.get("session");
  if (session) return Response.json(await acceptSessionFile(scope, session, params.get("path"), req.body), { status: 201 });
  return Response.json(await acceptUpload(scope, params.get("name"), req.body), { status: 201 });
});

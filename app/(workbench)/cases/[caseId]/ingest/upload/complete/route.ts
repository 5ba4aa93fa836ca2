import { caseRoute } from "@/lib/auth/guards";
import { completeUploadSession } from "@/lib/ingest/upload-session";

export const dynamic = "force-dynamic";

export const POST = caseRoute("evidence:write", async (scope, req) => {
  const params = new URL(req.url).searchParams;
  return Response.json(await completeUploadSession(scope, params.get("session") ?? "", params.get("label")), { status: 201 });
});

import { caseRoute } from "@/lib/auth/guards";
import { acceptUpload } from "@/lib/ingest/accept-upload";

export const dynamic = "force-dynamic";

export const POST = caseRoute("evidence:write", async (scope, req) => {
  const name = new URL(req.url).searchParams.get("name");
  const result = await acceptUpload(scope, name, req.body);
  return Response.json(result, { status: 201 });
});

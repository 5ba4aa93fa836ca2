import { publicRoute } from "@/lib/auth/guards";
import { checkReadiness } from "@/lib/health/check-readiness";

export const dynamic = "force-dynamic";

// Readiness for load balancers and orchestrators: 200 when the database answers, every migration is
// applied and the job queue is installed; 503 naming the failed check otherwise. /api/health stays the
// cheap liveness probe.
export const GET = publicRoute(async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

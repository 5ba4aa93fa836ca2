import { getOpenApiDocument } from "@/lib/api/openapi-document";
import { publicRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes use. Public. */
export const GET = publicRoute(async () => Response.json(getOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));

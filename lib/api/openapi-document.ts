// The OpenAPI 3.1 document of /api/v1, generated from API_OPERATIONS and the zod schemas the route
// handlers use (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 expects), built once per process.
import { z } from "zod";
import { API_OPERATIONS, API_REQUEST_SCHEMAS, API_RESPONSE_SCHEMAS, type ApiOperation } from "@/lib/api/api-operations";
import { ZApiError } from "@/lib/api/api-schemas";

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function components(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: REF }).schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

function fieldSchema(schema: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as Json;
  return rest;
}

const ERRORS: Record<string, string> = {
  "400": "Invalid parameters or body (the message says which)",
  "401": "No valid credentials: a missing, unknown, revoked or expired token, or a disabled user",
  "403": "A read-only token used for a write, or a cross-site cookie write",
  "404": "Not found, or not a case of the caller (the two are indistinguishable)",
  "429": "Over the rate limit: see Retry-After and the RateLimit-* headers",
};

function operation(op: ApiOperation): Json {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, schema]) => {
        const json = fieldSchema(schema as z.ZodType);
        const { description, ...rest } = json;
        return { name, in: "query", required: !(schema as z.ZodType).safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
      })
    : [];
  const success =
    "schema" in op.response
      ? { description: "OK", content: { "application/json": { schema: { $ref: REF(op.response.schema) } } } }
      : "contentTypes" in op.response
        ? { description: op.response.description, content: Object.fromEntries(op.response.contentTypes.map((t) => [t, { schema: { type: "string", contentEncoding: "binary" } }])) }
        : { description: "The OpenAPI document", content: { "application/json": { schema: { type: "object" } } } };
  const errors = op.access === "public" ? {} : Object.fromEntries(Object.entries(ERRORS).filter(([code]) => code !== "403" || op.method !== "get").map(([code, description]) => [code, { description, content: { "application/json": { schema: { $ref: REF("Error") } } } }]));
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.access === "public" ? { security: [] } : { description: op.access === "user" ? "Any signed-in user or API token." : `Members whose role grants ${op.access}.` }),
    ...(pathParams.length + queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: REF(op.body) } } } } } : {}),
    responses: { [String(op.response.status)]: success, ...errors },
  };
}

function buildDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Trailbench API",
      version: "1",
      description:
        "The versioned REST API of a Trailbench workbench. Authenticate with a personal API token (`Authorization: Bearer tb_…`, created on /account/tokens) or the session cookie. A token acts as its user within that user's case memberships; read tokens may only GET. Every string that comes from CloudTrail is attacker-controlled data. Errors are `{ \"error\": { \"code\", \"message\" } }`.",
    },
    paths,
    components: {
      schemas: { ...components({ Error: ZApiError, ...API_RESPONSE_SCHEMAS }, "output"), ...components(API_REQUEST_SCHEMAS, "input") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "tb_ + 43 base64url characters" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}

let cached: Json | null = null;

export function getOpenApiDocument(): Json {
  cached ??= buildDocument();
  return cached;
}

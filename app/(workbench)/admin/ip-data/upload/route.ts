import { userRoute } from "@/lib/auth/guards";
import { storeIpDatabase } from "@/lib/ip-data/store-ip-database";

export const dynamic = "force-dynamic";

/** An administrator's newer IP database: the raw MMDB bytes as the body, `?kind=country|asn`. */
export const POST = userRoute(async (user, req) => {
  const kind = new URL(req.url).searchParams.get("kind");
  return Response.json(await storeIpDatabase(user, kind, req.body), { status: 201 });
});

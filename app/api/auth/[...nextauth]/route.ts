import { authHandlers } from "@/lib/auth/auth-handlers";
import { publicRoute } from "@/lib/auth/guards";

export const GET = publicRoute(authHandlers.GET);
export const POST = publicRoute(authHandlers.POST);

import { db } from "@/lib/db/client";

/** Notes a successful password sign-in (the admin users page shows the last sign-in). */
export async function recordPasswordSignIn(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { lastSignInAt: new Date() } });
}

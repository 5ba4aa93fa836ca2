"use server";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/guards";
import { createCase } from "@/lib/cases/create-case";
import { ZCreateCaseInput } from "@/lib/cases/schemas";

export const createCaseAction = userAction(ZCreateCaseInput, async (user, input) => {
  const created = await createCase(user.id, input);
  redirect(`/cases/${created.id}`);
});

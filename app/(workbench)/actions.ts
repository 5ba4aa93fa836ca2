"use server";
import { z } from "zod";
import { publicAction } from "@/lib/auth/guards";
import { signOutUser } from "@/lib/auth/sign-out-user";

export const signOutAction = publicAction(z.unknown(), async () => signOutUser());

import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/users/passwords";
import { ZCreateUserInput, type TCreateUserInput } from "@/lib/users/schemas";

export type PublicUser = { id: string; email: string; name: string; role: "admin" | "member" };

export const selectPublicUser = { id: true, email: true, name: true, role: true } as const;

export async function createUser(input: TCreateUserInput): Promise<PublicUser> {
  const data = ZCreateUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash },
      select: selectPublicUser,
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`);
    }
    throw err;
  }
}

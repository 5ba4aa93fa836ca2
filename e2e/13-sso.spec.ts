// People (issue #8): OIDC single sign-on through the real next-auth flow against a real OpenID
// Provider (lib/testing/fake-oidc, oidc-provider 8) — discovery, PKCE, state, nonce, code exchange, ID
// token validation — then the admin's user management and a lead's case members.
import { expect, test, type Page } from "@playwright/test";
import { startFakeOidc, type FakeOidc } from "../lib/testing/fake-oidc/fake-oidc-server";
import { E2E_BASE_URL, E2E_OIDC_BUTTON, E2E_OIDC_ISSUER, E2E_OIDC_PORT } from "./e2e-paths";
import { PASSWORD, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath } from "./fixtures/trail-files";

const admin = { email: "people-admin@example.test", name: "Ada Admin" };
let issuer: FakeOidc;
let caseId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  issuer = await startFakeOidc({ port: E2E_OIDC_PORT, redirectUris: [`${E2E_BASE_URL}/api/auth/callback/oidc`] });
  expect(issuer.issuer).toBe(E2E_OIDC_ISSUER);
  trailbench(["users", "create", admin.email, "--admin", "--name", admin.name], `${PASSWORD}\n`);
  caseId = (JSON.parse(trailbench(["cases", "create", "People case", "--lead", admin.email, "--json"])) as { id: string }).id;
});

test.afterAll(async () => {
  await issuer?.close();
});

/** From Trailbench's sign-in page through the issuer's login form (any password: a test issuer). */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: E2E_OIDC_BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("a person with a verified email signs in through SSO and gets an account without a password", async ({ page }) => {
  await signInWithSso(page, "alice");
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.locator(".shell-user")).toContainText("Alice Single-Sign-On (alice.sso@corp.example.test)");
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByText("You sign in through single sign-on: your account has no Trailbench password.")).toBeVisible();
  await page.screenshot({ path: screenshotPath("sso-account"), fullPage: true });
});

test("a person whose email the issuer has not verified is refused with a clear message", async ({ page }) => {
  await signInWithSso(page, "mallory");
  await expect(page).toHaveURL(/\/sign-in\?sso=unverified-email$/);
  await expect(page.getByTestId("sso-error")).toHaveText(
    "Single sign-on refused: your identity provider has not verified your email address. Verify it there, then try again.",
  );
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin creates and disables users; a disabled SSO user is refused; a lead manages the case's members", async ({ page, browser }) => {
  page.on("dialog", (d) => void d.accept());
  await signInAs(page, admin.email);
  expect((await page.goto("/admin/users"))?.status()).toBe(200);
  const alice = page.getByTestId("user-row").filter({ hasText: "alice.sso@corp.example.test" });
  await expect(alice.getByTestId("user-role")).toHaveText("member");
  await expect(alice.getByTestId("user-status")).toHaveText("active");
  await expect(alice).toContainText("SSO");

  const create = page.getByRole("form", { name: "Create a user" });
  await create.getByLabel("Email").fill("bob.people@example.test");
  await create.getByLabel("Name").fill("Bob People");
  await create.getByRole("button", { name: "Create user" }).click();
  const generated = (await page.getByTestId("generated-password").textContent()) ?? "";
  expect(generated).toMatch(/^[A-Za-z0-9_-]{20}$/);
  await expect(page.getByTestId("user-row").filter({ hasText: "bob.people@example.test" }).getByTestId("user-status")).toHaveText("active");

  await alice.getByRole("button", { name: "Disable" }).click();
  await expect(alice.getByTestId("user-status")).toHaveText("disabled");
  // (The last active administrator cannot step down: lib/users/users-admin.int.test.ts. The e2e server is
  // shared with other specs' administrators, so it is not the last one here.)
  await page.screenshot({ path: screenshotPath("admin-users"), fullPage: true });

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInWithSso(otherPage, "alice");
  await expect(otherPage).toHaveURL(/\/sign-in\?sso=disabled$/);
  await expect(otherPage.getByTestId("sso-error")).toHaveText("Single sign-on refused: your Trailbench account is disabled. Ask an administrator.");
  await signInAs(otherPage, "bob.people@example.test", generated);
  // Bob is a member, not an admin: user administration does not exist for him; his own account page does.
  expect((await otherPage.goto("/admin/users"))?.status()).toBe(404);
  expect((await otherPage.goto("/account"))?.status()).toBe(200);
  await expect(otherPage.getByRole("form", { name: "Change your password" })).toBeVisible();
  await other.close();

  // Members: the lead adds Bob as a viewer, promotes him, and cannot remove the case's last lead.
  expect((await page.goto(`/cases/${caseId}/members`))?.status()).toBe(200);
  const add = page.getByRole("form", { name: "Add a member" });
  await add.getByLabel("Email").fill("bob.people@example.test");
  await add.getByLabel("Role").selectOption("viewer");
  await add.getByRole("button", { name: "Add member" }).click();
  const bob = page.getByTestId("member-row").filter({ hasText: "bob.people@example.test" });
  await expect(bob.getByTestId("member-role")).toHaveText("viewer");
  await bob.getByLabel("Role of bob.people@example.test").selectOption("investigator");
  await expect(bob.getByTestId("member-role")).toHaveText("investigator");
  const lead = page.getByTestId("member-row").filter({ hasText: admin.email });
  await lead.getByRole("button", { name: `Remove ${admin.email}` }).click();
  await expect(lead.getByRole("alert")).toHaveText("A case needs at least one lead: make another member lead first.");
  await expect(page.getByTestId("member-role")).toHaveText(["lead", "investigator"]);
  await page.screenshot({ path: screenshotPath("case-members"), fullPage: true });
});

import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Trailbench", template: "%s · Trailbench" },
  description: "Investigate AWS accounts from their CloudTrail record.",
};

// Every page is rendered per request: Next puts that request's CSP nonce (proxy.ts) on its scripts, so
// a page prerendered at build time (such as the 404 page) would carry none, and the browser would block it.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

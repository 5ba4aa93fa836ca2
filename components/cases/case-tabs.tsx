"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type CaseTab = { href: string; label: string };

/** The case's sections as tabs; the current one is marked (aria-current) from the URL. */
export function CaseTabs({ caseName, tabs }: { caseName: string; tabs: CaseTab[] }) {
  const pathname = usePathname();
  const current = [...tabs].sort((a, b) => b.href.length - a.href.length).find((t) => pathname === t.href || pathname.startsWith(`${t.href}/`));
  return (
    <nav className="case-tabs" aria-label={`Case ${caseName}`}>
      <span className="case-tabs-name" title={caseName}>
        {caseName}
      </span>
      {tabs.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={current?.href === tab.href ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

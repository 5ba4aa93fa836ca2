// Markdown written in the workbench (notes), rendered safely. Notes quote attacker-controlled CloudTrail
// text, so: raw HTML is never HTML (react-markdown turns it into text; rehype-raw is never added), links
// go only to absolute http(s) and mailto URLs and open in a new tab without referrer or opener (anything
// else, javascript:, data:, relative or protocol-relative, is shown as its text), and images are never
// loaded (their alt text is shown instead: no request leaves the browser because of a note).
// Works in server and client components (no hooks); unit-tested in lib/notes/safe-markdown.test.ts.
import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL as written when it is an absolute http:, https: or mailto: URL, else "" (the link becomes text). */
export function safeLinkUrl(url: string): string {
  // Browsers strip tabs and newlines inside URLs and trim controls and spaces; so does the URL parser.
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "";
  }
  if (!SAFE_PROTOCOLS.has(parsed.protocol)) return "";
  if (parsed.protocol !== "mailto:" && !parsed.hostname) return "";
  return parsed.href;
}

const components: Components = {
  a({ href, children }) {
    if (!href) return <span className="md-link-refused">{children}</span>;
    return (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank">
        {children}
      </a>
    );
  },
  img({ alt }) {
    return <span className="md-image">{alt ? `[image: ${alt}]` : "[image]"}</span>;
  },
};

const remarkPlugins: ComponentProps<typeof Markdown>["remarkPlugins"] = [remarkGfm];

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown remarkPlugins={remarkPlugins} components={components} urlTransform={(url, key) => (key === "href" ? safeLinkUrl(url) : "")}>
        {text}
      </Markdown>
    </div>
  );
}

// The note renderer against the payloads CloudTrail text carries: exact HTML out, so a regression (raw
// HTML passed through, a javascript:/data: link kept, an image loaded, a link without rel) fails here.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SafeMarkdown, safeLinkUrl } from "@/components/markdown/safe-markdown";

const html = (text: string) => renderToStaticMarkup(createElement(SafeMarkdown, { text }));
const wrap = (inner: string) => `<div class="markdown">${inner}</div>`;
const REL = 'rel="noopener noreferrer nofollow" target="_blank"';

describe("SafeMarkdown", () => {
  it.each([
    ["<script>alert(1)</script>", wrap("&lt;script&gt;alert(1)&lt;/script&gt;")],
    ["<img src=x onerror=alert(1)>", wrap("&lt;img src=x onerror=alert(1)&gt;")],
    ["see <img src=x onerror=alert(1)> here", wrap("<p>see &lt;img src=x onerror=alert(1)&gt; here</p>")],
    ['<a href="https://evil.example/">raw</a>', wrap("<p>&lt;a href=&quot;https://evil.example/&quot;&gt;raw&lt;/a&gt;</p>")],
    ["[x](javascript:alert(1))", wrap('<p><span class="md-link-refused">x</span></p>')],
    ["[x](JaVaScRiPt:alert(1))", wrap('<p><span class="md-link-refused">x</span></p>')],
    ["[x](jav&#x61;script:alert(1))", wrap('<p><span class="md-link-refused">x</span></p>')],
    ["[x](data:text/html,<script>alert(1)</script>)", wrap('<p><span class="md-link-refused">x</span></p>')],
    ["[x](vbscript:msgbox(1)) [y](file:///etc/passwd)", wrap('<p><span class="md-link-refused">x</span> <span class="md-link-refused">y</span></p>')],
    ["[rel](/cases/x) [proto](//evil.example/x)", wrap('<p><span class="md-link-refused">rel</span> <span class="md-link-refused">proto</span></p>')],
  ])("never renders %j as markup or a dangerous link", (text, expected) => {
    expect(html(text)).toBe(expected);
  });

  it("renders http(s) and mailto links, autolinks included, with rel and target", () => {
    expect(html('[ok](https://example.com/path "t") [m](mailto:a@b.example)')).toBe(
      wrap(`<p><a href="https://example.com/path" ${REL}>ok</a> <a href="mailto:a@b.example" ${REL}>m</a></p>`),
    );
    expect(html("<https://example.com/a?b=1> and www.example.org and a@b.example")).toBe(
      wrap(
        `<p><a href="https://example.com/a?b=1" ${REL}>https://example.com/a?b=1</a> and ` +
          `<a href="http://www.example.org/" ${REL}>www.example.org</a> and <a href="mailto:a@b.example" ${REL}>a@b.example</a></p>`,
      ),
    );
  });

  it("never loads an image: its alt text is shown instead", () => {
    expect(html("![alt text](https://tracker.example/p.png) ![](https://tracker.example/q.png)")).toBe(
      wrap('<p><span class="md-image">[image: alt text]</span> <span class="md-image">[image]</span></p>'),
    );
    expect(html("![x](https://tracker.example/p.png)")).not.toContain("<img");
  });

  it("keeps ordinary Markdown and GFM (code shown as text, tables, task lists)", () => {
    expect(html("**bold** `<b>code</b>`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done")).toBe(
      wrap(
        "<p><strong>bold</strong> <code>&lt;b&gt;code&lt;/b&gt;</code></p>\n" +
          "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>\n" +
          '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled="" checked=""/> done</li>\n</ul>',
      ),
    );
  });
});

describe("safeLinkUrl", () => {
  it.each([
    ["https://example.com/x?y=1#z", "https://example.com/x?y=1#z"],
    ["HTTP://EXAMPLE.com", "http://example.com/"],
    ["mailto:a@b.example", "mailto:a@b.example"],
    ["javascript:alert(1)", ""],
    [" javascript:alert(1)", ""],
    ["java\nscript:alert(1)", ""],
    ["data:text/html,x", ""],
    ["/relative", ""],
    ["//evil.example", ""],
    ["http:/x", "http://x/"],
    ["https://", ""],
  ])("%j → %j", (url, expected) => {
    expect(safeLinkUrl(url)).toBe(expected);
  });
});

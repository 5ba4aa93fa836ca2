import { createRequire } from "node:module";
import path from "node:path";
import { openSync, type Font } from "fontkit";
import type { TFontDictionary } from "pdfmake/interfaces";

/**
 * The PDF report's fonts: DejaVu Sans and DejaVu Sans Mono 2.37 (the last DejaVu release), TrueType
 * files shipped by the npm package dejavu-fonts-ttf, so the renderer needs no system font and nothing
 * is downloaded. DejaVu covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic basics,
 * arrows, punctuation, box drawing …; pdfmake embeds the glyphs used as subsets.
 *
 * There is no CJK font: `canDraw` tells which code points the faces that print CloudTrail text
 * (regular and bold, sans and mono) can all draw, and lib/reports/pdf-printable-text.ts prints the
 * others as `[U+XXXX]`. The italic faces only print the charts' fixed labels.
 *
 * The families are also registered under the names our SVG charts ask for (their font-family lists end
 * in "sans-serif" / "monospace"), so svg-to-pdfkit inside pdfmake draws chart text in the same fonts.
 */
export type ReportPdfFonts = {
  dictionary: TFontDictionary;
  /** Absolute paths of the font files: the only local files pdfmake may read. */
  files: ReadonlySet<string>;
  canDraw: (codePoint: number) => boolean;
};

const FACES = {
  Sans: { alias: "sans-serif", normal: "DejaVuSans", bold: "DejaVuSans-Bold", italics: "DejaVuSans-Oblique", bolditalics: "DejaVuSans-BoldOblique" },
  Mono: { alias: "monospace", normal: "DejaVuSansMono", bold: "DejaVuSansMono-Bold", italics: "DejaVuSansMono-Oblique", bolditalics: "DejaVuSansMono-BoldOblique" },
} as const;

let cached: ReportPdfFonts | null = null;

export function reportPdfFonts(): ReportPdfFonts {
  if (cached) return cached;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const file = (name: string) => path.join(dir, `${name}.ttf`);
  const dictionary: TFontDictionary = {};
  const files = new Set<string>();
  const textFaces: Font[] = [];
  for (const [family, { alias, ...styles }] of Object.entries(FACES)) {
    const variant = { normal: file(styles.normal), bold: file(styles.bold), italics: file(styles.italics), bolditalics: file(styles.bolditalics) };
    for (const f of Object.values(variant)) files.add(f);
    for (const f of [variant.normal, variant.bold]) {
      const face = openSync(f);
      if (!("hasGlyphForCodePoint" in face)) throw new Error(`Not a single font: ${f}`);
      textFaces.push(face);
    }
    dictionary[family] = variant;
    dictionary[alias] = variant;
  }
  const drawable = new Map<number, boolean>();
  const canDraw = (cp: number) => {
    let yes = drawable.get(cp);
    if (yes === undefined) {
      yes = textFaces.every((f) => f.hasGlyphForCodePoint(cp));
      drawable.set(cp, yes);
    }
    return yes;
  };
  cached = { dictionary, files, canDraw };
  return cached;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrationError } from '../../errors/migration-error.js';
import type { Relata } from '../../relata.js';
import { diagramModel, mermaidSource, summary, type DiagramDocumentOptions } from './er-diagram.js';

/** Options for `diagramHtml`. */
export interface DiagramHtmlOptions extends DiagramDocumentOptions {
  /** The Mermaid library to inline; the copy the package ships (`dist/mermaid.min.js`) by default. */
  mermaidPath?: string;
}

/** The file the build copies from the mermaid package into dist/, with its license header. */
const MERMAID_BUNDLE = 'mermaid.min.js';

/**
 * Where the Mermaid library is: beside this module in the published package (the build copies
 * it into dist/), else the `mermaid` package itself when relata runs from its sources.
 * @internal
 */
export function mermaidBundlePath(): string {
  const here = fileURLToPath(import.meta.url);
  const shipped = join(dirname(here), MERMAID_BUNDLE);
  if (existsSync(shipped)) return shipped;
  try {
    return createRequire(here).resolve('mermaid/dist/mermaid.min.js');
  } catch (cause) {
    throw new MigrationError(`relata diagram --html needs ${shipped}, which the build copies from the mermaid package; it is missing (run npm run build)`, { cause });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Inside <script>, only "</script" ends the element. "<\/script" means the same in JS strings,
// template literals and regular expressions.
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * A self-contained HTML page that draws the diagram with no network: the Mermaid library is
 * inlined (MIT license header kept), and the diagram source sits in a `text/plain` script that
 * `mermaid.render` turns into an SVG. Open it from disk in any browser.
 *
 * @example
 * await writeFile('docs/diagram.html', await diagramHtml(relata, { source: 'models' }))
 */
export async function diagramHtml(relata: Relata, options: DiagramHtmlOptions = {}): Promise<string> {
  const model = diagramModel(relata);
  const library = await readFile(options.mermaidPath ?? mermaidBundlePath(), 'utf8');
  const title = options.title ?? 'Entity-relationship diagram';
  const note = summary(model, options.source).replace(/`([^`]*)`/g, (_, code: string) => `<code>${escapeHtml(code)}</code>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="relata diagram">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  p { margin: 0 0 1.5rem; color: #59636e; }
  #diagram svg { max-width: 100%; height: auto; }
  #error { color: #d1242f; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${note}</p>
<div id="diagram"></div>
<pre id="error" hidden></pre>
<script type="text/plain" id="diagram-source">
${inlineScript(mermaidSource(model))}</script>
<script>
${inlineScript(library)}
</script>
<script>
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  mermaid.render('relata-er-diagram', document.getElementById('diagram-source').textContent).then(
    ({ svg }) => { document.getElementById('diagram').innerHTML = svg; document.body.dataset.rendered = 'true'; },
    (error) => { const pre = document.getElementById('error'); pre.textContent = String(error && error.message || error); pre.hidden = false; document.body.dataset.rendered = 'error'; },
  );
</script>
</body>
</html>
`;
}

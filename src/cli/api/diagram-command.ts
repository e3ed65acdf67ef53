import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { diagramHtml } from '../../migrations/schema/diagram-html.js';
import { diagramMarkdown, diagramModel } from '../../migrations/schema/er-diagram.js';
import type { CliContext } from './context.js';
import type { ExitCode } from './migrate-commands.js';

/** Where `relata diagram` writes the Markdown file unless `--out` says otherwise. */
export const DEFAULT_DIAGRAM_FILE = 'docs/diagram.md';

/** Options of `relata diagram`. */
export interface DiagramCommandOptions {
  /** The Markdown file, relative to the project; `-` prints it on stdout. */
  out?: string;
  /** Also write the HTML page: true for the Markdown file's path with `.html`, or a path. */
  html?: string | boolean;
}

/**
 * `diagram`: the models folder as a Mermaid erDiagram in a Markdown file, and with `--html` a
 * page that renders it offline. Reads no database: the models are loaded on a connection that
 * never connects.
 */
export async function diagram(ctx: CliContext, options: DiagramCommandOptions): Promise<ExitCode> {
  return ctx.withModelsOnly<ExitCode>(async (relata) => {
    const source = ctx.relative(ctx.paths.models);
    const out = options.out ?? DEFAULT_DIAGRAM_FILE;
    if (out === '-') {
      ctx.io.stdout(diagramMarkdown(relata, { source }));
      return 0;
    }
    const markdown = resolve(ctx.paths.cwd, out);
    const written: string[] = [];
    await mkdir(dirname(markdown), { recursive: true });
    await writeFile(markdown, diagramMarkdown(relata, { source }));
    written.push(markdown);
    if (options.html !== undefined && options.html !== false) {
      const page = resolve(ctx.paths.cwd, typeof options.html === 'string' ? options.html : markdown.replace(/\.(md|markdown)$/i, '') + '.html');
      await mkdir(dirname(page), { recursive: true });
      await writeFile(page, await diagramHtml(relata, { source }));
      written.push(page);
    }
    const { entities, relationships } = diagramModel(relata);
    for (const file of written) ctx.line(`Wrote ${ctx.relative(file)}`);
    ctx.line(`${entities.length} table${entities.length === 1 ? '' : 's'}, ${relationships.length} relationship${relationships.length === 1 ? '' : 's'}.`);
    return 0;
  });
}

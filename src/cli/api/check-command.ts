import { checkSchema, formatCheckReport } from '../../migrations/schema/schema-check.js';
import type { CliContext } from './context.js';
import type { ExitCode } from './migrate-commands.js';

/** `check`: compares every association with the database; exit code 1 on drift. */
export async function check(ctx: CliContext): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata) => {
    await ctx.loadModels(relata);
    const report = await checkSchema(relata);
    ctx.io.stdout(formatCheckReport(report));
    return report.drift === 0 ? 0 : 1;
  });
}

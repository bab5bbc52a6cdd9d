import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../../server/actor.ts';
import { systemClock } from '../../server/clock.ts';
import { withDatabase } from '../database.ts';
import { AppError } from '../../server/errors.ts';
import { translate } from '../../server/i18n/index.ts';
import { createAuditService } from '../../modules/audit/index.ts';
import { createFilesService } from '../../modules/files/index.ts';
import { createEnterpriseTransferService, localiseResult } from '../../modules/enterprises/index.ts';

/**
 * `gaodi import enterprises FILE [--json]`: the same import as the web page, run as the
 * system (city-wide). With --json the last line is `{"imported","updated","unchanged","failed":[…]}`.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const [kind, file] = positionals;
  if (kind !== 'enterprises' || !file) {
    console.error('usage: gaodi import enterprises FILE [--json]');
    return 2;
  }
  const size = await stat(file).then((s) => s.size, () => -1);
  if (size < 0) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  return withDatabase(async (database, config) => {
    try {
      const audit = createAuditService({ db: database.db, clock: systemClock });
      // the command line imports at once, as the system: no job, so no stored file and no user to act for
      const files = createFilesService({ db: database.db, audit, maxBytes: config.uploadLimitBytes });
      const transfer = createEnterpriseTransferService({ db: database.db, audit, clock: systemClock, files, actorOf: async () => null, bulk: database });
      const started = Date.now();
      let lastShown = 0;
      const outcome = await transfer.importFile(SYSTEM_ACTOR, { buffer: await readFile(file), fileName: basename(file) }, (done, total) => {
        if (!values.json && process.stderr.isTTY && Date.now() - lastShown > 500) {
          lastShown = Date.now();
          process.stderr.write(`\r  ${done} / ${total} rows`);
        }
      });
      const result = localiseResult(outcome.result, 'zh-CN');
      if (values.json) {
        console.log(JSON.stringify({ ...result, failed: result.failed.map(({ row, column, message }) => ({ row, column, message })) }));
      } else {
        if (process.stderr.isTTY) process.stderr.write('\n');
        for (const f of result.failed) console.log(`  第 ${f.row} 行 【${f.column}】 ${f.message}`);
        console.log(`imported ${result.imported}, updated ${result.updated}, unchanged ${result.unchanged}, failed rows ${new Set(result.failed.map((f) => f.row)).size} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
      return result.failed.length ? 1 : 0;
    } catch (error) {
      if (error instanceof AppError) {
        const message = translate('zh-CN', `errors.${error.code}`, error.params);
        if (values.json) console.log(JSON.stringify({ error: { code: error.code, message } }));
        else console.error(message);
        return 1;
      }
      throw error;
    }
  });
}

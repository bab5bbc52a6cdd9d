import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/main.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the web app when dist/web is missing (first `npm start`), using Vite's API. */
async function ensureWebBuild(): Promise<void> {
  if (existsSync(`${ROOT}dist/web/index.html`)) return;
  console.log('  Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'warn' });
}

/** `gaodi start`: serve the web app and the API. */
export async function run(args: string[]): Promise<number> {
  if (!args.includes('--no-web-build')) {
    try {
      await ensureWebBuild();
    } catch (error) {
      console.error('  The web app could not be built; serving the API only.', error instanceof Error ? error.message : error);
    }
  }
  const server = await startServer();
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return new Promise<number>(() => undefined);
}

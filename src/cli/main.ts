/**
 * The `gaodi` command: a table of subcommands, each loaded only when called.
 * Each command module exports `run(args: string[]): Promise<number>` (the exit code).
 */
type CommandModule = { run: (args: string[]) => Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'start the web app and the API', load: () => import('./commands/start.ts') },
  migrate: { summary: 'apply database migrations', load: () => import('./commands/migrate.ts') },
  seed: { summary: 'load demo data: seed --demo [--enterprises N]', load: () => import('./commands/seed.ts') },
  import: { summary: 'import enterprises FILE [--json]', load: () => import('./commands/import.ts') },
  'check-code': { summary: 'check 统一社会信用代码: check-code [--json] CODE…', load: () => import('./commands/check-code.ts') },
  classify: { summary: 'size class and 规上 for JSON lines on stdin', load: () => import('./commands/classify.ts') },
  rules: { summary: 'rules eval | rules explain: JSON lines on stdin', load: () => import('./commands/rules.ts') },
  policies: { summary: 'policies list [--json]: the policy catalogue', load: () => import('./commands/policies.ts') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['usage: gaodi <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`gaodi: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

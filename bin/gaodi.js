#!/usr/bin/env node
// Entry of the `gaodi` command: runs the TypeScript sources through tsx, so that
// `npx gaodi …` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;

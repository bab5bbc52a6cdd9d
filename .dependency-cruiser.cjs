/** Boundaries from STYLE.md, enforced by `npm run lint` (and CI). */
module.exports = {
  forbidden: [
    {
      name: 'pure-core-no-io',
      comment: 'src/rules and src/standards are pure: no server, modules, web, or I/O modules',
      severity: 'error',
      from: { path: '^src/(rules|standards)/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/(server|modules|web|cli)/', '^(node:)?(fs|fs/promises|net|http|https|child_process|dgram|dns|tls)$', 'node_modules/(pg|drizzle-orm|fastify|exceljs)/'] },
    },
    {
      name: 'modules-through-index',
      comment: 'a module imports another module only through its index.ts',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'web-only-schemas-from-server',
      comment: 'the web app imports nothing from the server side but isomorphic *.schemas.ts',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|modules|cli)/', pathNot: '\\.schemas\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.tsx?$' },
  },
};

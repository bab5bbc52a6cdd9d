import { z } from 'zod';

/** Environment settings; the only reader of process.env (a zod schema, every problem printed at boot). */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  GAODI_DATA_DIR: z.string().default('./.gaodi-data'),
  GAODI_DEMO: booleanFlag.optional(),
  GAODI_DEMO_PASSWORD: z.string().min(6).default('demo1234'),
  GAODI_DEMO_ENTERPRISES: z.coerce.number().int().min(0).max(2_000_000).default(2000),
  GAODI_ADMIN_PASSWORD: z.string().min(8).optional(),
  GAODI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  GAODI_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  GAODI_SECURE_COOKIES: booleanFlag.default(false),
  GAODI_UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean | undefined;
  demoPassword: string;
  demoEnterprises: number;
  adminPassword: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
  uploadLimitBytes: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
};

/** Reads the configuration from an environment (process.env by default); throws listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.GAODI_DATA_DIR,
    demo: c.GAODI_DEMO,
    demoPassword: c.GAODI_DEMO_PASSWORD,
    demoEnterprises: c.GAODI_DEMO_ENTERPRISES,
    adminPassword: c.GAODI_ADMIN_PASSWORD,
    sessionIdleMinutes: c.GAODI_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: c.GAODI_SESSION_ABSOLUTE_HOURS,
    secureCookies: c.GAODI_SECURE_COOKIES,
    uploadLimitBytes: c.GAODI_UPLOAD_LIMIT_MB * 1024 * 1024,
    logLevel: c.LOG_LEVEL,
  };
}

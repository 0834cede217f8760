import { resolve } from 'node:path';
import { z } from 'zod';
import { SEARCH_CANDIDATE_CAP } from '../../shared/search.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  ZHONGSHU_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Set when a TLS-terminating proxy sits in front: cookies become Secure, HSTS is sent. */
  ZHONGSHU_TLS: z.enum(['0', '1', 'true', 'false']).optional(),
  ZHONGSHU_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).optional(),
  ZHONGSHU_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  ZHONGSHU_UPLOAD_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1_048_576),
  ZHONGSHU_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Size of a search ranking block: matches are read newest first in blocks of this many, ranked within each block; a page reads only the blocks up to its end. */
  ZHONGSHU_SEARCH_CAP: z.coerce.number().int().min(1).max(100_000).default(SEARCH_CANDIDATE_CAP),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  tls: boolean;
  trustProxy: boolean;
  bodyLimit: number;
  uploadLimit: number;
  loginRatePerMinute: number;
  searchCap: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置有误：${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.ZHONGSHU_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    tls: truthy(e.ZHONGSHU_TLS),
    trustProxy: truthy(e.ZHONGSHU_TRUST_PROXY),
    bodyLimit: e.ZHONGSHU_BODY_LIMIT,
    uploadLimit: e.ZHONGSHU_UPLOAD_LIMIT,
    loginRatePerMinute: e.ZHONGSHU_LOGIN_RATE_PER_MINUTE,
    searchCap: e.ZHONGSHU_SEARCH_CAP,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || undefined,
    ...overrides,
  };
}

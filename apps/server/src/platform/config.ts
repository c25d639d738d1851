import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite engine is used. */
  databaseUrl: string | null;
  dataDir: string;
  adminPassword: string | null;
  demoPassword: string;
  /** Cookie `Secure` flag: on when served over HTTPS. */
  secureCookies: boolean;
  sessionHours: number;
  logLevel: string;
  /** Trust X-Forwarded-For (only behind a reverse proxy that sets it), for rate limits and logs. */
  trustProxy: boolean;
  /** The address people reach the web app at (links on member cards and in invitations). */
  publicUrl: string | null;
  /** Key sealing denouncers' identities (base64, 32 bytes), kept out of the database. */
  sealKey: string | null;
  /** File holding that key when `sealKey` is not set (default `<dataDir>/seal.key`, created 0600). */
  sealKeyFile: string | null;
  /** SMTP server for e-mail copies of notices (`smtp://user:pass@host:587`, `smtps://…`); none: in-app only. */
  smtpUrl: string | null;
  /** Sender of those e-mails. */
  mailFrom: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    dataDir: path.resolve(env.HOI_DATA_DIR ?? 'data'),
    adminPassword: env.HOI_ADMIN_PASSWORD ?? null,
    demoPassword: env.HOI_DEMO_PASSWORD ?? 'demo-password-2026',
    secureCookies: env.HOI_SECURE_COOKIES === '1',
    sessionHours: Number(env.HOI_SESSION_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.HOI_TRUST_PROXY === '1',
    publicUrl: env.HOI_PUBLIC_URL ? env.HOI_PUBLIC_URL.replace(/\/+$/, '') : null,
    sealKey: env.HOI_SEAL_KEY && env.HOI_SEAL_KEY.length > 0 ? env.HOI_SEAL_KEY : null,
    sealKeyFile: env.HOI_SEAL_KEY_FILE ? path.resolve(env.HOI_SEAL_KEY_FILE) : null,
    smtpUrl: env.HOI_SMTP_URL && env.HOI_SMTP_URL.length > 0 ? env.HOI_SMTP_URL : null,
    mailFrom: env.HOI_MAIL_FROM ?? 'Hội <no-reply@hoi.local>',
  };
}

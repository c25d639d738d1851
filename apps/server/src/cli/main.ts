import { Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { VERSION } from '../platform/version.js';
import { migrateToLatest } from '../db/engine.js';
import { verifyAudit } from '../modules/audit/audit.service.js';
import { importAdminUnits } from '../modules/admin-units/admin-units.import.js';
import { backupToFile, restoreFromFile } from '../modules/backup/backup.service.js';
import { escalateOverdue } from '../modules/transfers/escalate-transfers.service.js';
import { todayIn } from '../platform/clock.js';
import { seedDemo } from '../seed/demo.js';
import { openCliDeps } from './context.js';
import { serve } from './serve.js';
import { cliAssign, cliCreateUser, cliResetPassword } from './users.cli.js';

/** Runs `fn` with an open database, closing it afterwards whatever happens. */
async function withDeps<T>(name: string, fn: (deps: Awaited<ReturnType<typeof openCliDeps>>) => Promise<T>): Promise<T> {
  const deps = await openCliDeps(`hoi ${name}`);
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

const program = new Command()
  .name('hoi')
  .description('Hội — nền tảng cho các hội quần chúng / platform for Vietnam\'s mass associations')
  .version(VERSION);

program
  .command('serve')
  .description('Chạy máy chủ / run the server (PORT, DATABASE_URL, HOI_DATA_DIR)')
  .option('--no-demo', 'không tạo dữ liệu mẫu / do not seed the demo federation')
  .action(async (o: { demo: boolean }) => serve(o));

program
  .command('migrate')
  .description('Cập nhật cấu trúc CSDL / apply database migrations')
  .action(() =>
    withDeps('migrate', async (deps) => {
      const applied = await migrateToLatest(deps.db.system);
      console.log(applied.length ? `Đã áp dụng / applied: ${applied.join(', ')}` : 'CSDL đã mới nhất / database is up to date');
    }),
  );

program
  .command('seed')
  .description('Tạo dữ liệu mẫu / seed data')
  .requiredOption('--demo', 'liên hiệp mẫu / the demo federation')
  .action(() =>
    withDeps('seed', async (deps) => {
      const r = await seedDemo(deps);
      if (!r.seeded) console.log('Dữ liệu mẫu đã có / demo already present');
      else console.log(`Đã tạo dữ liệu mẫu / demo seeded${r.generatedPassword ? `; admin / ${r.adminPassword}` : ''}`);
    }),
  );

const user = program.command('user').description('Người dùng / users');
user
  .command('create')
  .description('Tạo người dùng / create a user')
  .requiredOption('--username <u>')
  .requiredOption('--name <displayName>')
  .requiredOption('--password <p>')
  .requiredOption('--role <role>')
  .option('--unit <code>', 'mã đơn vị (mặc định: gốc) / unit code (default: root)')
  .option('--association <code>')
  .option('--email <email>')
  .option('--phone <phone>')
  .action((o: Parameters<typeof cliCreateUser>[1]) =>
    withDeps('user create', async (deps) => console.log(JSON.stringify(await cliCreateUser(deps, o)))),
  );
user
  .command('reset-password <username>')
  .requiredOption('--password <p>')
  .action((username: string, o: { password: string }) =>
    withDeps('user reset-password', async (deps) => {
      await cliResetPassword(deps, username, o.password);
      console.log('Đã đặt lại mật khẩu / password reset');
    }),
  );
user
  .command('assign <username>')
  .requiredOption('--role <role>')
  .option('--unit <code>')
  .option('--from <YYYY-MM-DD>')
  .option('--to <YYYY-MM-DD>')
  .action((username: string, o: { role: string; unit?: string; from?: string; to?: string }) =>
    withDeps('user assign', async (deps) => {
      await cliAssign(deps, username, o);
      console.log('Đã giao vai trò / role assigned');
    }),
  );

program
  .command('admin-units')
  .description('Danh mục đơn vị hành chính / administrative units')
  .command('import <files...>')
  .description('Nhập danh mục tỉnh/xã (JSON) và bảng chuyển đổi (CSV) / import the official lists')
  .action((files: string[]) =>
    withDeps('admin-units import', async (deps) => console.log(JSON.stringify(await importAdminUnits(deps.db.system, files), null, 2))),
  );

program
  .command('audit')
  .description('Nhật ký kiểm toán / audit log')
  .command('verify')
  .description('Kiểm tra chuỗi băm / verify the hash chains')
  .action(() =>
    withDeps('audit verify', async (deps) => {
      const r = await verifyAudit(deps.db.system);
      console.log(JSON.stringify(r, null, 2));
      if (!r.ok) process.exitCode = 3;
    }),
  );

program
  .command('transfers')
  .description('Chuyển sinh hoạt / member transfers')
  .command('escalate')
  .description('Chuyển các lượt quá hạn lên cấp trên chung / escalate overdue transfers to the common parent')
  .action(() =>
    withDeps('transfers escalate', async (deps) => {
      const n = await escalateOverdue(deps, todayIn(deps.clock));
      console.log(`Đã chuyển lên cấp trên / escalated: ${n}`);
    }),
  );

program
  .command('backup <file>')
  .description('Sao lưu logic có kiểm tra / checksummed logical backup')
  .action((file: string) => withDeps('backup', async (deps) => console.log(JSON.stringify(await backupToFile(deps.db, file), null, 2))));

program
  .command('restore <file>')
  .description('Khôi phục vào CSDL trống (PGlite hoặc PostgreSQL) / restore into an empty database')
  .action((file: string) => withDeps('restore', async (deps) => console.log(JSON.stringify(await restoreFromFile(deps.db, file), null, 2))));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof AppError) {
    const env = e.toEnvelope().error;
    console.error(`Lỗi / error ${env.code}: ${env.message} / ${env.messageEn}${env.details ? `\n${JSON.stringify(env.details)}` : ''}`);
  } else {
    console.error(e);
  }
  process.exitCode = 1;
}

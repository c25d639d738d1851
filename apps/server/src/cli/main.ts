import { vacuumDatabase } from '../db/maintenance.js';
import { Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { VERSION } from '../platform/version.js';
import { migrateToLatest } from '../db/engine.js';
import { verifyAudit } from '../modules/audit/audit.service.js';
import { importAdminUnits } from '../modules/admin-units/admin-units.import.js';
import { backupToFile, restoreFromFile } from '../modules/backup/backup.service.js';
import { escalateOverdue } from '../modules/transfers/escalate-transfers.service.js';
import { refreshCountBases } from '../modules/members/member-counts.service.js';
import { todayIn } from '../platform/clock.js';
import { seedDemo } from '../seed/demo.js';
import { openCliDeps } from './context.js';
import { collectSuspended, runDeadlines, type DeadlinesOptions } from './deadlines.cli.js';
import { calendarList, calendarRemove, calendarSet } from './calendar.cli.js';
import { escalateOverdueCases } from '../modules/cases/cases-inbox.service.js';
import { cliExportMembers } from './export.cli.js';
import { cliImportMembers } from './import.cli.js';
import { cliExportReport } from './report.cli.js';
import { sendReportReminders } from '../modules/reports/reminders.service.js';
import { serve } from './serve.js';
import { cliAssign, cliCreateUser, cliResetPassword } from './users.cli.js';

/** Runs `fn` with an open database, closing it afterwards whatever happens. */
async function withDeps<T>(
  name: string,
  fn: (deps: Awaited<ReturnType<typeof openCliDeps>>) => Promise<T>,
): Promise<T> {
  const deps = await openCliDeps(`hoi ${name}`);
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

const program = new Command()
  .name('hoi')
  .description("Hội — nền tảng cho các hội quần chúng / platform for Vietnam's mass associations")
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
      console.log(
        applied.length
          ? `Đã áp dụng / applied: ${applied.join(', ')}`
          : 'CSDL đã mới nhất / database is up to date',
      );
    }),
  );

program
  .command('vacuum')
  .description(
    'Dọn dẹp và cập nhật thống kê CSDL (VACUUM ANALYZE) / vacuum and analyze the database',
  )
  .action(() =>
    withDeps('vacuum', async (deps) => {
      const seconds = await vacuumDatabase(deps);
      console.log(`Đã dọn dẹp CSDL / database vacuumed (${seconds.toFixed(1)} s)`);
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
      else
        console.log(
          `Đã tạo dữ liệu mẫu / demo seeded${r.generatedPassword ? `; admin / ${r.adminPassword}` : ''}`,
        );
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
    withDeps('user create', async (deps) =>
      console.log(JSON.stringify(await cliCreateUser(deps, o))),
    ),
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
    withDeps('admin-units import', async (deps) =>
      console.log(JSON.stringify(await importAdminUnits(deps.db.system, files), null, 2)),
    ),
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

const report = program.command('report').description('Báo cáo định kỳ / periodic reports');
report
  .command('export')
  .description(
    "Xuất báo cáo của một đơn vị (.docx theo Nghị định 30/2020, .xlsx) / export a unit's report",
  )
  .requiredOption('--template <code>', 'mã biểu mẫu, ví dụ BC-DINHKY / template code')
  .requiredOption(
    '--period <period>',
    'kỳ báo cáo: 2026-M11, 2026-Q4, 2026-H1, 2026-N9, 2026-Y / period',
  )
  .requiredOption('--unit <code>', 'mã đơn vị / unit code')
  .requiredOption('--out <file>', 'tệp kết quả / output file')
  .option(
    '--format <docx|xlsx>',
    'định dạng (mặc định theo đuôi tệp) / format (default: from the extension)',
  )
  .option('--association <code>', 'mã hội, khi mã đơn vị có ở nhiều hội / association code')
  .option('--signer-name <name>', 'họ tên người ký / signer full name')
  .option('--signer-title <title>', 'chức vụ người ký (mặc định Chủ tịch) / signer title')
  .option(
    '--signer-authority <text>',
    'thẩm quyền ký (mặc định TM. Ban Thường vụ; "" để bỏ) / signing authority',
  )
  .action((o: Parameters<typeof cliExportReport>[1]) =>
    withDeps('report export', async (deps) =>
      console.log(JSON.stringify(await cliExportReport(deps, o))),
    ),
  );
report
  .command('remind')
  .description('Gửi nhắc hạn nộp báo cáo (trước và sau hạn) / send report deadline reminders')
  .action(() =>
    withDeps('report remind', async (deps) => {
      const n = await sendReportReminders(deps, todayIn(deps.clock));
      console.log(`Đã gửi nhắc / reminders sent: ${n}`);
    }),
  );

program
  .command('counts')
  .description('Số liệu hội viên / membership counts')
  .command('rebuild')
  .description(
    'Dựng các mốc số liệu đầu năm còn thiếu / build the missing yearly count bases (the server also does it every 10 minutes)',
  )
  .action(() =>
    withDeps('counts rebuild', async (deps) => {
      const n = await refreshCountBases(deps);
      console.log(`Đã dựng mốc số liệu / count bases built: ${n}`);
    }),
  );

program
  .command('transfers')
  .description('Chuyển sinh hoạt / member transfers')
  .command('escalate')
  .description(
    'Chuyển các lượt quá hạn lên cấp trên chung / escalate overdue transfers to the common parent',
  )
  .action(() =>
    withDeps('transfers escalate', async (deps) => {
      const n = await escalateOverdue(deps, todayIn(deps.clock));
      console.log(`Đã chuyển lên cấp trên / escalated: ${n}`);
    }),
  );

program
  .command('export')
  .description('Xuất dữ liệu ra tệp / export data to a file')
  .command('members')
  .description(
    'Danh sách hội viên của một đơn vị (cả cây con) ra .xlsx hoặc .csv / the members of a unit and its subtree',
  )
  .requiredOption('--unit <code>', 'mã đơn vị / unit code')
  .requiredOption('--out <file>', 'tệp kết quả / output file')
  .option(
    '--format <xlsx|csv>',
    'định dạng (mặc định theo đuôi tệp, hoặc xlsx) / format (default: from the extension, else xlsx)',
  )
  .option(
    '--status <list>',
    'trạng thái, phân cách bằng dấu phẩy (mặc định: mọi trạng thái) / statuses, comma-separated (default: all)',
  )
  .option(
    '--association <code>',
    'mã hội, khi mã đơn vị có ở nhiều hội / association code, when the unit code is not unique',
  )
  .action((o: Parameters<typeof cliExportMembers>[1]) =>
    withDeps('export members', async (deps) =>
      console.log(JSON.stringify(await cliExportMembers(deps, o))),
    ),
  );

program
  .command('import')
  .description('Nhập dữ liệu từ tệp / import data from a file')
  .command('members <file>')
  .description(
    'Nhập danh sách hội viên từ .xlsx hoặc .csv vào một đơn vị / import a member list (.xlsx, .csv) into a unit',
  )
  .requiredOption(
    '--unit <code>',
    'mã đơn vị nhận (chi hội trong cột "Chi hội" phải thuộc đơn vị này) / target unit code',
  )
  .option('--dry-run', 'chỉ xem trước, không ghi / preview only, nothing written')
  .option(
    '--report <file>',
    'ghi báo cáo lỗi (.xlsx hoặc .csv) / write the error report (.xlsx or .csv)',
  )
  .option(
    '--restart',
    'bỏ tác vụ dở dang của cùng tệp và làm lại từ đầu / abandon an unfinished run of this file and start over',
  )
  .option(
    '--association <code>',
    'mã hội, khi mã đơn vị có ở nhiều hội / association code, when the unit code is not unique',
  )
  .action((file: string, o: Parameters<typeof cliImportMembers>[2]) =>
    withDeps('import members', async (deps) => {
      const r = await cliImportMembers(deps, file, o);
      console.log(
        JSON.stringify({
          jobId: r.jobId,
          resumed: r.resumed,
          ...r.counts,
          reported: r.reported,
          report: r.report,
        }),
      );
      process.exitCode = r.exitCode;
    }),
  );

program
  .command('deadlines')
  .description(
    'Tính các mốc thời hạn của một vụ việc (không cần CSDL) / compute the statutory deadlines of a case (no database)',
  )
  .configureOutput({
    outputError: (str, write) =>
      write(`Lỗi / error: tham số dòng lệnh không hợp lệ / invalid arguments — ${str}`),
  })
  .option('--type <type>', 'complaint | complaint-discipline | denunciation | petition | dispute')
  .option('--round <1|2>', 'lần giải quyết / round')
  .option('--received <YYYY-MM-DD>', 'ngày nhận đơn / date received')
  .option('--accepted <YYYY-MM-DD>', 'ngày thụ lý / date accepted')
  .option('--concluded <YYYY-MM-DD>', 'ngày quyết định, kết luận / date of the decision')
  .option('--complex', 'vụ việc phức tạp / complex case')
  .option('--very-complex', 'vụ việc đặc biệt phức tạp / very complex case')
  .option('--remote', 'vùng sâu, vùng xa / remote area')
  .option(
    '--several-places',
    'tố cáo cần xác minh nhiều nơi / denunciation checked in several places',
  )
  .option(
    '--extensions <n>',
    'số lần gia hạn, mỗi lần tối đa / number of maximum-length extensions',
  )
  .option(
    '--suspended <from:to>',
    'khoảng tạm đình chỉ, lặp lại được; bỏ trống ngày cuối nếu đang tạm đình chỉ / suspended period, repeatable',
    collectSuspended,
  )
  .action((o: DeadlinesOptions) => {
    process.exitCode = runDeadlines(o);
  });

const calendar = program
  .command('calendar')
  .description(
    'Lịch ngày nghỉ lễ, ngày làm bù (dùng cho thời hạn đơn thư) / the working-day calendar',
  );
calendar
  .command('list')
  .description(
    'Liệt kê ngày nghỉ, ngày làm bù của một năm / list a year’s days off and make-up days',
  )
  .requiredOption('--year <yyyy>', 'năm / year')
  .action((o: { year: string }) =>
    withDeps('calendar list', async (deps) => {
      for (const line of await calendarList(deps.db.system, Number(o.year))) console.log(line);
    }),
  );
calendar
  .command('set <date>')
  .description(
    'Đặt ngày nghỉ hoặc ngày làm bù theo quyết định của Chính phủ / set a day off or a make-up working day',
  )
  .requiredOption(
    '--kind <holiday|workday>',
    'holiday = nghỉ / day off; workday = làm bù / make-up working day',
  )
  .requiredOption('--name <text>', 'tên ngày, căn cứ / name and source')
  .action((date: string, o: { kind: string; name: string }) =>
    withDeps('calendar set', async (deps) => {
      await calendarSet(deps.db.system, date, o.kind, o.name);
      console.log(`Đã lưu / saved: ${date} ${o.kind}`);
    }),
  );
calendar
  .command('remove <date>')
  .description('Trả ngày về bình thường / make the day an ordinary day again')
  .action((date: string) =>
    withDeps('calendar remove', async (deps) => {
      const removed = await calendarRemove(deps.db.system, date);
      console.log(
        removed
          ? `Đã xóa / removed: ${date}`
          : `Không có trong lịch / not in the calendar: ${date}`,
      );
    }),
  );

program
  .command('cases')
  .description('Đơn thư / complaints and denunciations')
  .command('escalate')
  .description('Báo cấp trên các vụ việc quá hạn / escalate overdue cases to the parent unit')
  .action(() =>
    withDeps('cases escalate', async (deps) => {
      const n = await escalateOverdueCases(deps, todayIn(deps.clock));
      console.log(`Đã báo cấp trên / escalated: ${n}`);
    }),
  );

program
  .command('backup <file>')
  .description('Sao lưu logic có kiểm tra / checksummed logical backup')
  .action((file: string) =>
    withDeps('backup', async (deps) =>
      console.log(JSON.stringify(await backupToFile(deps.db, file), null, 2)),
    ),
  );

program
  .command('restore <file>')
  .description('Khôi phục vào CSDL trống (PGlite hoặc PostgreSQL) / restore into an empty database')
  .action((file: string) =>
    withDeps('restore', async (deps) =>
      console.log(JSON.stringify(await restoreFromFile(deps.db, file), null, 2)),
    ),
  );

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof AppError) {
    const env = e.toEnvelope().error;
    console.error(
      `Lỗi / error ${env.code}: ${env.message} / ${env.messageEn}${env.details ? `\n${JSON.stringify(env.details)}` : ''}`,
    );
  } else {
    console.error(e);
  }
  process.exitCode = 1;
}

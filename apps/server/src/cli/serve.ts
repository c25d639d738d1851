import { buildApp } from '../http/app.js';
import { startJobWorker } from '../modules/jobs/jobs.service.js';
import { startEscalationTimer } from '../modules/transfers/escalate-transfers.service.js';
import { seedDemo } from '../seed/demo.js';
import { openCliDeps } from './context.js';

/** `hoi serve`: migrate, seed the demo on first start (unless --no-demo), listen. */
export async function serve(opts: { demo: boolean }) {
  const started = Date.now();
  const deps = await openCliDeps('hoi serve');
  if (opts.demo) {
    const seed = await seedDemo(deps);
    if (seed.seeded) {
      console.log('Đã tạo dữ liệu mẫu (DEMO) / demo federation seeded.');
      if (seed.generatedPassword) {
        console.log(`Tài khoản quản trị / admin login: admin / ${seed.adminPassword}  (chỉ hiện một lần / shown once)`);
      } else {
        console.log('Tài khoản quản trị / admin login: admin / (HOI_ADMIN_PASSWORD)');
      }
    }
  }
  const { app } = await buildApp(deps, { logger: true });
  // Overdue transfers go up to the common parent: checked at start and hourly.
  const stopEscalation = startEscalationTimer(deps, app.log);
  // Imports (and later other long work) run as jobs; abandoned ones resume here after a crash.
  const stopJobs = startJobWorker(deps, app.log);
  const shutdown = async () => {
    stopEscalation();
    await stopJobs();
    await app.close();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: deps.config.port, host: deps.config.host });
  console.log(
    `Hội đang chạy tại / serving at http://localhost:${deps.config.port} (${deps.db.kind}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

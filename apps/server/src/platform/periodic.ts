/** Something the server does at start and then every `everyMs` (escalations, reminders). */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<number>;
}

type Log = { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };

/**
 * Runs each task now and then on its interval, one run at a time per task; failures are logged
 * and retried at the next tick. Returns a function that stops them all.
 */
export function startPeriodic(tasks: PeriodicTask[], log: Log): () => void {
  const timers = tasks.map((task) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const n = await task.run();
        if (n > 0) log.info({ task: task.name, count: n }, `${task.name}: ${n}`);
      } catch (err) {
        log.error({ err, task: task.name }, `${task.name} failed`);
      } finally {
        running = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), task.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach((t) => clearInterval(t));
}

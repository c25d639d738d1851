#!/usr/bin/env node
// The `hoi` command: runs the TypeScript CLI through tsx's loader (no separate server build).
//
// It first starts itself again with V8's old-space limit set (HOI_MAX_HEAP_MB, default 1024;
// 0 turns this off; a limit already given in NODE_OPTIONS or on the command line is kept). On a
// large machine V8 otherwise lets garbage reach about half a gigabyte before its first full
// collection: a million-row import, whose live heap is about 200 MB, then peaked at 1.3 GB
// resident on the embedded engine instead of about 0.8 GB (decision 75).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const heapRaw = process.env.HOI_MAX_HEAP_MB ?? '';
if (heapRaw !== '' && !/^\d+$/.test(heapRaw)) {
  console.error(
    `HOI_MAX_HEAP_MB phải là số MB nguyên không âm (0 = không giới hạn), nhận được "${heapRaw}" / ` +
      `HOI_MAX_HEAP_MB must be a whole number of MB (0 = no limit), got "${heapRaw}"`,
  );
  process.exit(1);
}
const heapMb = heapRaw === '' ? 1024 : Number(heapRaw);
const limited = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) =>
  a.includes('--max-old-space-size'),
);

if (!limited && heapMb > 0) {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapMb}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, HOI_LAUNCHER_PID: String(process.pid) } },
  );
  // Ctrl-C reaches the whole process group, the child included: nothing to forward. A signal
  // sent to this process alone is passed on.
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward);
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  // Started by the lines above: when that process dies, even by `kill -9`, this one dies at once
  // too, as one process would have. A thread watches, because the main thread may be busy inside
  // the embedded database for a second or more.
  const launcher = Number(process.env.HOI_LAUNCHER_PID);
  delete process.env.HOI_LAUNCHER_PID;
  if (launcher && launcher === process.ppid) {
    new Worker(
      `const p = ${launcher};
       setInterval(() => { if (process.ppid !== p) process.kill(process.pid, 'SIGKILL'); }, 100);`,
      { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } },
    ).unref();
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

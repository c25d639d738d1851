/**
 * `hoi deadlines`: option parsing and output in process, then the real `hoi` process for its
 * exit codes and to show it runs without a database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClockResult } from '@hoi/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DeadlinesArgError,
  clockInputOf,
  runDeadlines,
  type DeadlinesOptions,
} from './deadlines.cli.js';

function run(o: DeadlinesOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDeadlines(o, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hoi deadlines (in process)', () => {
  it('maps the options onto the clock input', () => {
    expect(
      clockInputOf({
        type: 'complaint-discipline',
        round: '2',
        received: '2026-03-02',
        accepted: '2026-03-05',
        complex: true,
        remote: true,
        suspended: ['2026-03-10:2026-03-12', '2026-04-01:'],
      }),
    ).toEqual({
      type: 'complaint_discipline',
      round: 2,
      received: '2026-03-02',
      accepted: '2026-03-05',
      concluded: null,
      complexity: 'complex',
      remote: true,
      severalPlaces: false,
      extensions: [],
      suspensions: [
        { from: '2026-03-10', to: '2026-03-12' },
        { from: '2026-04-01', to: null },
      ],
    });
  });

  it('gives --extensions N extensions of the longest length allowed', () => {
    const input = clockInputOf({
      type: 'denunciation',
      round: '1',
      received: '2026-03-02',
      veryComplex: true,
      extensions: '2',
    });
    expect(input).toMatchObject({ complexity: 'very_complex', extensions: [30, 30] });
    const r = run({
      type: 'denunciation',
      round: '1',
      received: '2026-02-23',
      accepted: '2026-03-02',
      veryComplex: true,
      extensions: '2',
    });
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as ClockResult;
    expect(result.milestones.find((m) => m.key === 'resolution_due_extended')?.date).toBe(
      '2026-06-03',
    );
  });

  it.each<[DeadlinesOptions, RegExp]>([
    [
      { type: 'appeal', round: '1', received: '2026-03-02' },
      /^Lỗi \/ error: --type phải là một trong: complaint, complaint-discipline/,
    ],
    [
      { type: 'complaint', round: '3', received: '2026-03-02' },
      /--round phải là 1 hoặc 2 \/ --round must be 1 or 2/,
    ],
    [{ type: 'complaint', round: '1' }, /Thiếu --received/],
    [
      { type: 'complaint', round: '1', received: '2026-03-02', complex: true, veryComplex: true },
      /Chỉ chọn một/,
    ],
    [
      { type: 'complaint', round: '1', received: '2026-03-02', extensions: 'two' },
      /--extensions phải là số nguyên/,
    ],
    [
      { type: 'complaint', round: '1', received: '2026-03-02', suspended: ['2026-03-10'] },
      /--suspended phải có dạng/,
    ],
    [
      { type: 'complaint', round: '1', received: '2026-03-02', extensions: '1' },
      /^Lỗi \/ error CASE_EXTENSION_LIMIT: Gia hạn .* \/ The extensions/,
    ],
    [
      { type: 'petition', round: '2', received: '2026-03-02' },
      /CASE_ROUND_INVALID: Loại đơn này không có giải quyết lần hai/,
    ],
    [
      { type: 'petition', round: '1', received: '2026-02-30' },
      /CASE_CLOCK_INPUT: Dữ liệu .* \/ The data .*\n.*no such date/,
    ],
  ])('refuses %o in Vietnamese, then English, exit 1', (o, message) => {
    const r = run(o);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it('throws argument errors as DeadlinesArgError for callers that parse themselves', () => {
    expect(() => clockInputOf({ type: 'x' })).toThrow(DeadlinesArgError);
  });
});

describe('hoi deadlines (the real command)', () => {
  const bin = path.resolve(import.meta.dirname, '../../bin/hoi.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-deadlines-cli-'));
  const env = { ...process.env, HOI_DATA_DIR: dataDir, DATABASE_URL: '' };
  const hoi = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, 'deadlines', ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the clock as JSON and exits 0, without touching a database', () => {
    const r = hoi(
      '--type',
      'denunciation',
      '--round',
      '1',
      '--received',
      '2026-02-10',
      '--suspended',
      '2026-03-02:2026-03-03',
    );
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as ClockResult;
    expect(result.ruleSet.code).toBe('VN-2019');
    expect(result.milestones.find((m) => m.key === 'initial_processing_due')?.date).toBe(
      '2026-02-26',
    );
    expect(r.out).toContain('\n  "type": "denunciation"'); // pretty-printed
    expect(fs.readdirSync(dataDir)).toEqual([]);
  }, 120_000);

  it('exits 1 with the message on stderr for bad input and for unknown options', () => {
    const bad = hoi('--type', 'denunciation', '--round', '2', '--received', '2026-07-01');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(
      /^Lỗi \/ error CASE_ROUND_INVALID: Loại đơn này .* \/ This case type has no second round/,
    );
    const unknown = hoi('--type', 'complaint', '--bogus');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/tham số dòng lệnh không hợp lệ \/ invalid arguments .*--bogus/);
  }, 120_000);
});

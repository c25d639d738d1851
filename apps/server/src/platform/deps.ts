import type { Database } from '../db/engine.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';

/** What services need from the outside world, passed explicitly. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
}

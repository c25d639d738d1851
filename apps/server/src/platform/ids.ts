import { uuidv7 } from 'uuidv7';

/** New time-ordered id (UUIDv7). */
export function newId(): string {
  return uuidv7();
}

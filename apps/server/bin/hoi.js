#!/usr/bin/env node
// The `hoi` command: runs the TypeScript CLI through tsx's loader (no separate server build).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

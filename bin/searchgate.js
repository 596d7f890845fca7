#!/usr/bin/env node
// The `searchgate` command. Sources are TypeScript, run through tsx's loader so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

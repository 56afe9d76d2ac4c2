#!/usr/bin/env node
// `pleno` / `npx pleno`: registers tsx so the TypeScript sources run as they are, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');

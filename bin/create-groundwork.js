#!/usr/bin/env node
import { checkNode } from './check-node.js';

checkNode();
const { createMain } = await import('../dist/src/cli/main.js');
await createMain(process.argv.slice(2));

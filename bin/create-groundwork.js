#!/usr/bin/env node
import { checkNode } from './check-node.js';

checkNode();
const { createMain } = await import('../dist/cli.js');
await createMain(process.argv.slice(2));

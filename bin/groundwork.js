#!/usr/bin/env node
import { checkNode } from './check-node.js';

checkNode();
const { groundworkMain } = await import('../dist/src/cli/main.js');
await groundworkMain(process.argv.slice(2));

#!/usr/bin/env node
import { checkNode } from './check-node.js';

checkNode();
const { groundworkMain } = await import('../dist/cli.js');
await groundworkMain(process.argv.slice(2));

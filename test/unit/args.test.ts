import { describe, expect, it } from 'vitest';
import { parseArgs, type FlagSpec } from '../../src/cli/args.js';

const specs: FlagSpec[] = [
  { name: 'db', type: 'string', accepted: 'Accepted: postgres, none.' },
  { name: 'yes', alias: 'y', type: 'boolean' },
];

describe('parseArgs', () => {
  it('reads values in both spellings, aliases and positionals', () => {
    expect(parseArgs(['app', '--db', 'none', '-y'], specs, 'x')).toEqual({ flags: { db: 'none', yes: true }, positionals: ['app'] });
    expect(parseArgs(['--db=postgres', '--', '--odd-dir'], specs, 'x')).toEqual({ flags: { db: 'postgres' }, positionals: ['--odd-dir'] });
    expect(parseArgs(['--db='], specs, 'x').flags.db).toBe('');
  });

  it('rejects unknown, repeated, valueless and value-carrying flags in one line', () => {
    expect(() => parseArgs(['--colour'], specs, 'create-groundwork')).toThrow('Unknown option "--colour". Run "create-groundwork --help" for the accepted options.');
    expect(() => parseArgs(['--db', 'none', '--db', 'none'], specs, 'x')).toThrow('--db is given twice.');
    expect(() => parseArgs(['--db'], specs, 'x')).toThrow('--db needs a value. Accepted: postgres, none.');
    expect(() => parseArgs(['--db', '--yes'], specs, 'x')).toThrow('--db needs a value.');
    expect(() => parseArgs(['--yes=no'], specs, 'x')).toThrow('--yes takes no value (got "no").');
  });
});

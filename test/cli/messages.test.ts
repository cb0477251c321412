// Hostile input to the built bins: every refusal is one line a user can act on (naming the value and
// what to do), the exit code is 2 (usage) or 1 (failure), --json puts {"error": ...} on stdout, no
// stack trace is printed, and the disk is exactly as before.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroundwork, groundwork, snapshot, tempDir, type CliResult } from '../support/cli.js';

type Bin = 'create' | 'groundwork';
interface Case {
  name: string;
  bin: Bin;
  args: string[];
  env?: Record<string, string>;
  code: 1 | 2;
  message: string;
  /** Lines printed after the message (details). */
  extraLines?: number;
}

const npm = { npm_config_user_agent: 'npm/11.6.2 node/v24.11.0 linux x64 workspaces/false', npm_command: 'init', npm_config_cache: '/nonexistent/.npm' };

const createCases: Case[] = [
  { name: 'a mistyped flag', bin: 'create', args: ['fresh', '--dbb', 'postgres'], code: 2, message: 'Unknown option "--dbb". Did you mean --db? Run "create-groundwork --help" for the accepted options.' },
  { name: 'a flag without its dash', bin: 'create', args: ['fresh', '-yes'], code: 2, message: 'Unknown option "-yes". Did you mean --yes?' },
  { name: 'a run-together flag', bin: 'create', args: ['fresh', '--dryrun'], code: 2, message: 'Did you mean --dry-run?' },
  { name: 'a long spelling of an alias', bin: 'create', args: ['fresh', '--y'], code: 2, message: 'Did you mean -y?' },
  { name: 'an uppercase flag', bin: 'create', args: ['fresh', '--DB', 'none'], code: 2, message: 'Did you mean --db?' },
  { name: 'a misspelt value', bin: 'create', args: ['fresh', '--db', 'postgre', '--yes'], code: 2, message: 'Unknown value "postgre" for --db. Did you mean postgres? Accepted: postgres, mysql, sqlite, none.' },
  { name: 'an abbreviated value', bin: 'create', args: ['fresh', '--queue', 'bull', '--yes'], code: 2, message: 'Unknown value "bull" for --queue. Did you mean bullmq?' },
  { name: 'a misspelt item of a list', bin: 'create', args: ['fresh', '--api', 'rest,grapql', '--yes'], code: 2, message: 'Unknown value "grapql" for --api. Did you mean graphql?' },
  { name: "another flag's value", bin: 'create', args: ['fresh', '--cache', 'postgres', '--yes'], code: 2, message: 'Unknown value "postgres" for --cache. "postgres" is a value of --db. Accepted: memory, redis, none.' },
  { name: 'a trailing comma', bin: 'create', args: ['fresh', '--api', 'rest,', '--yes'], code: 2, message: '--api "rest," has an empty item.' },
  { name: 'a value with a newline', bin: 'create', args: ['fresh', '--db', 'post\ngres', '--yes'], code: 2, message: 'Unknown value "post\\ngres" for --db.' },
  { name: 'a value with an escape sequence', bin: 'create', args: ['fresh', '--auth', '\u001b[31mjwt', '--yes'], code: 2, message: 'Unknown value "\\u001b[31mjwt" for --auth.' },
  { name: 'a boolean flag with a value', bin: 'create', args: ['fresh', '--dry-run=no'], code: 2, message: '--dry-run takes no value (got "no").' },
  { name: 'a repeated flag', bin: 'create', args: ['fresh', '--db', 'none', '--db=postgres'], code: 2, message: '--db is given twice.' },
  { name: 'node_modules as project', bin: 'create', args: ['node_modules', '--yes', '--no-install'], code: 2, message: 'Project name "node_modules" is not a valid npm package name: node_modules is not a valid package name.' },
  { name: 'favicon.ico as project', bin: 'create', args: ['favicon.ico', '--yes', '--no-install'], code: 2, message: 'favicon.ico is not a valid package name' },
  { name: 'a core module name', bin: 'create', args: ['http', '--yes', '--no-install'], code: 2, message: 'Project name "http" is not a valid npm package name: http is a core module name. Name the directory "http-app", for example.' },
  { name: 'a leading dot', bin: 'create', args: ['.hidden', '--yes', '--no-install'], code: 2, message: 'name cannot start with a period' },
  { name: 'a leading underscore', bin: 'create', args: ['_private', '--yes', '--no-install'], code: 2, message: 'name cannot start with an underscore' },
  { name: 'a leading hyphen', bin: 'create', args: ['--yes', '--no-install', '--', '-dash'], code: 2, message: 'name cannot start with a hyphen' },
  { name: 'uppercase letters', bin: 'create', args: ['MyApi', '--yes', '--no-install'], code: 2, message: 'name can no longer contain capital letters. Name the directory "myapi", for example.' },
  { name: 'a name longer than 214 characters', bin: 'create', args: ['a'.repeat(215), '--yes', '--no-install'], code: 2, message: 'name can no longer contain more than 214 characters' },
  { name: 'URL-unsafe characters', bin: 'create', args: ['café', '--yes', '--no-install'], code: 2, message: 'name can only contain URL-friendly characters' },
  { name: 'special characters', bin: 'create', args: ["it's", '--yes', '--no-install'], code: 2, message: 'name can no longer contain special characters' },
  { name: 'trailing spaces', bin: 'create', args: ['app ', '--yes', '--no-install'], code: 2, message: 'name cannot contain leading or trailing spaces' },
  {
    name: 'a package manager that is not installed',
    bin: 'create',
    args: ['no-npm', '--yes'],
    env: { PATH: dirname(process.execPath) },
    code: 1,
    message: 'npm is not installed (no "npm" on PATH). Install it (it comes with Node.js: https://nodejs.org), or pass --no-install.',
  },
  { name: 'an empty directory argument', bin: 'create', args: ['', '--yes', '--no-install'], code: 2, message: 'The project directory is empty: give a directory name, e.g. my-api.' },
  {
    name: 'a value npm took (npm create without --)',
    bin: 'create',
    args: ['my-api', 'postgres'],
    env: { ...npm, npm_config_db: 'true' },
    code: 2,
    message: "npm took --db postgres for itself: put -- before the generator's flags: npm create groundwork@latest my-api -- --db postgres",
  },
  {
    name: '--dry-run npm took (which would otherwise write the project)',
    bin: 'create',
    args: ['my-api', '--yes'],
    env: { ...npm, npm_config_dry_run: 'true' },
    code: 2,
    message: "npm took --dry-run for itself: put -- before the generator's flags: npm create groundwork@latest my-api -- --dry-run --yes",
  },
  { name: '--pm npm read as --message', bin: 'create', args: ['my-api'], env: { ...npm, npm_config_message: 'pnpm' }, code: 2, message: 'npm took --pm pnpm for itself' },
  { name: '--no-install and --no-git npm took', bin: 'create', args: ['my-api'], env: { ...npm, npm_config_install: '', npm_config_git: 'false' }, code: 2, message: 'npm took --no-install and --no-git for itself' },
  {
    name: '--cache npm used as its cache folder',
    bin: 'create',
    args: ['my-api'],
    env: { ...npm, npm_config_cache: 'redis' },
    code: 2,
    message: 'npm took --cache redis for itself',
    extraLines: 1,
  },
];

const groundworkCases: Case[] = [
  { name: 'a mistyped command', bin: 'groundwork', args: ['lsit'], code: 2, message: 'Unknown command "lsit". Did you mean list? Accepted: add, generate, remove, list, info (groundwork --help).' },
  { name: 'a mistyped option before the command', bin: 'groundwork', args: ['--jsn', 'list'], code: 2, message: 'Unknown option "--jsn" before the command. Did you mean --json?' },
  { name: 'arguments to list', bin: 'groundwork', args: ['list', 'cache'], code: 2, message: 'groundwork list takes no arguments, got: "cache".' },
  { name: 'an unknown flag of list', bin: 'groundwork', args: ['list', '--all'], code: 2, message: 'Unknown option "--all". Run "groundwork list --help" for the accepted options.' },
  { name: 'arguments to info', bin: 'groundwork', args: ['info', 'db', 'postgres'], code: 2, message: 'groundwork info takes no arguments, got: "db" "postgres".' },
  { name: 'a mistyped flag of info', bin: 'groundwork', args: ['info', '--jsno'], code: 2, message: 'Unknown option "--jsno". Did you mean --json?' },
  { name: 'help on an unknown command', bin: 'groundwork', args: ['help', 'ad'], code: 2, message: 'No help on "ad". Did you mean add? Commands: add, generate, remove, list, info.' },
  { name: 'arguments to --version', bin: 'groundwork', args: ['--version', 'now'], code: 2, message: '--version takes no arguments, got: now.' },
  {
    name: '--dry-run npm run took (which would otherwise change the project)',
    bin: 'groundwork',
    args: ['add', 'cache', 'redis', '--no-install'],
    env: { ...npm, npm_command: 'run', npm_lifecycle_event: 'groundwork', npm_config_dry_run: 'true' },
    code: 2,
    message: 'npm took --dry-run for itself: put -- before the arguments of groundwork: npm run groundwork -- add cache redis --no-install --dry-run',
  },
  { name: 'a misspelt value to add', bin: 'groundwork', args: ['add', 'cache', 'rediss', '--no-install'], code: 2, message: 'Unknown value "rediss" for --cache. Did you mean redis?' },
];

let dir: { path: string; cleanup(): Promise<void> };
let project: string;
let record: string;
beforeAll(async () => {
  dir = await tempDir('gw-messages-');
  await mkdir(join(dir.path, 'busy'));
  await writeFile(join(dir.path, 'busy', 'notes.txt'), 'mine\n');
  const created = await createGroundwork(['app', '--yes', '--no-install', '--no-git'], dir.path);
  expect(created.exitCode, created.stderr).toBe(0);
  project = join(dir.path, 'app');
  record = await readFile(join(project, 'groundwork.json'), 'utf8');
});
afterAll(() => dir.cleanup());

const run = (bin: Bin, args: string[], env?: Record<string, string>, cwd?: string) =>
  bin === 'create' ? createGroundwork(args, cwd ?? dir.path, env) : groundwork(args, cwd ?? project, env);

function expectRefusal(result: CliResult, code: number, message: string, extraLines = 0) {
  expect(result.exitCode, result.stderr).toBe(code);
  expect(result.stderr).toContain(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1 + extraLines);
  expect(result.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError/);
}

describe('refusals', () => {
  it.each([...createCases, ...groundworkCases].map((c) => [`${c.bin === 'create' ? 'create-groundwork' : 'groundwork'}: ${c.name}`, c] as const))(
    'refuses %s',
    async (_name, c) => {
      const before = await snapshot(dir.path);
      const result = await run(c.bin, c.args, c.env);
      expectRefusal(result, c.code, c.message, c.extraLines);
      expect(result.stdout).toBe('');
      expect(await snapshot(dir.path)).toEqual(before);
    },
  );
});

describe('--json errors', () => {
  it.each<[string, Bin, string[], number, string, string]>([
    ['create: an unknown flag', 'create', ['fresh', '--colour', 'red', '--json'], 2, 'usage', 'Unknown option "--colour".'],
    ['create: --json before a bad value', 'create', ['--json', 'fresh', '--db', 'mongo'], 2, 'usage', 'Unknown value "mongo" for --db.'],
    ['create: a bad project name', 'create', ['My API', '--yes', '--json'], 2, 'usage', 'Project name "My API" is not a valid npm package name'],
    ['create: a non-empty target', 'create', ['busy', '--yes', '--no-install', '--json'], 1, 'failure', 'is not empty'],
    ['groundwork: no command', 'groundwork', ['--json'], 2, 'usage', 'No command given. Accepted: add, generate, remove, list, info (groundwork --help).'],
    ['groundwork: an unknown command', 'groundwork', ['--json', 'delete'], 2, 'usage', 'Unknown command "delete".'],
    ['groundwork: an unknown category', 'groundwork', ['add', 'orm', 'prisma', '--json'], 2, 'usage', 'Unknown category "orm".'],
    ['groundwork: info outside a project', 'groundwork', ['info', '--json'], 1, 'failure', 'is not a groundwork project (no groundwork.json)'],
  ])('%s: {"error": ...} on stdout with the exit code', async (_name, bin, args, code, kind, message) => {
    const before = await snapshot(dir.path);
    const result = await run(bin, args, undefined, bin === 'groundwork' && args.includes('info') ? join(dir.path, 'busy') : undefined);
    expect(result.exitCode, result.stderr).toBe(code);
    const parsed = JSON.parse(result.stdout) as { error: { code: string; message: string; details: string[]; exitCode: number } };
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error).toEqual({ code: kind, message: expect.stringContaining(message), details: expect.any(Array), exitCode: code });
    expect(result.stderr).toContain(parsed.error.message);
    expect(await snapshot(dir.path)).toEqual(before);
  });
});

describe('help and global flags', () => {
  it.each([
    ['add --help', ['add', '--help'], 'Usage: groundwork add <category> <option> [options]'],
    ['add -h with arguments', ['add', 'cache', 'redis', '-h'], 'Usage: groundwork add <category> <option> [options]'],
    ['list --help', ['list', '--help'], 'Usage: groundwork list [options]'],
    ['info --help', ['info', '--help'], 'Usage: groundwork info [options]'],
    ['help info', ['help', 'info'], 'Usage: groundwork info [options]'],
    ['--help add', ['--help', 'add'], 'Usage: groundwork add <category> <option> [options]'],
  ])('groundwork %s prints the usage of the command', async (_name, args, usage) => {
    const before = await snapshot(project);
    const result = await groundwork(args, project);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(usage);
    expect(result.stderr).toBe('');
    expect(await snapshot(project)).toEqual(before);
  });

  it.each([
    ['add --help --json', ['add', '--help', '--json'], 'Usage: groundwork add <category> <option> [options]'],
    ['--json help generate', ['--json', 'help', 'generate'], 'Usage: groundwork generate resource <name>'],
    ['--help --json', ['--help', '--json'], 'Usage: groundwork <command> [options]'],
  ])('groundwork %s prints the help as JSON', async (_name, args, usage) => {
    const result = await groundwork(args, project);
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { help: string; rows: { section: string; name: string; description: string }[] };
    expect(json.help.startsWith(usage)).toBe(true);
    expect(json.rows.length).toBeGreaterThan(3);
    expect(json.rows.map((row) => row.name)).toContain('--json');
  });

  it('create-groundwork --help --json prints the help as JSON', async () => {
    const result = await createGroundwork(['--help', '--json'], dir.path);
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { help: string; rows: { name: string }[] };
    expect(json.help.split('\n')[0]).toBe('Usage: create-groundwork [dir] [options]');
    expect(json.rows.map((row) => row.name)).toEqual(expect.arrayContaining(['--yes, -y', '--dry-run', '--json']));
  });

  it('groundwork --verbose alone prints the help and exits 2, like no command', async () => {
    const result = await groundwork(['--verbose'], project);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('Usage: groundwork <command> [options]');
    expect(result.stderr).toBe('');
  });

  it('groundwork --verbose list runs the command with the flag', async () => {
    const result = await groundwork(['--verbose', 'list'], project);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('bullmq');
    const json = await groundwork(['--json', 'list'], project);
    expect(JSON.parse(json.stdout).map((c: { id: string }) => c.id)).toEqual(['api', 'db', 'cache', 'auth', 'queue']);
  });

  it("groundwork list marks the project's own options inside a project, and only there", async () => {
    const stack = JSON.parse(record).stack as Record<string, string[]>;
    const inside = JSON.parse((await groundwork(['list', '--json'], project)).stdout) as { id: string; project?: string[] }[];
    expect(Object.fromEntries(inside.map((c) => [c.id, c.project]))).toEqual(stack);
    const text = (await groundwork(['list'], project)).stdout;
    expect(text).toMatch(/^ {2}\*\+ memory /m); // the default cache, and this project's
    expect(text).toContain('+ in this project');
    const outside = await groundwork(['list', '--json'], dir.path);
    expect(JSON.parse(outside.stdout)[0]).not.toHaveProperty('project');
    expect((await groundwork(['list'], dir.path)).stdout).not.toContain('+ in this project');
  });

  it('groundwork --verbose add prints a stack trace for a refusal', async () => {
    const result = await groundwork(['--verbose', 'add', 'cache', 'mongo'], project);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('create-groundwork accepts option values in any case', async () => {
    const result = await createGroundwork(['app2', '--db', 'None', '--api', 'REST,GraphQL', '--yes', '--dry-run', '--json'], dir.path);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).stack).toMatchObject({ db: ['none'], api: ['rest', 'graphql'] });
  });

  it('create-groundwork under npm create with the flags after -- is not refused', async () => {
    const result = await createGroundwork(['app2', '--db', 'none', '--dry-run', '--yes', '--json'], dir.path, { ...npm, npm_config_yes: 'true' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).stack.db).toEqual(['none']);
  });

  it.each(['--help', '-h'])('create-groundwork %s aligns its columns', async (flag) => {
    const result = await createGroundwork([flag], dir.path);
    expect(result.exitCode).toBe(0);
    // A row is "  --flag[, -f] [values]", then nothing (the description follows below) or two or more spaces and the description.
    const rows = result.stdout.split('\n').flatMap((line) => {
      const flag = /^ {2}--[\w-]+(?:, -\w)?(?: \S+)?/.exec(line)?.[0];
      return flag === undefined ? [] : [{ line, flag }];
    });
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const columns = new Set<number>();
    for (const { line, flag } of rows) {
      const rest = line.slice(flag.length);
      if (rest === '') continue;
      expect(rest, line).toMatch(/^ {2,}\S/);
      columns.add(flag.length + rest.search(/\S/));
    }
    expect(columns.size).toBe(1);
  });
});

describe('a corrupted groundwork.json', () => {
  const corruptions: [string, (r: Record<string, unknown>) => unknown, string][] = [
    ['null', () => null, 'the file holds null, not an object'],
    ['an array', () => [], 'the file holds an array, not an object'],
    ['a path as name', (r) => ({ ...r, name: '../../evil' }), '"name" "../../evil" is not a valid npm package name'],
    ['an uppercase name', (r) => ({ ...r, name: 'Evil' }), 'name can no longer contain capital letters'],
    ['a numeric name', (r) => ({ ...r, name: 7 }), '"name" must be the package name, not number 7'],
    ['a string option list', (r) => ({ ...r, stack: { ...(r.stack as object), db: 'postgres' } }), '"stack.db" must be a non-empty array of option ids, not string "postgres"'],
    ['a numeric option', (r) => ({ ...r, stack: { ...(r.stack as object), api: [1] } }), '"stack.api[0]" must be an option id, not number 1'],
    ['files as an array', (r) => ({ ...r, files: [] }), '"files" must be an object of path -> hash, not an array'],
    ['a file outside the project', (r) => ({ ...r, files: { ...(r.files as object), '../outside.txt': 'sha256-x' } }), '"files" has a path "../outside.txt"'],
    ['a hex hash', (r) => ({ ...r, files: { 'package.json': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } }), 'files["package.json"] must be a "sha256-<base64>" hash'],
    ['no modules', (r) => ({ ...r, modules: undefined }), '"modules" is missing'],
    ['no generator', (r) => ({ ...r, generator: undefined }), '"generator" is missing'],
  ];

  it.each(corruptions.flatMap(([name, corrupt, message]) => [['info', name, corrupt, message] as const, ['add', name, corrupt, message] as const]))(
    'groundwork %s refuses %s naming the field',
    async (command, _name, corrupt, message) => {
      await writeFile(join(project, 'groundwork.json'), `${JSON.stringify(corrupt(JSON.parse(record)), null, 2)}\n`);
      try {
        const before = await snapshot(dir.path);
        const result = await groundwork(command === 'info' ? ['info'] : ['add', 'cache', 'redis', '--no-install'], project);
        expectRefusal(result, 1, message);
        expect(result.stderr).toContain('groundwork.json is not a valid create-groundwork record');
        expect(await snapshot(dir.path)).toEqual(before);
      } finally {
        await writeFile(join(project, 'groundwork.json'), record);
      }
    },
  );
});

describe('groundwork info', () => {
  it('counts the files create-groundwork wrote: every file of the project, .env included', async () => {
    const result = await groundwork(['info', '--json'], project);
    expect(result.exitCode, result.stderr).toBe(0);
    const files = Object.keys(await snapshot(project));
    expect(files).toContain('.env');
    expect(JSON.parse(result.stdout).generated).toBe(files.length);
    expect((await groundwork(['info'], project)).stdout).toContain(`files       ${files.length} generated, 0 edited since, 0 deleted`);
  });
});

describe('the initial commit', () => {
  const gitEnv = async (name: string, config: string) => {
    await writeFile(join(dir.path, `${name}.gitconfig`), config);
    return { GIT_CONFIG_GLOBAL: join(dir.path, `${name}.gitconfig`), GIT_CONFIG_NOSYSTEM: '1' };
  };
  const author = (path: string, env: Record<string, string>) =>
    execFileSync('git', ['log', '-1', '--format=%an <%ae>'], { cwd: path, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();

  it.each([
    ['is the configured user', '[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n', 'Ada Lovelace <ada@example.com>'],
    ['is create-groundwork without a configured user', '', 'create-groundwork <create-groundwork@localhost>'],
  ])('%s', async (_name, config, expected) => {
    const env = await gitEnv(expected.split(' ')[0]!, config);
    const target = `git-${expected.split(' ')[0]!.toLowerCase()}`;
    const result = await createGroundwork([target, '--yes', '--no-install', '--db', 'none'], dir.path, env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(author(join(dir.path, target), env)).toBe(expected);
  });
});

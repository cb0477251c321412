// Messages a user can act on: suggestions, npm's name rules, the npm-swallowed-flags explanation,
// the --json error shape, aligned help, the package manager check, the wizard's second chance.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categories } from '../../src/catalog/catalog.js';
import { findCategory } from '../../src/catalog/lookup.js';
import { parseCategory, parseChoice, validateStack } from '../../src/catalog/validate.js';
import { parseArgs, type FlagSpec } from '../../src/cli/args.js';
import { helpJson, helpText, layout } from '../../src/cli/help.js';
import { checkNpmSwallowedFlags } from '../../src/cli/npm-flags.js';
import { closest, didYouMean, editDistance } from '../../src/cli/suggest.js';
import { askProjectDir, asAnswerCheck } from '../../src/cli/wizard.js';
import { CancelledError, errorReport, GroundworkError, UsageError } from '../../src/errors.js';
import { initGitRepo } from '../../src/install/git.js';
import { checkPackageManagerInstalled, findExecutable, parsePackageManager } from '../../src/install/package-manager.js';
import { checkProjectName, packageNameProblems, projectNameProblem, suggestPackageName } from '../../src/project/project-name.js';

const category = (id: string) => findCategory(id)!;

describe('suggestions', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    expect(editDistance('redis', 'redis')).toBe(0);
    expect(editDistance('redsi', 'redis')).toBe(1);
    expect(editDistance('dbb', 'db')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('mongo', 'none')).toBe(3);
  });

  it('suggests abbreviations, extensions and near misses, nothing for far ones', () => {
    expect(closest('post', ['postgres', 'none'])).toEqual(['postgres']);
    expect(closest('postgresql', ['postgres', 'none'])).toEqual(['postgres']);
    expect(closest('POSTGRE', ['postgres', 'none'])).toEqual(['postgres']);
    expect(closest('mongo', ['postgres', 'none'])).toEqual([]);
    expect(closest('', ['a'])).toEqual([]);
    expect(didYouMean('pnpn', ['npm', 'pnpm', 'yarn', 'bun'])).toBe(' Did you mean pnpm?');
    expect(didYouMean('colour', ['yes', 'force', 'json'])).toBe('');
  });
});

describe('flags', () => {
  const specs: FlagSpec[] = [
    { name: 'db', type: 'string' },
    { name: 'dry-run', type: 'boolean' },
    { name: 'yes', alias: 'y', type: 'boolean' },
  ];
  it.each([
    ['--dbb', 'Unknown option "--dbb". Did you mean --db? Run "x --help" for the accepted options.'],
    ['--dryrun', 'Did you mean --dry-run?'],
    ['--DB', 'Did you mean --db?'],
    ['-yes', 'Did you mean --yes?'],
    ['--y', 'Did you mean -y?'],
  ])('suggests the flag %s meant', (token, message) => {
    expect(() => parseArgs([token], specs, 'x')).toThrow(message);
  });

  it('suggests nothing for a far-off or one-letter unknown flag', () => {
    expect(() => parseArgs(['-x'], specs, 'x')).toThrow(/^Unknown option "-x"\. Run/);
    expect(() => parseArgs(['--colour'], specs, 'x')).toThrow(/^Unknown option "--colour"\. Run/);
  });

  it('keeps a flag with a newline or escape code on one line', () => {
    expect(() => parseArgs(['--a\nb\u001b[31m'], specs, 'x')).toThrow('Unknown option "--a\\nb\\u001b[31m".');
  });
});

describe('values', () => {
  it('accepts option ids in any case and returns them as the catalog spells them', () => {
    expect(parseChoice(category('db'), 'Postgres')).toEqual(['postgres']);
    expect(parseChoice(category('api'), 'REST, GraphQL')).toEqual(['rest', 'graphql']);
    expect(validateStack({ api: ['Rest'], db: ['NONE'], cache: ['memory'], auth: ['none'], queue: ['none'] }).db).toEqual(['none']);
  });

  it('names the value meant, or the flag the value belongs to', () => {
    expect(() => parseChoice(category('db'), 'postgre')).toThrow('Unknown value "postgre" for --db. Did you mean postgres? Accepted: postgres, mysql, sqlite, none.');
    expect(() => parseChoice(category('queue'), 'bull')).toThrow('Did you mean bullmq?');
    expect(() => parseChoice(category('api'), 'rest,grapql')).toThrow('Unknown value "grapql" for --api. Did you mean graphql?');
    expect(() => parseChoice(category('cache'), 'postgres')).toThrow('Unknown value "postgres" for --cache. "postgres" is a value of --db. Accepted: memory, redis, none.');
    expect(() => parseChoice(category('db'), 'redis')).toThrow('"redis" is a value of --cache.');
    expect(() => parseChoice(category('db'), 'mongo')).toThrow(/^Unknown value "mongo" for --db\. Accepted: postgres, mysql, sqlite, none\.$/);
  });

  it('finds a category case-insensitively and names the one meant', () => {
    expect(parseCategory('Cache').id).toBe('cache');
    expect(() => parseCategory('cahce')).toThrow('Unknown category "cahce". Did you mean cache? Accepted categories: api, db, cache, auth, queue.');
    expect(() => parseCategory('mongo')).toThrow(/^Unknown category "mongo"\. Accepted categories/);
  });

  it('parses --pm case-insensitively and suggests the manager meant', () => {
    expect(parsePackageManager('PNPM')).toBe('pnpm');
    expect(() => parsePackageManager('pnpn')).toThrow('Unknown value "pnpn" for --pm. Did you mean pnpm? Accepted: npm, pnpm, yarn, bun.');
    expect(() => parsePackageManager('npx', ['npm'])).toThrow('Unknown value "npx" for --pm. Did you mean npm? Accepted: npm.');
    expect(parsePackageManager('Bun', ['npm'])).toBe('bun');
  });
});

describe('project names', () => {
  it.each([
    ['node_modules', 'node_modules is not a valid package name'],
    ['favicon.ico', 'favicon.ico is not a valid package name'],
    ['http', 'http is a core module name'],
    ['Child_Process', 'Child_Process is a core module name'],
    ['.hidden', 'name cannot start with a period'],
    ['-dash', 'name cannot start with a hyphen'],
    ['_private', 'name cannot start with an underscore'],
    [' spaced', 'name cannot contain leading or trailing spaces'],
    ['a'.repeat(215), 'name can no longer contain more than 214 characters'],
    ['MyApi', 'name can no longer contain capital letters'],
    ["it's", 'name can no longer contain special characters ("~\'!()*")'],
    ['café', 'name can only contain URL-friendly characters'],
    ['a:b', 'name can only contain URL-friendly characters'],
    ['', 'name length must be greater than zero'],
  ])('refuses %j with npm\'s reason', (name, reason) => {
    expect(packageNameProblems(name)).toContain(reason);
  });

  it('accepts what npm accepts', () => {
    for (const name of ['my-api', 'a'.repeat(214), 'api.v2', 'x_y', '0day', 'http-api', '@scope/pkg']) expect(packageNameProblems(name)).toEqual([]);
  });

  // The same verdicts and reasons as npm's own validate-npm-package-name, when npm is installed beside this Node.
  const npmValidator = [join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/validate-npm-package-name'), '/usr/lib/node_modules/npm/node_modules/validate-npm-package-name'].find(existsSync);
  it.skipIf(npmValidator === undefined)('agrees with npm on every rule', () => {
    const validate = createRequire(import.meta.url)(npmValidator!) as (name: string) => { errors?: string[]; warnings?: string[] };
    const names = ['my-api', 'My API', 'node_modules', 'FAVICON.ICO', 'http', 'HTTP', 'fs', 'zlib', '.x', '-x', '_x', ' x', 'x ', 'a'.repeat(214), 'a'.repeat(215), 'UPPER', 'it\'s', 'a~b', 'a(b)', 'a*b', 'a!b', 'café', 'a:b', 'a%b', 'a b', '', '@scope/pkg', '@scope/.pkg', '@sc ope/pkg', 'a/b', '../../evil', 'ok.name', 'x'];
    for (const name of names) {
      const npm = validate(name);
      expect([...packageNameProblems(name)].sort(), name).toEqual([...(npm.errors ?? []), ...(npm.warnings ?? [])].sort());
    }
  });

  it('refuses a directory whose name npm rejects, in one line with a name to use instead', () => {
    expect(() => checkProjectName('/tmp/My API')).toThrow(
      'Project name "My API" is not a valid npm package name: name can no longer contain capital letters; name can only contain URL-friendly characters. Name the directory "my-api", for example.',
    );
    expect(projectNameProblem('http')).toContain('Name the directory "http-app", for example.');
    expect(projectNameProblem('  ')).toBe('The project directory is empty: give a directory name, e.g. my-api.');
    expect(projectNameProblem('___')).toContain('Choose another directory name.');
    expect(checkProjectName('some/where/my-api')).toBe('my-api');
    expect(projectNameProblem('my-api')).toBeUndefined();
  });

  it('suggests only names npm accepts', () => {
    expect(suggestPackageName('My Cool API!')).toBe('my-cool-api');
    expect(suggestPackageName('.Hidden')).toBe('hidden');
    expect(suggestPackageName('node_modules')).toBe('node_modules-app');
    expect(suggestPackageName('my-api')).toBeUndefined();
  });
});

describe('errors under --json', () => {
  it('reports each kind with its code and exit code', () => {
    expect(errorReport(new UsageError('bad flag'))).toEqual({ code: 'usage', message: 'bad flag', details: [], exitCode: 2 });
    expect(errorReport(new GroundworkError('no', ['  step']))).toEqual({ code: 'failure', message: 'no', details: ['  step'], exitCode: 1 });
    expect(errorReport(new CancelledError())).toEqual({ code: 'cancelled', message: 'Cancelled; nothing was written.', details: [], exitCode: 130 });
    expect(errorReport(new TypeError('x is undefined\n  at y'))).toEqual({ code: 'internal', message: 'x is undefined', details: [], exitCode: 1 });
  });
});

describe('flags npm took for itself', () => {
  const npm = { npm_config_user_agent: 'npm/11.6.2 node/v24.11.0 linux x64 workspaces/false', npm_command: 'init', npm_config_cache: '/home/u/.npm' };
  const check = (argv: string[], env: Record<string, string>) => () => checkNpmSwallowedFlags(argv, { ...npm, ...env });

  it('names an unknown-to-npm flag, finds its value among the arguments and gives the command to run', () => {
    expect(check(['my-api', 'postgres'], { npm_config_db: 'true' })).toThrow(
      "npm took --db postgres for itself: put -- before the generator's flags: npm create groundwork@latest my-api -- --db postgres",
    );
    expect(check(['my-api', 'rest,graphql', 'postgres', '--yes'], { npm_config_db: 'true', npm_config_api: 'true' })).toThrow(
      'npm took --api rest,graphql and --db postgres for itself: put -- before the generator\'s flags: npm create groundwork@latest my-api -- --api rest,graphql --db postgres --yes',
    );
    expect(check(['my-api'], { npm_config_queue: 'bullmq' })).toThrow('npm create groundwork@latest my-api -- --queue bullmq');
  });

  it('recognises the flags npm keeps as its own config', () => {
    expect(check(['my-api'], { npm_config_dry_run: 'true', npm_config_json: 'true', npm_config_force: 'true', npm_config_git: 'false', npm_config_install: '' })).toThrow(
      'npm took --no-install, --no-git, --dry-run, --json, --force for itself',
    );
    expect(check(['my-api'], { npm_config_message: 'bun' })).toThrow('npm took --pm bun for itself');
    expect(check(['my-api'], { npm_config_cache: 'redis' })).toThrow('npm took --cache redis for itself');
  });

  it('gives the npm exec form, with its --package, and quotes for the shell', () => {
    expect(check(['my api'], { npm_command: 'exec', npm_config_dry_run: 'true', npm_config_package: '/tmp/create-groundwork-1.0.0.tgz' })).toThrow(
      'npm exec --package=/tmp/create-groundwork-1.0.0.tgz -- create-groundwork "my api" --dry-run',
    );
  });

  it('gives the npm run form for a package script, for groundwork too', () => {
    const script = { npm_command: 'run', npm_lifecycle_event: 'groundwork', npm_config_dry_run: 'true' };
    expect(() => checkNpmSwallowedFlags(['add', 'cache', 'redis'], { ...npm, ...script }, 'groundwork')).toThrow(
      'npm took --dry-run for itself: put -- before the arguments of groundwork: npm run groundwork -- add cache redis --dry-run',
    );
    expect(() => checkNpmSwallowedFlags(['list'], { ...npm, npm_command: 'run-script', npm_lifecycle_event: 'gw', npm_config_json: 'true' }, 'groundwork')).toThrow(
      'npm run gw -- list --json',
    );
    expect(() => checkNpmSwallowedFlags(['info'], { ...npm, npm_command: 'exec', npm_config_db: 'true' }, 'groundwork')).not.toThrow();
  });

  it('puts the options after -- when no directory was given', () => {
    expect(check(['postgres'], { npm_config_db: 'true' })).toThrow('npm create groundwork@latest -- --db postgres');
    expect(check([], { npm_config_db: 'true' })).toThrow("npm took --db <value> for itself: put -- before the generator's flags: npm create groundwork@latest -- --db <value>");
  });

  it('stays quiet when the flags came through, outside npm create/exec, and for npm\'s own settings', () => {
    expect(check(['my-api', '--db', 'postgres', '--dry-run'], { npm_config_db: 'true', npm_config_dry_run: 'true' })).not.toThrow();
    expect(check(['my-api'], { npm_config_user_agent: 'pnpm/10.0.0 npm/? node/v24 linux x64', npm_config_db: 'true' })).not.toThrow();
    expect(check(['my-api'], { npm_config_cache: '/root/.npm', npm_config_git: 'git', npm_config_yes: 'true', npm_config_message: '%s' })).not.toThrow();
    expect(check(['--help'], { npm_config_db: 'true' })).not.toThrow();
    expect(check(['--version'], { npm_config_db: 'true' })).not.toThrow();
    expect(check(['my-api'], { npm_command: 'test', npm_config_json: 'true' })).not.toThrow();
  });
});

describe('help', () => {
  const texts = { create: helpText('create', 80), groundwork: helpText('groundwork', 80), add: helpText('add', 80), list: helpText('list', 80), info: helpText('info', 80) };

  it.each(Object.entries(texts))('%s --help starts every description in one column and fits 80 columns', (_name, text) => {
    const lines = text.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    const columns = new Set<number>();
    for (const line of lines.slice(lines.indexOf(''))) {
      const row = /^( {2}\S(?:.*?\S)?) {2,}(\S.*)$/.exec(line);
      if (row) columns.add(row[1]!.length + line.slice(row[1]!.length).search(/\S/));
      else if (/^ {3,}\S/.test(line)) columns.add(line.search(/\S/));
    }
    expect(columns.size).toBe(1);
  });

  it('lists every catalog option and flag', () => {
    for (const c of categories) {
      expect(texts.create).toContain(`--${c.id} ${c.options.map((o) => o.id).join(c.multiple ? ',' : '|')}`);
      expect(texts.add).toContain(`${c.id} ${c.options.map((o) => o.id).join('|')}`);
    }
    for (const flag of ['--yes, -y', '--no-install', '--no-git', '--pm npm', '--force', '--dry-run', '--json', '--verbose', '--help, -h', '--version, -v']) {
      expect(texts.create).toContain(flag);
    }
  });

  it('under --json, has the text as printed and every table row with its section', () => {
    const json = helpJson('create');
    expect(json.help).toBe(texts.create);
    expect(json.rows).toContainEqual({ section: 'Options', name: '--yes, -y', description: 'Take the default for every unanswered question' });
    for (const c of categories) expect(json.rows.filter((row) => row.name.startsWith(`--${c.id} `)).map((row) => row.section)).toEqual([expect.stringMatching(/^Stack /)]);
    expect(helpJson('generate').rows.filter((row) => row.section === 'Field types').map((row) => row.name)).toContain('ref(<resource>)');
  });

  it('wraps a long description under itself and puts a long name on its own line', () => {
    expect(layout([[['--a', 'one two three four'], ['--a-name-far-longer-than-any-column', 'x']]], 30)).toBe(
      ['  --a  one two three four', '  --a-name-far-longer-than-any-column', '       x'].join('\n'),
    );
  });
});

describe('package manager on PATH', () => {
  let bin: string;
  beforeEach(async () => {
    bin = await mkdtemp(join(tmpdir(), 'gw-path-'));
    await writeFile(join(bin, 'bun'), '#!/bin/sh\n');
    await chmod(join(bin, 'bun'), 0o755);
    await writeFile(join(bin, 'pnpm'), '#!/bin/sh\n'); // not executable
    await mkdir(join(bin, 'yarn')); // a directory
  });
  afterEach(() => rm(bin, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('finds executables only', () => {
    const env = { PATH: `/nonexistent:${bin}` };
    expect(findExecutable('bun', { env })).toBe(join(bin, 'bun'));
    expect(findExecutable('pnpm', { env })).toBeUndefined();
    expect(findExecutable('yarn', { env })).toBeUndefined();
    expect(findExecutable('bun', { env: {} })).toBeUndefined();
  });

  it('finds a Windows command through PATHEXT', async () => {
    await writeFile(join(bin, 'pnpm.CMD'), '@echo off\r\n');
    expect(findExecutable('pnpm', { env: { Path: bin, PATHEXT: '.EXE;.CMD' }, platform: 'win32' })).toBe(join(bin, 'pnpm.CMD'));
  });

  it.skipIf(process.platform === 'win32')('says which one is missing, how to get it and which ones are there', () => {
    const lookup = { env: { PATH: bin } };
    expect(() => checkPackageManagerInstalled('bun', lookup)).not.toThrow();
    expect(() => checkPackageManagerInstalled('yarn', lookup, ['npm', 'pnpm', 'yarn', 'bun'])).toThrow(
      'yarn is not installed (no "yarn" on PATH). Install it (corepack enable yarn, or https://yarnpkg.com/getting-started/install), pass --pm bun, or pass --no-install.',
    );
    expect(() => checkPackageManagerInstalled('pnpm', { env: { PATH: '' } })).toThrow(/^pnpm is not installed \(no "pnpm" on PATH\)\. Install it \([^)]*\), or pass --no-install\.$/);
    expect(() => checkPackageManagerInstalled('npm', lookup)).toThrow(/^npm is not installed \(no "npm" on PATH\)\. Install it \(it comes with Node\.js: https:\/\/nodejs\.org\), or pass --no-install\.$/);
    expect(() => checkPackageManagerInstalled('npm', { env: { PATH: '' } })).toThrow(GroundworkError);
  });
});

describe('the wizard asks again', () => {
  it('shows why a project directory is refused and takes the corrected answer', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let shown = '';
    stdout.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const answer = askProjectDir('my-api', asAnswerCheck(checkProjectName), { stdin, stdout });
    const shows = async (text: string) => {
      for (let waited = 0; !shown.includes(text); waited += 10) {
        if (waited > 10_000) throw new Error(`the prompt never showed ${JSON.stringify(text)}:\n${shown}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await shows('Project directory');
    stdin.write('Bad Name\r');
    await shows('Project name "Bad Name" is not a valid npm package name');
    stdin.write(`${'\x7f'.repeat('Bad Name'.length)}good-name\r`);
    expect(await answer).toBe('good-name');
  });

  it('turns only user errors into a message', async () => {
    const check = asAnswerCheck((dir) => {
      if (dir === 'taken') throw new GroundworkError('taken is not empty');
      if (dir === 'bug') throw new TypeError('boom');
    });
    expect(await check(' fine ')).toBe(true);
    expect(await check('taken')).toBe('taken is not empty');
    await expect(check('bug')).rejects.toThrow(TypeError);
  });
});

describe('git identity of the initial commit', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-git-'));
    await mkdir(join(dir, 'project'));
    await writeFile(join(dir, 'project', 'README.md'), '# x\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const gitEnv = async (config: string) => {
    await writeFile(join(dir, 'gitconfig'), config);
    const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
    for (const name of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL', 'GIT_DIR', 'GIT_WORK_TREE']) delete env[name];
    return env;
  };
  const author = (env: NodeJS.ProcessEnv) => execFileSync('git', ['log', '-1', '--format=%an <%ae> / %cn <%ce>'], { cwd: join(dir, 'project'), env, encoding: 'utf8' }).trim();

  it("commits as the user's configured identity", async () => {
    const env = await gitEnv('[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n');
    expect(await initGitRepo(join(dir, 'project'), 'Initial commit', env)).toEqual({ committed: true, fallback: [] });
    expect(author(env)).toBe('Ada Lovelace <ada@example.com> / Ada Lovelace <ada@example.com>');
  });

  it('falls back to create-groundwork only for what is not configured', async () => {
    const none = await gitEnv('');
    expect(await initGitRepo(join(dir, 'project'), 'Initial commit', none)).toEqual({ committed: true, fallback: ['user.name', 'user.email'] });
    expect(author(none)).toBe('create-groundwork <create-groundwork@localhost> / create-groundwork <create-groundwork@localhost>');
  });

  it('keeps a name from the config and EMAIL from the environment', async () => {
    const env = { ...(await gitEnv('[user]\n\tname = Ada Lovelace\n')), EMAIL: 'ada@env.example' };
    expect(await initGitRepo(join(dir, 'project'), 'Initial commit', env)).toEqual({ committed: true, fallback: [] });
    expect(author(env)).toBe('Ada Lovelace <ada@env.example> / Ada Lovelace <ada@env.example>');
  });

  it('leaves no .git behind when the commit fails', async () => {
    const env = await gitEnv('[user]\n\tname = A\n\temail = a@example.com\n[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n');
    const result = await initGitRepo(join(dir, 'project'), 'Initial commit', env);
    expect(result.committed).toBe(false);
    expect(result.skipped).toMatch(/gpg|sign/);
    expect(existsSync(join(dir, 'project', '.git'))).toBe(false);
  });
});

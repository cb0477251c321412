// groundwork.json is checked field by field before its name, paths or stack are used.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashContents } from '../../src/compose/hash.js';
import { GroundworkError } from '../../src/errors.js';
import { generatedFiles, groundworkJsonProblems, parseGroundworkJson, readGroundworkJson } from '../../src/project/groundwork-file.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';

const hash = hashContents('contents\n');
const sound = () => ({
  generator: 'create-groundwork',
  version: '0.1.0',
  name: 'my-api',
  stack: { api: ['rest', 'graphql'], db: ['postgres'], cache: ['memory'], auth: ['jwt'], queue: ['none'] },
  modules: ['base', 'api/rest', 'api/graphql', 'db/postgres', 'cache/memory', 'auth/jwt', 'queue/none'],
  files: { 'package.json': hash, 'src/app.ts': hash, '.env.example': hash },
});

type Record_ = ReturnType<typeof sound> & Record<string, unknown>;
const mutate = (change: (record: Record_) => void) => {
  const record = sound() as Record_;
  change(record);
  return record;
};

describe('groundwork.json validation', () => {
  it('accepts what create-groundwork writes', () => {
    expect(groundworkJsonProblems(sound())).toEqual([]);
    // Records from before resources, jobs and routes were generated: the sample, no jobs, no routes.
    expect(parseGroundworkJson(sound())).toEqual({ ...sound(), resources: [SAMPLE_RESOURCE], jobs: [], routes: [] });
    const units = { jobs: [{ name: 'send-reminder' }], routes: [{ name: 'daily-report', method: 'GET' }] };
    expect(parseGroundworkJson({ ...sound(), ...units })).toMatchObject(units);
    expect(groundworkJsonProblems({ ...sound(), jobs: [{ name: 'index' }], routes: [{ name: 'notes', method: 'GET' }] })).toEqual([
      expect.stringContaining('"jobs[0].name" "index" would be the file of the list itself'),
      '"routes[0].name" "notes" would serve /v1/notes, the path of resource "notes"',
    ]);
    const invoices = { name: 'invoices', fields: [{ name: 'amount', type: 'number', optional: false }] };
    expect(parseGroundworkJson({ ...sound(), resources: [invoices] }).resources).toEqual([invoices]);
    expect(groundworkJsonProblems({ ...sound(), resources: [{ name: 'invoices', fields: [{ name: 'amount', type: 'money', optional: false }] }] })).toEqual([
      expect.stringContaining('"resources[0].fields[0].type"'),
    ]);
    expect(groundworkJsonProblems({ ...sound(), generatorSpec: "file:/home/o'neil/my tools/create-groundwork-0.1.0.tgz" })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'the file holds null, not an object'],
    ['an array', [], 'the file holds an array, not an object'],
    ['a string', 'x', 'the file holds string "x", not an object'],
    ['another generator', mutate((r) => (r.generator = 'yeoman')), '"generator" must be "create-groundwork", not string "yeoman"'],
    ['no generator', mutate((r) => delete (r as Partial<Record_>).generator), '"generator" is missing (it must be "create-groundwork")'],
    ['no version', mutate((r) => delete (r as Partial<Record_>).version), '"version" is missing (it must be the generator version)'],
    ['a numeric version', mutate((r) => ((r as Record<string, unknown>).version = 1)), '"version" must be the generator version, not number 1'],
    ['a generator spec with a shell command', mutate((r) => (r.generatorSpec = '1.0.0; rm -rf ~')), '"generatorSpec" must be a version or "file:" and an absolute path, not string "1.0.0; rm -rf ~"'],
    ['a relative generator path', mutate((r) => (r.generatorSpec = 'file:../x.tgz')), '"generatorSpec" must be a version or "file:" and an absolute path'],
    ['a numeric generator spec', mutate((r) => (r.generatorSpec = 1)), '"generatorSpec" must be a version or "file:" and an absolute path, not number 1'],
    ['no name', mutate((r) => delete (r as Partial<Record_>).name), '"name" is missing (it must be the package name)'],
    ['a numeric name', mutate((r) => ((r as Record<string, unknown>).name = 42)), '"name" must be the package name, not number 42'],
    ['a path as name', mutate((r) => (r.name = '../../evil')), '"name" "../../evil" is not a valid npm package name: a project name has no "/"'],
    ['a scoped name', mutate((r) => (r.name = '@evil/pkg')), 'a project name has no "/"'],
    ['an uppercase name', mutate((r) => (r.name = 'Evil')), '"name" "Evil" is not a valid npm package name: name can no longer contain capital letters'],
    ['a name with a Redis glob', mutate((r) => (r.name = 'app*')), 'name can no longer contain special characters'],
    ['a name with a newline', mutate((r) => (r.name = 'app\nFLUSHALL')), '"name" "app\\nFLUSHALL" is not a valid npm package name'],
    ['a core module name', mutate((r) => (r.name = 'http')), 'http is a core module name'],
    ['an empty name', mutate((r) => (r.name = '')), 'name length must be greater than zero'],
    ['no stack', mutate((r) => delete (r as Partial<Record_>).stack), '"stack" is missing (it must be an object of category -> option ids)'],
    ['a stack array', mutate((r) => ((r as Record<string, unknown>).stack = ['rest'])), '"stack" must be an object of category -> option ids, not an array'],
    ['a string option list', mutate((r) => ((r.stack as Record<string, unknown>).db = 'postgres')), '"stack.db" must be a non-empty array of option ids, not string "postgres"'],
    ['an empty option list', mutate((r) => (r.stack.db = [])), '"stack.db" must be a non-empty array of option ids, not an array'],
    ['a numeric option', mutate((r) => ((r.stack as Record<string, unknown>).api = ['rest', 7])), '"stack.api[1]" must be an option id, not number 7'],
    ['a null option', mutate((r) => ((r.stack as Record<string, unknown>).cache = [null])), '"stack.cache[0]" must be an option id, not null'],
    ['a bad category key', mutate((r) => ((r.stack as Record<string, unknown>)['../x'] = ['y'])), '"stack" has a key "../x" that is not a category id'],
    ['no modules', mutate((r) => delete (r as Partial<Record_>).modules), '"modules" is missing (it must be an array of module ids)'],
    ['modules as a string', mutate((r) => ((r as Record<string, unknown>).modules = 'base')), '"modules" must be an array of module ids, not string "base"'],
    ['a numeric module', mutate((r) => ((r as Record<string, unknown>).modules = ['base', 3])), '"modules[1]" must be a module id such as "cache/redis", not number 3'],
    ['a module path', mutate((r) => (r.modules = ['base', '../../etc'])), '"modules[1]" must be a module id such as "cache/redis", not string "../../etc"'],
    ['a repeated module', mutate((r) => (r.modules = ['base', 'base'])), '"modules" lists a module twice'],
    ['no files', mutate((r) => delete (r as Partial<Record_>).files), '"files" is missing (it must be an object of path -> hash)'],
    ['files as an array', mutate((r) => ((r as Record<string, unknown>).files = [hash])), '"files" must be an object of path -> hash, not an array'],
    ['files null', mutate((r) => ((r as Record<string, unknown>).files = null)), '"files" must be an object of path -> hash, not null'],
    ['a parent path', mutate((r) => ((r.files as Record<string, string>)['../../etc/passwd'] = hash)), '"files" has a path "../../etc/passwd" that has an empty, "." or ".." segment'],
    ['an absolute path', mutate((r) => ((r.files as Record<string, string>)['/etc/passwd'] = hash)), '"files" has a path "/etc/passwd" that is absolute'],
    ['a drive path', mutate((r) => ((r.files as Record<string, string>)['C:/x'] = hash)), 'that is absolute'],
    ['a backslash path', mutate((r) => ((r.files as Record<string, string>)['src\\..\\x'] = hash)), 'contains a backslash or a control character'],
    ['an empty path', mutate((r) => ((r.files as Record<string, string>)[''] = hash)), '"files" has a path "" that is empty'],
    ['groundwork.json itself', mutate((r) => ((r.files as Record<string, string>)['groundwork.json'] = hash)), 'is groundwork.json itself'],
    ['a hex hash', mutate((r) => ((r.files as Record<string, string>)['src/app.ts'] = 'a'.repeat(64))), 'files["src/app.ts"] must be a "sha256-<base64>" hash, not string "aaaa'],
    ['a numeric hash', mutate((r) => ((r.files as Record<string, unknown>)['src/app.ts'] = 5)), 'files["src/app.ts"] must be a "sha256-<base64>" hash, not number 5'],
  ])('names the field for %s', (_case, value, problem) => {
    const problems = groundworkJsonProblems(value);
    expect(problems[0]).toContain(problem);
    expect(() => parseGroundworkJson(value, '/p/groundwork.json')).toThrow(GroundworkError);
    expect(() => parseGroundworkJson(value, '/p/groundwork.json')).toThrow(/^\/p\/groundwork\.json is not a valid create-groundwork record: .*\. Restore it from git before running groundwork\.$/);
  });

  it('reports the first problem and how many more there are, in one line', () => {
    expect(() => parseGroundworkJson({ generator: 'create-groundwork', version: '1' })).toThrow(
      'groundwork.json is not a valid create-groundwork record: "name" is missing (it must be the package name) (and 3 more problems). Restore it from git before running groundwork.',
    );
  });
});

describe('readGroundworkJson', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'gw-record-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a missing, unparsable or hostile file with a GroundworkError', async () => {
    await expect(readGroundworkJson(dir)).rejects.toThrow('is not a groundwork project (no groundwork.json)');
    await writeFile(join(dir, 'groundwork.json'), '{ "generator": ');
    await expect(readGroundworkJson(dir)).rejects.toThrow('is not valid JSON; restore it from git');
    await writeFile(join(dir, 'groundwork.json'), 'null');
    await expect(readGroundworkJson(dir)).rejects.toThrow(`${join(dir, 'groundwork.json')} is not a valid create-groundwork record: the file holds null, not an object.`);
    await writeFile(join(dir, 'groundwork.json'), JSON.stringify(mutate((r) => (r.name = '../../evil'))));
    await expect(readGroundworkJson(dir)).rejects.toBeInstanceOf(GroundworkError);
    await writeFile(join(dir, 'groundwork.json'), JSON.stringify(sound()));
    expect((await readGroundworkJson(dir)).name).toBe('my-api');
  });
});

describe('generatedFiles', () => {
  it('is the recorded files, groundwork.json, and .env when a module generates a secret', () => {
    expect(generatedFiles(parseGroundworkJson(sound()))).toEqual(['.env', '.env.example', 'groundwork.json', 'package.json', 'src/app.ts']);
    const open = mutate((r) => (r.modules = ['base', 'api/rest', 'db/postgres', 'cache/memory', 'auth/none', 'queue/none']));
    expect(generatedFiles(parseGroundworkJson(open))).toEqual(['.env.example', 'groundwork.json', 'package.json', 'src/app.ts']);
  });
});

// `groundwork generate job|route` and `remove job|route`: what they write and record, what they refuse
// (nothing written), which modules they need, and a user's edit of the list file kept.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroundwork, expectRefusal, groundwork, snapshot, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
/** REST and a queue: jobs and routes have a home. */
let shop: string;
/** GraphQL alone and no queue: neither has. */
let bare: string;
beforeAll(async () => {
  dir = await tempDir('gw-units-');
  shop = join(dir.path, 'shop');
  bare = join(dir.path, 'bare');
  const created = await Promise.all([
    createGroundwork(['shop', '--api', 'rest', '--db', 'none', '--cache', 'none', '--auth', 'jwt', '--queue', 'bullmq', '--no-install', '--no-git'], dir.path),
    createGroundwork(['bare', '--api', 'graphql', '--db', 'none', '--cache', 'none', '--auth', 'none', '--queue', 'none', '--no-install', '--no-git'], dir.path),
  ]);
  for (const result of created) expect(result.exitCode, result.stderr).toBe(0);
});
afterAll(() => dir.cleanup());

const record = async (project: string) => JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));

describe('groundwork generate job|route: refusals, nothing written', () => {
  it.each<[string, string[], number, string]>([
    ['shop', ['generate', 'job'], 2, 'Usage: groundwork generate job <name>, e.g. groundwork generate job send-reminder.'],
    ['shop', ['generate', 'job', 'send reminder'], 2, 'Job name "send reminder" is not valid'],
    ['shop', ['generate', 'job', 'index'], 2, 'Job name "index" would be the file of the list itself (index.ts)'],
    ['shop', ['generate', 'job', 'a', 'b'], 2, 'groundwork generate job takes one name, got 2: "a" "b".'],
    ['shop', ['generate', 'job', 'sync', '--fields', 'a:string'], 2, '--fields is for groundwork generate resource, not job.'],
    ['shop', ['generate', 'route', 'report', '--method', 'FETCH'], 2, 'Unknown method "FETCH".'],
    ['shop', ['generate', 'resource', 'invoice', '--method', 'GET'], 2, '--method is for groundwork generate route, not resource.'],
    ['shop', ['generate', 'route', 'notes'], 2, 'Route "notes" would serve /v1/notes, the path of resource "notes"; choose another name.'],
    ['shop', ['remove', 'job', 'sync'], 2, 'Unknown job "sync": the project has no jobs of its own.'],
    ['bare', ['generate', 'job', 'sync'], 1, 'Cannot generate job sync: a job needs a job queue, and this project has none. Add it first: groundwork add queue bullmq.'],
    ['bare', ['generate', 'route', 'report'], 1, 'Cannot generate route report: a route needs the REST API, and this project has none. Add it first: groundwork add api rest.'],
  ])('%s: groundwork %j: exit %i, one line naming the value', (name, args, exitCode, message) => expectRefusal(name === 'shop' ? shop : bare, args, exitCode, message));
});

describe('groundwork generate job', () => {
  it('writes the handler and its test, lists it for the worker and records it, keeping a user edit of the list', async () => {
    const list = join(shop, 'src/jobs/index.ts');
    await writeFile(list, `// Jobs of the shop.\n${await readFile(list, 'utf8')}`);
    const result = await groundwork(['generate', 'job', 'sendReminder', '--json'], shop);
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ kind: 'job', generated: 'send-reminder', dryRun: false, merged: ['src/jobs/index.ts'] });
    expect(summary.created).toEqual(['src/jobs/send-reminder.ts', 'test/jobs/send-reminder.test.ts']);
    const merged = await readFile(list, 'utf8');
    expect(merged.startsWith('// Jobs of the shop.\n')).toBe(true);
    expect(merged).toContain('export const jobs: JobHandler[] = [sendReminderJob];');
    expect(await readFile(join(shop, 'src/jobs/send-reminder.ts'), 'utf8')).toContain("name: 'send-reminder'");
    expect((await record(shop)).jobs).toEqual([{ name: 'send-reminder' }]);
  });

  it('refuses the same job in another spelling, and the queue going while jobs need it', async () => {
    const again = await groundwork(['generate', 'job', 'send_reminder'], shop);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('Job "send_reminder" already exists as "send-reminder" (src/jobs/send-reminder.ts).');
    const before = await snapshot(shop);
    const replace = await groundwork(['add', 'queue', 'none', '--no-install'], shop);
    expect(replace.exitCode).toBe(1);
    expect(replace.stderr).toContain("Cannot add queue none: the project's jobs (send-reminder) need a job queue. Remove them first: groundwork remove job send-reminder.");
    expect(await snapshot(shop)).toEqual(before);
  });
});

describe('groundwork generate route', () => {
  it('writes a route for each method asked, lists it in the /v1 scope and records it', async () => {
    const get = await groundwork(['generate', 'route', 'daily-report', '--json'], shop);
    expect(get.exitCode, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ kind: 'route', generated: 'daily-report', method: 'GET', created: ['src/routes/daily-report.ts', 'test/routes/daily-report.test.ts'] });
    const post = await groundwork(['generate', 'route', 'SubmitForm', '--method', 'post'], shop);
    expect(post.exitCode, post.stderr).toBe(0);
    expect(post.stdout).toContain('Generated route POST /v1/submit-form');
    expect(await readFile(join(shop, 'src/routes/index.ts'), 'utf8')).toContain('export const routes: ResourceRoutes[] = [dailyReportRoute, submitFormRoute];');
    const written = await readFile(join(shop, 'src/routes/submit-form.ts'), 'utf8');
    expect(written).toContain("app.post(\n    '/submit-form',");
    expect(written).toContain('onRequest: requirePrincipal(');
    expect(await readFile(join(shop, 'src/routes/daily-report.ts'), 'utf8')).not.toContain('requirePrincipal');
    expect((await record(shop)).routes).toEqual([
      { name: 'daily-report', method: 'GET' },
      { name: 'submit-form', method: 'POST' },
    ]);
    const info = await groundwork(['info'], shop);
    expect(info.stdout).toMatch(/routes\s+GET \/v1\/daily-report, POST \/v1\/submit-form/);
    expect(info.stdout).toMatch(/jobs\s+send-reminder/);
  });

  it('refuses a route the project has, in any spelling', async () => {
    const again = await groundwork(['generate', 'route', 'dailyReport', '--method', 'DELETE'], shop);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('Route "dailyReport" already exists (GET /v1/daily-report in src/routes/daily-report.ts).');
  });
});

describe('groundwork remove job|route', () => {
  it('refuses when the user edited the unit, naming the file', async () => {
    const handler = join(shop, 'src/jobs/send-reminder.ts');
    const original = await readFile(handler, 'utf8');
    await writeFile(handler, `${original}// my own work\n`);
    const before = await snapshot(shop);
    const result = await groundwork(['remove', 'job', 'send-reminder'], shop);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('src/jobs/send-reminder.ts');
    expect(await snapshot(shop)).toEqual(before);
    await writeFile(handler, original);
  });

  it('removes their files and lines and the record, keeping the user edit of the list, which the queue cannot then take along', async () => {
    const unknown = await groundwork(['remove', 'route', 'weekly-report'], shop);
    expect(unknown.stderr).toContain('Unknown route "weekly-report". Did you mean daily-report?');
    for (const [kind, name] of [['job', 'send-reminder'], ['route', 'daily-report'], ['route', 'submit-form']]) {
      const result = await groundwork(['remove', kind!, name!, '--json'], shop);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ kind, removed: name, deleted: [`src/${kind}s/${name}.ts`, `test/${kind}s/${name}.test.ts`] });
    }
    const after = await record(shop);
    expect([after.jobs, after.routes]).toEqual([[], []]);
    expect(await readFile(join(shop, 'src/jobs/index.ts'), 'utf8')).toMatch(/^\/\/ Jobs of the shop\.\n[\s\S]*export const jobs: JobHandler\[\] = \[\];/);
    // With no jobs left the queue may go, but not silently with the list the user edited.
    const replace = await groundwork(['add', 'queue', 'none', '--no-install'], shop);
    expect(replace.exitCode).toBe(1);
    expect(replace.stderr).toContain('src/jobs/index.ts');
  });
});

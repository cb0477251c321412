// `groundwork generate resource` and `groundwork remove resource` on generated projects: what they
// write (files of every module, the migration, the record), what they refuse, and user edits kept.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashContents } from '../../src/compose/hash.js';
import { createGroundwork, expectRefusal, groundwork, snapshot, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
let project: string;
beforeAll(async () => {
  dir = await tempDir('gw-resource-');
  project = join(dir.path, 'shop');
  const created = await createGroundwork(['shop', '--api', 'rest', '--db', 'postgres', '--cache', 'memory', '--auth', 'jwt', '--queue', 'none', '--no-install', '--no-git'], dir.path);
  expect(created.exitCode, created.stderr).toBe(0);
});
afterAll(() => dir.cleanup());

const readJson = async (path: string) => JSON.parse(await readFile(join(project, path), 'utf8'));
const journalTags = async () => ((await readJson('drizzle/meta/_journal.json')).entries as { tag: string }[]).map((entry) => entry.tag);

describe('groundwork generate resource: refusals', () => {
  it.each<[string[], number, string]>([
    [['generate'], 2, 'Usage: groundwork generate resource|job|route <name>.'],
    [['generate', 'resorce', 'invoice'], 2, 'groundwork generate takes a resource, a job or a route, not "resorce". Did you mean resource?'],
    [['generate', 'resource'], 2, 'Usage: groundwork generate resource <name> [--fields'],
    [['generate', 'resource', 'invoice', 'customer'], 2, 'groundwork generate resource takes one name, got 2: "invoice" "customer". Fields go in --fields.'],
    [['generate', 'resource', '9lives'], 2, 'Resource name "9lives"'],
    [['generate', 'resource', 'class'], 2, 'Resource name "class" is reserved in JavaScript/TypeScript; choose another name.'],
    [['generate', 'resource', 'note'], 2, 'Resource "note" already exists as "notes".'],
    [['generate', 'resource', 'invoice', '--fields', 'amount:money'], 2, 'Field "amount:money": unknown type "money"'],
    [['generate', 'resource', 'invoice', '--fields', 'customer:ref(customers)'], 2, '"customers"'],
    [['generate', 'resource', 'invoice', '--fields'], 2, '--fields needs a value.'],
    [['remove', 'resource', 'invoices'], 2, 'Unknown resource "invoices"'],
    [['remove', 'thing', 'notes'], 2, 'groundwork remove takes a resource, a job or a route, not "thing".'],
  ])('groundwork %j: exit %i, one line naming the value, nothing written', (args, exitCode, message) => expectRefusal(project, args, exitCode, message));

  it('refuses outside a project, and says so under --json too', async () => {
    const result = await groundwork(['generate', 'resource', 'invoice', '--json'], dir.path);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'failure', message: expect.stringContaining('is not a groundwork project') });
  });
});

describe('groundwork generate resource', () => {
  const fields = 'amount:number,paid:boolean,dueDate:datetime?,status:enum(draft|sent|paid),count:integer,memo:text?,ref:uuid?,label:string';

  it('--dry-run --json lists every file it would write, and writes nothing', async () => {
    const before = await snapshot(project);
    const result = await groundwork(['generate', 'resource', 'invoice', '--fields', fields, '--dry-run', '--json'], project);
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ generated: 'invoices', fields, dryRun: true });
    expect(summary.created).toEqual(expect.arrayContaining(['src/features/invoices/model.ts', 'src/features/invoices/service.ts', 'drizzle/0001_create_invoices.sql']));
    expect(summary.updated).toEqual(expect.arrayContaining(['src/features/index.ts']));
    expect(await snapshot(project)).toEqual(before);
  });

  it('adds the resource to every module, the record and the migrations, keeping a user edit', async () => {
    const features = join(project, 'src/features/index.ts');
    const edited = `// The shop's domain.\n${await readFile(features, 'utf8')}`;
    await writeFile(features, edited);

    const result = await groundwork(['generate', 'resource', 'invoice', '--fields', fields, '--json'], project);
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.merged).toContain('src/features/index.ts');
    const merged = await readFile(features, 'utf8');
    expect(merged.startsWith("// The shop's domain.\n")).toBe(true);
    expect(merged).toContain('invoices');

    const record = await readJson('groundwork.json');
    expect(record.resources.map((r: { name: string }) => r.name)).toEqual(['notes', 'invoices']);
    expect(record.resources[1].fields).toContainEqual({ name: 'status', type: 'enum', optional: false, values: ['draft', 'sent', 'paid'] });
    for (const path of summary.created) {
      if (!path.startsWith('drizzle/')) expect(record.files[path], path).toBe(hashContents(await readFile(join(project, path), 'utf8')));
    }
    expect(await journalTags()).toEqual(['0000_init', '0001_create_invoices']);
    expect(await readFile(join(project, 'drizzle/0001_create_invoices.sql'), 'utf8')).toContain('CREATE TABLE "invoices"');

    const info = JSON.parse((await groundwork(['info', '--json'], project)).stdout);
    expect(info.resources).toEqual([
      { name: 'notes', fields: 'title:string,body:text' },
      { name: 'invoices', fields },
    ]);
    expect(info.edited).toContain('src/features/index.ts');
  });

  it('a ref points at an existing resource, which cannot be removed while referenced', async () => {
    expect((await groundwork(['generate', 'resource', 'customer'], project)).exitCode).toBe(0);
    const refd = await groundwork(['generate', 'resource', 'order', '--fields', 'customer:ref(customers),total:number'], project);
    expect(refd.exitCode, refd.stderr).toBe(0);
    const before = await snapshot(project);
    const refused = await groundwork(['remove', 'resource', 'customer'], project);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('Resource "customers" is referenced by field "customer:ref(customers)" of resource "orders"; remove "orders" first.');
    expect(await snapshot(project)).toEqual(before);
  });
});

describe('groundwork remove resource', () => {
  it('refuses when the user edited one of its files, naming the file; nothing written', async () => {
    const model = join(project, 'src/features/orders/model.ts');
    await writeFile(model, `${await readFile(model, 'utf8')}// my own rule\n`);
    const before = await snapshot(project);
    const result = await groundwork(['remove', 'resource', 'orders'], project);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('src/features/orders/model.ts');
    expect(await snapshot(project)).toEqual(before);
    await writeFile(model, (await readFile(model, 'utf8')).replace('// my own rule\n', ''));
  });

  it('removes its files, its registrations and its table, then the sample too', async () => {
    for (const name of ['orders', 'customers', 'invoices']) {
      const result = await groundwork(['remove', 'resource', name, '--json'], project);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).deleted).toContain(`src/features/${name}/model.ts`);
    }
    expect(await journalTags()).toEqual(['0000_init', '0001_create_invoices', '0002_create_customers', '0003_create_orders', '0004_drop_orders', '0005_drop_customers', '0006_drop_invoices']);
    expect(await readFile(join(project, 'drizzle/0004_drop_orders.sql'), 'utf8')).toContain('DROP TABLE "orders"');

    const sample = await groundwork(['remove', 'resource', 'notes'], project);
    expect(sample.exitCode, sample.stderr).toBe(0);
    const record = await readJson('groundwork.json');
    expect(record.resources).toEqual([]);
    expect(Object.keys(record.files).filter((path) => path.includes('notes'))).toEqual([]);
    // The user's line in the aggregated file survives all of it.
    expect(await readFile(join(project, 'src/features/index.ts'), 'utf8')).toContain("// The shop's domain.");
  });
});

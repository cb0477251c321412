// The project's own jobs and routes: their names in every spelling, the refusals of `generate job|route`
// and the checks of the recorded lists in groundwork.json.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { newResource, SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import { jobsProblems, newJob } from '../../src/units/job.js';
import { newRoute, routesProblems } from '../../src/units/route.js';
import { findUnit, unitNames } from '../../src/units/unit-names.js';
import { routeView, unitPath } from '../../src/units/view.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('unit names', () => {
  it.each(['send-reminder', 'sendReminder', 'SendReminder', 'send_reminder'])('%s gives one set of names', (input) => {
    expect(unitNames(input, 'job')).toEqual({ kebab: 'send-reminder', camel: 'sendReminder', Pascal: 'SendReminder', label: 'send reminder' });
  });

  it('keeps acronyms and digits in their word', () => {
    expect(unitNames('syncAPIKeys2', 'job').kebab).toBe('sync-api-keys2');
  });

  it.each([
    ['send reminder', 'Job name "send reminder" is not valid'],
    ['9lives', 'Job name "9lives" is not valid'],
    ['a--b', 'Job name "a--b" is not valid'],
    ['', 'Job name "" is not valid'],
    ['x'.repeat(41), 'is 41 characters long; use at most 40'],
    // The recorded kebab form counts: 39 characters typed, 46 recorded.
    ['sendReminderToTheCustomerAfterTrialEnds', 'is 46 characters long as "send-reminder-to-the-customer-after-trial-ends"; use at most 40'],
    ['index', 'Job name "index" would be the file of the list itself (index.ts)'],
    ['Index', 'would be the file of the list itself'],
  ])('refuses %j', (input, message) => {
    expect(refusal(() => unitNames(input, 'job'))).toContain(message);
  });

  it('fills the path token', () => {
    expect(unitPath('test/jobs/__kebab__.test.ts', unitNames('sendReminder', 'job'))).toBe('test/jobs/send-reminder.test.ts');
  });
});

describe('newJob / findUnit', () => {
  it('normalizes the name and refuses one the project has, in any spelling', () => {
    expect(newJob('SendReminder', [])).toEqual({ name: 'send-reminder' });
    expect(refusal(() => newJob('send_reminder', [{ name: 'send-reminder' }]))).toBe('Job "send_reminder" already exists as "send-reminder" (src/jobs/send-reminder.ts).');
  });

  it('finds a recorded one in any spelling, or lists what there is', () => {
    const jobs = [{ name: 'send-reminder' }, { name: 'nightly-sync' }];
    expect(findUnit('job', 'nightlySync', jobs)).toBe(jobs[1]);
    expect(refusal(() => findUnit('job', 'send-reminders', jobs))).toBe('Unknown job "send-reminders". Did you mean send-reminder? The project\'s jobs: send-reminder, nightly-sync.');
    expect(refusal(() => findUnit('route', 'report', []))).toBe('Unknown route "report": the project has no routes of its own.');
  });
});

describe('newRoute', () => {
  it('takes a method in any case, GET by default', () => {
    expect(newRoute('daily-report', undefined, [], [])).toEqual({ name: 'daily-report', method: 'GET' });
    expect(newRoute('submitForm', 'post', [], [])).toEqual({ name: 'submit-form', method: 'POST' });
  });

  it('refuses an unknown method, a route the project has and a resource path', () => {
    expect(refusal(() => newRoute('report', 'PUTT', [], []))).toBe('Unknown method "PUTT". Did you mean PUT? A route\'s method is one of GET, POST, PUT, PATCH, DELETE.');
    expect(refusal(() => newRoute('report', 'POST', [{ name: 'report', method: 'GET' }], []))).toBe('Route "report" already exists (GET /v1/report in src/routes/report.ts).');
    expect(refusal(() => newRoute('line-items', undefined, [], [{ name: 'lineItems' }]))).toBe('Route "line-items" would serve /v1/line-items, the path of resource "lineItems"; choose another name.');
    expect(newRoute('line-item', undefined, [], [{ name: 'lineItems' }]).name).toBe('line-item'); // /v1/line-item is nobody's
  });

  it('keeps a resource generated later off a route path too', () => {
    expect(refusal(() => newResource('report', undefined, [], [{ name: 'reports' }]))).toBe('Resource name "report" would serve /v1/reports, the path of route "reports"; choose another name.');
    expect(newResource('report', undefined, [], [{ name: 'report' }]).name).toBe('reports');
  });

  it('views: writes need a principal; POST, PUT and PATCH take a body', () => {
    const view = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') => routeView({ name: 'report', method });
    expect([view('GET'), view('DELETE'), view('PATCH')].map(({ isWrite, hasBody, methodLower, inputPart, inputSchema }) => ({ isWrite, hasBody, methodLower, inputPart, inputSchema }))).toEqual([
      { isWrite: false, hasBody: false, methodLower: 'get', inputPart: 'querystring', inputSchema: 'Query' },
      { isWrite: true, hasBody: false, methodLower: 'delete', inputPart: 'querystring', inputSchema: 'Query' },
      { isWrite: true, hasBody: true, methodLower: 'patch', inputPart: 'body', inputSchema: 'Body' },
    ]);
  });
});

describe('groundwork.json "jobs" and "routes"', () => {
  it('accepts sound lists', () => {
    expect(jobsProblems([{ name: 'send-reminder' }])).toEqual([]);
    expect(routesProblems([{ name: 'daily-report', method: 'GET' }], [SAMPLE_RESOURCE])).toEqual([]);
  });

  it('names every problem with its field', () => {
    expect(jobsProblems({})).toEqual(['"jobs" must be an array of jobs, not an object']);
    expect(jobsProblems(['x', { name: 'sendReminder' }, { name: 'a' }, { name: 'a', extra: 1 }, { name: 'bad name' }, {}])).toEqual([
      '"jobs[0]" must be an object with "name", not string "x"',
      '"jobs[1].name" "sendReminder" must be the kebab-case name "send-reminder"',
      '"jobs[3]" has an unknown key "extra"',
      '"jobs[3].name" "a" is listed twice',
      expect.stringMatching(/^"jobs\[4\]\.name" "bad name" is not valid/),
      '"jobs[5].name" is missing (it must be a kebab-case name such as "send-reminder")',
    ]);
    expect(routesProblems([{ name: 'notes', method: 'GET' }, { name: 'report', method: 'get' }, { name: 'other' }], [SAMPLE_RESOURCE])).toEqual([
      '"routes[0].name" "notes" would serve /v1/notes, the path of resource "notes"',
      '"routes[1].method" must be one of GET, POST, PUT, PATCH, DELETE, not "get"',
      '"routes[2].method" must be one of GET, POST, PUT, PATCH, DELETE, not missing',
    ]);
  });
});

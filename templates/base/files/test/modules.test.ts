// src/modules.ts registers the modules in order; fastify-plugin checks each one's dependencies and
// decorators at start, so a list in the wrong order fails with the plugin's own message.
import { describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { moduleName } from './support/modules.js';

describe('the module list', () => {
  it('registers default-ports and features after the adapters, and every API after features', () => {
    const names = modules.map(moduleName);
    const features = names.indexOf('features');
    expect(names.indexOf('default-ports')).toBe(features - 1);
    for (const [i, name] of names.entries()) {
      if (name?.startsWith('api-')) expect(i, name).toBeGreaterThan(features);
      if (name?.startsWith('db-')) expect(i, name).toBeLessThan(features);
    }
  });

  it('refuses to start when a module comes before one it depends on', async () => {
    const api = modules.find((module) => moduleName(module)?.startsWith('api-'))!;
    const apiFirst = [api, ...modules.filter((module) => module !== api)];
    await expect(testApp({}, { modules: apiFirst })).rejects.toThrow(`The dependency 'features' of plugin '${moduleName(api)}' is not registered`);
  });

  it('refuses to start when the features come before the ports they need', async () => {
    const features = modules.find((module) => moduleName(module) === 'features')!;
    const featuresFirst = [features, ...modules.filter((module) => module !== features)];
    await expect(testApp({}, { modules: featuresFirst })).rejects.toThrow("The decorator 'repositories' required by 'features' is not present in Fastify");
  });

  it('refuses to start without a db module: the features need the repositories', async () => {
    const withoutDb = modules.filter((module) => !moduleName(module)?.startsWith('db-'));
    await expect(testApp({}, { modules: withoutDb })).rejects.toThrow("The decorator 'repositories' required by 'features' is not present in Fastify");
  });
});

// The OpenAPI document and the docs UI: REST only, one tag per resource, switched by REST_DOCS.
import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';
import { restResourceList } from './support/rest-resources.js';

describe('REST API document', () => {
  it('publishes an OpenAPI 3.1 document of exactly the resource routes, and a docs UI', async () => {
    const built = await testApp();
    try {
      const doc = (await built.app.inject('/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      // REST only: no probes, metrics or other API styles.
      const paths = restResourceList.flatMap(({ path }) => [path, `${path}/{id}`]);
      expect(Object.keys(doc.paths ?? {}).sort()).toEqual(paths.sort());
      const tags = restResourceList.map(({ path }) => path.slice('/v1/'.length));
      expect(doc.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(tags.sort());
      const docs = await built.app.inject('/docs/');
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('<html');
    } finally {
      await built.app.close();
    }
  });
});

describe('REST API docs switch (REST_DOCS)', () => {
  const served = async (env: Record<string, string>) => {
    const built = await testApp({ PGLITE_DATA_DIR: 'memory://', ...env });
    try {
      const [doc, ui] = await Promise.all([built.app.inject('/openapi.json'), built.app.inject('/docs/')]);
      return [doc.statusCode, ui.statusCode];
    } finally {
      await built.app.close();
    }
  };

  it('serves no document or UI in production unless REST_DOCS=true', async () => {
    expect(await served({ NODE_ENV: 'production' })).toEqual([404, 404]);
    expect(await served({ NODE_ENV: 'production', REST_DOCS: 'true' })).toEqual([200, 200]);
  });

  it('serves them in development and test unless REST_DOCS=false', async () => {
    expect(await served({ NODE_ENV: 'development' })).toEqual([200, 200]);
    expect(await served({ REST_DOCS: 'false' })).toEqual([404, 404]);
  });
});

// What the REST routes accept, exactly as their schemas say:
// - JSON bodies must be valid UTF-8. Fastify's own parser decodes invalid bytes to U+FFFD, so a note
//   would be stored altered and answered 201; here that is a 400.
// - Bodies are validated by TypeBox without coercion: Fastify's default Ajv turns {"title": 5} into
//   "5", null into "" and ["x"] into "x", and drops unknown fields. Query strings, params and headers
//   (always text) are still converted to the schema's types.
// Registered in the REST scope only: other API styles and the probes keep Fastify's defaults.
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../../core/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function registerStrictInput(scope: FastifyInstance): void {
  scope.setValidatorCompiler(TypeBoxValidatorCompiler);

  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = scope.initialConfig;
  const parseJson = scope.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HttpProblem(400, 'The request body is not valid UTF-8.', { title: 'Invalid body encoding' }), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

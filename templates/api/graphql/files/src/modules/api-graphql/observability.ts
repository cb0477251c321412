// Per-operation metrics and spans: executed operations from mercurius hooks, rejected ones from the
// error formatter (they never reach execution).
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Counter, Histogram, type Registry } from 'prom-client';

type Outcome = 'ok' | 'error' | 'rejected';

interface Running {
  operation: string;
  type: string;
  started: number;
  span: Span;
}

/** Operation names are chosen by clients: past this many distinct ones, new names are counted as "other". */
export const OPERATION_NAMES_MAX = 200;

/** The operation a request runs: the one named, else the only one. */
export const operationOf = (document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));

export interface OperationObserver {
  started(document: DocumentNode, operationName: string | undefined, context: object): void;
  finished(context: object, failed: boolean): void;
  rejected(operationName: string | undefined): void;
}

export function operationObserver(registry: Registry): OperationObserver {
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome (ok, error: errors beside data, rejected: not executed)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Execution time of GraphQL operations (parsing and validation excluded)',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const tracer = trace.getTracer('api-graphql');
  const running = new WeakMap<object, Running>();
  const names = new Set<string>();
  const label = (name: string | undefined): string => {
    if (!name) return 'anonymous';
    if (!names.has(name) && names.size >= OPERATION_NAMES_MAX) return 'other';
    names.add(name);
    return name;
  };
  const count = (operation: string, type: string, outcome: Outcome) => operations.inc({ operation, type, outcome });

  return {
    started(document, operationName, context) {
      const definition = operationOf(document, operationName);
      const type = definition?.operation ?? 'query';
      const name = definition?.name?.value;
      const span = tracer.startSpan(name ? `${type} ${name}` : type, {
        attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) },
      });
      running.set(context, { operation: label(name), type, started: performance.now(), span });
    },
    finished(context, failed) {
      const op = running.get(context);
      if (!op) return;
      running.delete(context);
      count(op.operation, op.type, failed ? 'error' : 'ok');
      duration.observe({ operation: op.operation, type: op.type }, (performance.now() - op.started) / 1000);
      if (failed) op.span.setStatus({ code: SpanStatusCode.ERROR });
      op.span.end();
    },
    rejected(operationName) {
      count(label(operationName), 'unknown', 'rejected');
    },
  };
}

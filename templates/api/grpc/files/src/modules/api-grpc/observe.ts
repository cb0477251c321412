// One log line and the standard grpc_server_* metrics per call, with the status the client got.
import { status } from '@grpc/grpc-js';
import { Counter, Histogram, type Registry } from 'prom-client';
import { settled, type Interceptor } from './call.js';
import { SERVER_FAULTS } from './errors.js';

export function observeCalls(registry: Registry): Interceptor {
  const labelNames = ['grpc_service', 'grpc_method', 'grpc_type'] as const;
  const started = new Counter({ name: 'grpc_server_started_total', help: 'gRPC calls started', labelNames, registers: [registry] });
  const handled = new Counter({
    name: 'grpc_server_handled_total',
    help: 'gRPC calls completed, by status code',
    labelNames: [...labelNames, 'grpc_code'],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'grpc_server_handling_seconds',
    help: 'Time from the start of a gRPC call to its status (streams: the whole stream)',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [registry],
  });

  return async (call, next) => {
    const labels = { grpc_service: call.rpc.service, grpc_method: call.rpc.method, grpc_type: call.rpc.type };
    started.inc(labels);
    const begin = performance.now();
    await settled(call, next, (outcome) => {
      const code = status[outcome?.code ?? status.OK];
      const elapsed = performance.now() - begin;
      handled.inc({ ...labels, grpc_code: code });
      seconds.observe(labels, elapsed / 1000);
      const line = {
        ...labels,
        grpc_code: code,
        duration_ms: Math.round(elapsed * 100) / 100,
        remote_ip: call.ip,
        user_agent: call.metadata.get('user-agent')[0],
        ...(call.principal ? { principal: call.principal.subject } : {}),
        ...(outcome?.unexpected ? { err: outcome.unexpected } : {}),
      };
      if (outcome && SERVER_FAULTS.has(outcome.code)) call.log.error(line, 'grpc call failed');
      else call.log.info(line, 'grpc call completed');
    });
  };
}

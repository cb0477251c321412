// What the handlers of every resource share: the NOT_FOUND they answer, and page_size / page_token as
// the services take them (limit / after).
import { status } from '@grpc/grpc-js';
import { ID_MAX } from '../../core/resources/cursor.js';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../core/resources/page.js';
import type { ListOptions } from '../../core/resources/records.js';
import { GrpcError } from './errors.js';

/** "Invoice 42 not found". The id is the client's: quoted whole only when it could be an id, since details travel in a trailer. */
export const notFound = (label: string, id: string): GrpcError =>
  new GrpcError(status.NOT_FOUND, `${label} ${id.length <= ID_MAX ? id : `${id.slice(0, 32)}… (${id.length} characters)`} not found`);

/** page_size 0 is the default; a page_token the service did not hand out is its INVALID_ARGUMENT (400). */
export function listOptions({ pageSize, pageToken }: { pageSize: number; pageToken: string }): ListOptions {
  if (pageSize < 0 || pageSize > PAGE_LIMIT_MAX) throw new GrpcError(status.INVALID_ARGUMENT, `page_size must be between 0 and ${PAGE_LIMIT_MAX}, got ${pageSize}`);
  return { limit: pageSize === 0 ? PAGE_LIMIT_DEFAULT : pageSize, ...(pageToken === '' ? {} : { after: pageToken }) };
}

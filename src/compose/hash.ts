import { createHash } from 'node:crypto';

/** The hash recorded in groundwork.json for each generated file. */
export const hashContents = (contents: string) => `sha256-${createHash('sha256').update(contents).digest('base64')}`;

// Original file: proto/notes/v1/notes.proto

import type { Note as _notes_v1_Note, Note__Output as _notes_v1_Note__Output } from '../../notes/v1/Note.js';

export interface ListNotesResponse {
  'notes'?: (_notes_v1_Note)[];
  /**
   * Empty on the last page.
   */
  'nextPageToken'?: (string);
}

export interface ListNotesResponse__Output {
  'notes': (_notes_v1_Note__Output)[];
  /**
   * Empty on the last page.
   */
  'nextPageToken': (string);
}

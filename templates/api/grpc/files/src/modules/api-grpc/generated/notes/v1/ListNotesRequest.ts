// Original file: proto/notes/v1/notes.proto


export interface ListNotesRequest {
  /**
   * 0 means the default (20); at most 100.
   */
  'pageSize'?: (number);
  /**
   * next_page_token of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

export interface ListNotesRequest__Output {
  /**
   * 0 means the default (20); at most 100.
   */
  'pageSize': (number);
  /**
   * next_page_token of the previous page; empty for the first page.
   */
  'pageToken': (string);
}

// Original file: proto/notes/v1/notes.proto


export interface UpdateNoteRequest {
  'id'?: (string);
  'title'?: (string);
  'body'?: (string);
  '_title'?: "title";
  '_body'?: "body";
}

export interface UpdateNoteRequest__Output {
  'id': (string);
  'title'?: (string);
  'body'?: (string);
  '_title'?: "title";
  '_body'?: "body";
}

// Original file: proto/notes/v1/notes.proto


export interface CreateNoteRequest {
  'title'?: (string);
  'body'?: (string);
}

export interface CreateNoteRequest__Output {
  'title': (string);
  'body': (string);
}

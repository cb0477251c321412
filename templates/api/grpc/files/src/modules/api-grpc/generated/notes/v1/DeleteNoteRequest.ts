// Original file: proto/notes/v1/notes.proto


export interface DeleteNoteRequest {
  'id'?: (string);
}

export interface DeleteNoteRequest__Output {
  'id': (string);
}

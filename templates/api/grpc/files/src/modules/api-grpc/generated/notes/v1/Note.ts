// Original file: proto/notes/v1/notes.proto


/**
 * The REST shape, field for field: times are RFC 3339 strings in UTC, as REST returns them.
 */
export interface Note {
  'id'?: (string);
  'title'?: (string);
  'body'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

/**
 * The REST shape, field for field: times are RFC 3339 strings in UTC, as REST returns them.
 */
export interface Note__Output {
  'id': (string);
  'title': (string);
  'body': (string);
  'createdAt': (string);
  'updatedAt': (string);
}

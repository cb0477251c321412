// Original file: proto/notes/v1/notes.proto


export interface WatchNotesRequest {
}

export interface WatchNotesRequest__Output {
}

import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateNoteRequest as _notes_v1_CreateNoteRequest, CreateNoteRequest__Output as _notes_v1_CreateNoteRequest__Output } from './notes/v1/CreateNoteRequest.js';
import type { DeleteNoteRequest as _notes_v1_DeleteNoteRequest, DeleteNoteRequest__Output as _notes_v1_DeleteNoteRequest__Output } from './notes/v1/DeleteNoteRequest.js';
import type { DeleteNoteResponse as _notes_v1_DeleteNoteResponse, DeleteNoteResponse__Output as _notes_v1_DeleteNoteResponse__Output } from './notes/v1/DeleteNoteResponse.js';
import type { GetNoteRequest as _notes_v1_GetNoteRequest, GetNoteRequest__Output as _notes_v1_GetNoteRequest__Output } from './notes/v1/GetNoteRequest.js';
import type { ListNotesRequest as _notes_v1_ListNotesRequest, ListNotesRequest__Output as _notes_v1_ListNotesRequest__Output } from './notes/v1/ListNotesRequest.js';
import type { ListNotesResponse as _notes_v1_ListNotesResponse, ListNotesResponse__Output as _notes_v1_ListNotesResponse__Output } from './notes/v1/ListNotesResponse.js';
import type { Note as _notes_v1_Note, Note__Output as _notes_v1_Note__Output } from './notes/v1/Note.js';
import type { NotesServiceClient as _notes_v1_NotesServiceClient, NotesServiceDefinition as _notes_v1_NotesServiceDefinition } from './notes/v1/NotesService.js';
import type { UpdateNoteRequest as _notes_v1_UpdateNoteRequest, UpdateNoteRequest__Output as _notes_v1_UpdateNoteRequest__Output } from './notes/v1/UpdateNoteRequest.js';
import type { WatchNotesRequest as _notes_v1_WatchNotesRequest, WatchNotesRequest__Output as _notes_v1_WatchNotesRequest__Output } from './notes/v1/WatchNotesRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  notes: {
    v1: {
      CreateNoteRequest: MessageTypeDefinition<_notes_v1_CreateNoteRequest, _notes_v1_CreateNoteRequest__Output>
      DeleteNoteRequest: MessageTypeDefinition<_notes_v1_DeleteNoteRequest, _notes_v1_DeleteNoteRequest__Output>
      DeleteNoteResponse: MessageTypeDefinition<_notes_v1_DeleteNoteResponse, _notes_v1_DeleteNoteResponse__Output>
      GetNoteRequest: MessageTypeDefinition<_notes_v1_GetNoteRequest, _notes_v1_GetNoteRequest__Output>
      ListNotesRequest: MessageTypeDefinition<_notes_v1_ListNotesRequest, _notes_v1_ListNotesRequest__Output>
      ListNotesResponse: MessageTypeDefinition<_notes_v1_ListNotesResponse, _notes_v1_ListNotesResponse__Output>
      Note: MessageTypeDefinition<_notes_v1_Note, _notes_v1_Note__Output>
      NotesService: SubtypeConstructor<typeof grpc.Client, _notes_v1_NotesServiceClient> & { service: _notes_v1_NotesServiceDefinition }
      UpdateNoteRequest: MessageTypeDefinition<_notes_v1_UpdateNoteRequest, _notes_v1_UpdateNoteRequest__Output>
      WatchNotesRequest: MessageTypeDefinition<_notes_v1_WatchNotesRequest, _notes_v1_WatchNotesRequest__Output>
    }
  }
}


// Original file: proto/notes/v1/notes.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateNoteRequest as _notes_v1_CreateNoteRequest, CreateNoteRequest__Output as _notes_v1_CreateNoteRequest__Output } from '../../notes/v1/CreateNoteRequest.js';
import type { DeleteNoteRequest as _notes_v1_DeleteNoteRequest, DeleteNoteRequest__Output as _notes_v1_DeleteNoteRequest__Output } from '../../notes/v1/DeleteNoteRequest.js';
import type { DeleteNoteResponse as _notes_v1_DeleteNoteResponse, DeleteNoteResponse__Output as _notes_v1_DeleteNoteResponse__Output } from '../../notes/v1/DeleteNoteResponse.js';
import type { GetNoteRequest as _notes_v1_GetNoteRequest, GetNoteRequest__Output as _notes_v1_GetNoteRequest__Output } from '../../notes/v1/GetNoteRequest.js';
import type { ListNotesRequest as _notes_v1_ListNotesRequest, ListNotesRequest__Output as _notes_v1_ListNotesRequest__Output } from '../../notes/v1/ListNotesRequest.js';
import type { ListNotesResponse as _notes_v1_ListNotesResponse, ListNotesResponse__Output as _notes_v1_ListNotesResponse__Output } from '../../notes/v1/ListNotesResponse.js';
import type { Note as _notes_v1_Note, Note__Output as _notes_v1_Note__Output } from '../../notes/v1/Note.js';
import type { UpdateNoteRequest as _notes_v1_UpdateNoteRequest, UpdateNoteRequest__Output as _notes_v1_UpdateNoteRequest__Output } from '../../notes/v1/UpdateNoteRequest.js';
import type { WatchNotesRequest as _notes_v1_WatchNotesRequest, WatchNotesRequest__Output as _notes_v1_WatchNotesRequest__Output } from '../../notes/v1/WatchNotesRequest.js';

export interface NotesServiceClient extends grpc.Client {
  /**
   * Errors: INVALID_ARGUMENT for a blank or too long title or body; UNAUTHENTICATED without credentials when the service requires them.
   */
  Create(argument: _notes_v1_CreateNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Create(argument: _notes_v1_CreateNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Create(argument: _notes_v1_CreateNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Create(argument: _notes_v1_CreateNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  /**
   * Errors: INVALID_ARGUMENT for a blank or too long title or body; UNAUTHENTICATED without credentials when the service requires them.
   */
  create(argument: _notes_v1_CreateNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  create(argument: _notes_v1_CreateNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  create(argument: _notes_v1_CreateNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  create(argument: _notes_v1_CreateNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  
  /**
   * Errors: NOT_FOUND, UNAUTHENTICATED.
   */
  Delete(argument: _notes_v1_DeleteNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _notes_v1_DeleteNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _notes_v1_DeleteNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _notes_v1_DeleteNoteRequest, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Errors: NOT_FOUND, UNAUTHENTICATED.
   */
  delete(argument: _notes_v1_DeleteNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _notes_v1_DeleteNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _notes_v1_DeleteNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _notes_v1_DeleteNoteRequest, callback: grpc.requestCallback<_notes_v1_DeleteNoteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Errors: NOT_FOUND when no note has this id.
   */
  Get(argument: _notes_v1_GetNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Get(argument: _notes_v1_GetNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Get(argument: _notes_v1_GetNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Get(argument: _notes_v1_GetNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  /**
   * Errors: NOT_FOUND when no note has this id.
   */
  get(argument: _notes_v1_GetNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  get(argument: _notes_v1_GetNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  get(argument: _notes_v1_GetNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  get(argument: _notes_v1_GetNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  
  /**
   * Oldest first. Errors: INVALID_ARGUMENT for a bad page_size or page_token.
   */
  List(argument: _notes_v1_ListNotesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _notes_v1_ListNotesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _notes_v1_ListNotesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _notes_v1_ListNotesRequest, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Oldest first. Errors: INVALID_ARGUMENT for a bad page_size or page_token.
   */
  list(argument: _notes_v1_ListNotesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _notes_v1_ListNotesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _notes_v1_ListNotesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _notes_v1_ListNotesRequest, callback: grpc.requestCallback<_notes_v1_ListNotesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes the fields that are set. Errors: as Create, and NOT_FOUND.
   */
  Update(argument: _notes_v1_UpdateNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Update(argument: _notes_v1_UpdateNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Update(argument: _notes_v1_UpdateNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  Update(argument: _notes_v1_UpdateNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  /**
   * Changes the fields that are set. Errors: as Create, and NOT_FOUND.
   */
  update(argument: _notes_v1_UpdateNoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  update(argument: _notes_v1_UpdateNoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  update(argument: _notes_v1_UpdateNoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  update(argument: _notes_v1_UpdateNoteRequest, callback: grpc.requestCallback<_notes_v1_Note__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every note created from now on, by any client of any API style, on any instance. Ends with
   * UNAVAILABLE when the server shuts down (reconnect) and RESOURCE_EXHAUSTED when the client reads too slowly.
   */
  Watch(argument: _notes_v1_WatchNotesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_notes_v1_Note__Output>;
  Watch(argument: _notes_v1_WatchNotesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_notes_v1_Note__Output>;
  /**
   * Every note created from now on, by any client of any API style, on any instance. Ends with
   * UNAVAILABLE when the server shuts down (reconnect) and RESOURCE_EXHAUSTED when the client reads too slowly.
   */
  watch(argument: _notes_v1_WatchNotesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_notes_v1_Note__Output>;
  watch(argument: _notes_v1_WatchNotesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_notes_v1_Note__Output>;
  
}

export interface NotesServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Errors: INVALID_ARGUMENT for a blank or too long title or body; UNAUTHENTICATED without credentials when the service requires them.
   */
  Create: grpc.handleUnaryCall<_notes_v1_CreateNoteRequest__Output, _notes_v1_Note>;
  
  /**
   * Errors: NOT_FOUND, UNAUTHENTICATED.
   */
  Delete: grpc.handleUnaryCall<_notes_v1_DeleteNoteRequest__Output, _notes_v1_DeleteNoteResponse>;
  
  /**
   * Errors: NOT_FOUND when no note has this id.
   */
  Get: grpc.handleUnaryCall<_notes_v1_GetNoteRequest__Output, _notes_v1_Note>;
  
  /**
   * Oldest first. Errors: INVALID_ARGUMENT for a bad page_size or page_token.
   */
  List: grpc.handleUnaryCall<_notes_v1_ListNotesRequest__Output, _notes_v1_ListNotesResponse>;
  
  /**
   * Changes the fields that are set. Errors: as Create, and NOT_FOUND.
   */
  Update: grpc.handleUnaryCall<_notes_v1_UpdateNoteRequest__Output, _notes_v1_Note>;
  
  /**
   * Every note created from now on, by any client of any API style, on any instance. Ends with
   * UNAVAILABLE when the server shuts down (reconnect) and RESOURCE_EXHAUSTED when the client reads too slowly.
   */
  Watch: grpc.handleServerStreamingCall<_notes_v1_WatchNotesRequest__Output, _notes_v1_Note>;
  
}

export interface NotesServiceDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_notes_v1_CreateNoteRequest, _notes_v1_Note, _notes_v1_CreateNoteRequest__Output, _notes_v1_Note__Output>
  Delete: MethodDefinition<_notes_v1_DeleteNoteRequest, _notes_v1_DeleteNoteResponse, _notes_v1_DeleteNoteRequest__Output, _notes_v1_DeleteNoteResponse__Output>
  Get: MethodDefinition<_notes_v1_GetNoteRequest, _notes_v1_Note, _notes_v1_GetNoteRequest__Output, _notes_v1_Note__Output>
  List: MethodDefinition<_notes_v1_ListNotesRequest, _notes_v1_ListNotesResponse, _notes_v1_ListNotesRequest__Output, _notes_v1_ListNotesResponse__Output>
  Update: MethodDefinition<_notes_v1_UpdateNoteRequest, _notes_v1_Note, _notes_v1_UpdateNoteRequest__Output, _notes_v1_Note__Output>
  Watch: MethodDefinition<_notes_v1_WatchNotesRequest, _notes_v1_Note, _notes_v1_WatchNotesRequest__Output, _notes_v1_Note__Output>
}

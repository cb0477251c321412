// The GraphQL schema (SDL). Resolvers are in resolvers.ts; both read the notes service only.
export const schema = /* GraphQL */ `
  "A note. Timestamps are ISO 8601 strings, as in the REST API."
  type Note {
    id: ID!
    title: String!
    body: String!
    createdAt: String!
    updatedAt: String!
  }

  type NoteEdge {
    "Pass as \`after\` to continue after this note."
    cursor: String!
    node: Note!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type NoteConnection {
    edges: [NoteEdge!]!
    pageInfo: PageInfo!
  }

  input NoteInput {
    title: String!
    body: String!
  }

  input NotePatch {
    title: String
    body: String
  }

  type Query {
    "null when there is no such note."
    note(id: ID!): Note
    "Oldest first. \`first\`: 1 to 100."
    notes(first: Int = 20, after: String): NoteConnection!
  }

  type Mutation {
    createNote(input: NoteInput!): Note!
    updateNote(id: ID!, input: NotePatch!): Note!
    "Returns the id of the deleted note."
    deleteNote(id: ID!): ID!
  }

  type Subscription {
    "Every note created from now on, on any instance and through any API style."
    noteCreated: Note!
  }
`;

// Headers that authenticate a test request. auth/none: nothing to send. Auth modules replace this file.
export async function authHeaders(): Promise<Record<string, string>> {
  return {};
}

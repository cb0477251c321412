// What tests need from the auth module. auth/none: no settings, no credentials. Auth modules replace this file.
export const authTestEnv: Record<string, string> = {};

export async function authHeaders(): Promise<Record<string, string>> {
  return {};
}

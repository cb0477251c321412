// Manifests are typed data; this identity function gives them their type where they are written.
import type { ModuleManifest } from '../src/catalog/types.js';

export const defineModule = (manifest: ModuleManifest): ModuleManifest => manifest;

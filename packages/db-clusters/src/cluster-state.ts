import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE } from './cache-dir';
import { type PostgresNode, stopNode } from './postgres-node';

/** A set of private servers one `up` started: their temp folder and nodes, so `down` stops exactly those. */
export interface ClusterState {
  folder: string;
  nodes: PostgresNode[];
}

const file = (name: string) => join(CACHE, 'clusters', `${name}.json`);

export function readCluster(name: string): ClusterState | null {
  return existsSync(file(name)) ? (JSON.parse(readFileSync(file(name), 'utf8')) as ClusterState) : null;
}

/** Recorded before anything starts, so a failure halfway still leaves `down` what to stop. */
export function writeCluster(name: string, state: ClusterState): void {
  mkdirSync(join(CACHE, 'clusters'), { recursive: true });
  writeFileSync(file(name), JSON.stringify(state, null, 2));
}

/** Stops every node (last started first), removes the folder and the record. */
export function removeCluster(name: string, log: (line: string) => void): boolean {
  const state = readCluster(name);
  if (!state) return false;
  for (const node of [...state.nodes].reverse()) {
    log(`Stopping ${node.name} (port ${node.port})…`);
    if (existsSync(node.dataDir)) stopNode(node);
  }
  rmSync(state.folder, { recursive: true, force: true });
  rmSync(file(name));
  return true;
}

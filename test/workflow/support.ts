/**
 * Throw-away git repositories for the pull-request workflow tests: a project under `.tmp-test/` (so detection
 * files resolve 'sentinel-forge' through the package's self-reference) with its own repository, a local identity
 * and no signing, and a way to write files and commit them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject } from '../helpers.ts';

export interface GitProject {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  remove(...files: string[]): void;
  read(file: string): string;
  commit(message: string): void;
  cleanup(): void;
}

export function makeGitProject(files: Record<string, string>): GitProject {
  const project = makeProject(files);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: project.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'tests@sentinel-forge.invalid');
  git('config', 'user.name', 'sentinel-forge tests');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(path.join(project.dir, '.gitignore'), '.sentinel-forge-cache/\n');
  return {
    dir: project.dir,
    git,
    write: (more) => {
      for (const [rel, content] of Object.entries(more)) {
        mkdirSync(path.dirname(path.join(project.dir, rel)), { recursive: true });
        writeFileSync(path.join(project.dir, rel), content);
      }
    },
    remove: (...rels) => { for (const rel of rels) rmSync(path.join(project.dir, rel)); },
    read: (rel) => readFileSync(path.join(project.dir, rel), 'utf8'),
    commit: (message) => {
      git('add', '--all');
      git('commit', '--quiet', '--no-verify', '-m', message);
    },
    cleanup: project.cleanup,
  };
}

/** A raw-KQL query for `detectionSource`, matching one operation. */
export function auditQuery(operation: string): string {
  return `kql\`AuditLogs\n| where OperationName =~ "${operation}"\n| extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)\n| project TimeGenerated, Actor, ActorIpAddress, OperationName\``;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

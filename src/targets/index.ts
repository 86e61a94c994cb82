/** The target registry: every artefact a detection compiles to, in the order they are emitted. */
import { kqlFile } from './kql-file.ts';
import { monitorArm } from './monitor-arm.ts';
import { sentinelArm } from './sentinel-arm.ts';
import { sentinelYaml } from './sentinel-yaml.ts';
import type { Target } from './target.ts';

export const TARGETS: readonly Target[] = [kqlFile, sentinelArm, sentinelYaml, monitorArm];
export type { Artefact, Target, TargetInput } from './target.ts';

/**
 * PIM policy rules → the activation settings a baseline speaks of. Graph (`@odata.type`) and ARM (`ruleType`) name
 * the same rules by the same ids; only the end-user activation rules (`*_EndUser_Assignment`) matter here.
 */
import { isoDurationMinutes } from './iso-duration.ts';

/** A setting as the export shows it, or the rule that would say and is missing from the export. */
export type Observed<T> = { value: T } | { missingRule: string };

/** What a role's policy requires when someone activates the role. */
export interface ExportedSettings {
  requireJustification: Observed<boolean>;
  /** True also when a Conditional Access authentication context guards activation (it can demand MFA). */
  requireMfa: Observed<boolean>;
  requireApproval: Observed<boolean>;
  /** 0 when approval is not required. */
  approvalStages: Observed<number>;
  /** `null`: activations have no time limit. */
  maxActivationMinutes: Observed<number | null>;
}

/** The export does not have the shape the documented API returns; the message names where. */
export class ExportShapeError extends Error {}

const ENABLEMENT = 'Enablement_EndUser_Assignment';
const EXPIRATION = 'Expiration_EndUser_Assignment';
const APPROVAL = 'Approval_EndUser_Assignment';
const AUTH_CONTEXT = 'AuthenticationContext_EndUser_Assignment';

/** Stage counts per approval mode; Parallel stages run side by side, so they are one level of approval. */
const STAGES_BY_MODE: Record<string, (stages: unknown[]) => number> = {
  SingleStage: () => 1,
  Serial: (stages) => stages.length,
  Parallel: () => 1,
  NoApproval: () => 0,
};

/** Read the activation settings from a policy's rules; `where` is the JSON path of `rules`, for messages. */
export function settingsFromRules(rules: unknown, where: string): ExportedSettings {
  if (!Array.isArray(rules)) throw new ExportShapeError(`${where} is not an array of rules.`);
  const enablement = findRule(rules, where, ENABLEMENT, 'EnablementRule');
  const expiration = findRule(rules, where, EXPIRATION, 'ExpirationRule');
  const approval = findRule(rules, where, APPROVAL, 'ApprovalRule');
  const context = findRule(rules, where, AUTH_CONTEXT, 'AuthenticationContextRule');

  const enabled = enablement && stringList(enablement.rule.enabledRules, `${enablement.path}.enabledRules`);
  const contextOn = context !== undefined && context.rule.isEnabled === true && typeof context.rule.claimValue === 'string' && context.rule.claimValue.trim() !== '';
  const approvalSetting = approval && readApproval(approval.rule, approval.path);
  return {
    requireJustification: enabled ? { value: enabled.includes('Justification') } : { missingRule: ENABLEMENT },
    requireMfa: contextOn ? { value: true } : enabled ? { value: enabled.includes('MultiFactorAuthentication') } : { missingRule: ENABLEMENT },
    requireApproval: approvalSetting ? { value: approvalSetting.required } : { missingRule: APPROVAL },
    approvalStages: approvalSetting ? { value: approvalSetting.stages } : { missingRule: APPROVAL },
    maxActivationMinutes: expiration ? { value: readExpiration(expiration.rule, expiration.path) } : { missingRule: EXPIRATION },
  };
}

type Json = Record<string, unknown>;

function findRule(rules: unknown[], where: string, id: string, kind: string): { rule: Json; path: string } | undefined {
  const index = rules.findIndex((r) => isObject(r) && r.id === id);
  if (index < 0) return undefined;
  const rule = rules[index] as Json;
  const path = `${where}[${index}] (${id})`;
  const type = rule['@odata.type'] ?? rule.ruleType;
  if (typeof type === 'string' && !type.endsWith(`RoleManagementPolicy${kind}`)) {
    throw new ExportShapeError(`${path} has type ${type}, expected RoleManagementPolicy${kind}.`);
  }
  return { rule, path };
}

function readExpiration(rule: Json, path: string): number | null {
  if (typeof rule.isExpirationRequired !== 'boolean') throw new ExportShapeError(`${path}: isExpirationRequired is not true or false.`);
  if (!rule.isExpirationRequired) return null;
  const minutes = isoDurationMinutes(rule.maximumDuration);
  if (minutes === undefined) {
    throw new ExportShapeError(`${path}: maximumDuration ${JSON.stringify(rule.maximumDuration)} is not an ISO 8601 duration like PT8H.`);
  }
  return minutes;
}

function readApproval(rule: Json, path: string): { required: boolean; stages: number } {
  const setting = rule.setting;
  if (!isObject(setting)) throw new ExportShapeError(`${path}: setting is missing or not an object.`);
  if (typeof setting.isApprovalRequired !== 'boolean') throw new ExportShapeError(`${path}: setting.isApprovalRequired is not true or false.`);
  if (!setting.isApprovalRequired) return { required: false, stages: 0 };
  const mode = setting.approvalMode;
  const count = typeof mode === 'string' ? STAGES_BY_MODE[mode] : undefined;
  if (!count) {
    throw new ExportShapeError(`${path}: setting.approvalMode ${JSON.stringify(mode)} is not one of ${Object.keys(STAGES_BY_MODE).join(', ')}.`);
  }
  const stages = setting.approvalStages ?? [];
  if (!Array.isArray(stages)) throw new ExportShapeError(`${path}: setting.approvalStages is not an array.`);
  return { required: true, stages: count(stages) };
}

function stringList(value: unknown, path: string): string[] {
  // ARM writes null where Graph writes [] for "nothing enabled".
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ExportShapeError(`${path} is not an array of strings.`);
  return value;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

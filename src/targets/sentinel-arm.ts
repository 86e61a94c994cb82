/**
 * `sentinel/arm/<id>.json`: the analytic rule as an ARM template (deploymentTemplate 2019-04-01) in the
 * `Microsoft.OperationalInsights/workspaces/providers/alertRules` form that Sentinel Repositories deploys,
 * with a `workspace` parameter. https://learn.microsoft.com/azure/templates/microsoft.securityinsights/alertrules
 */
import { armEscapeDeep, armExpression } from '../render/escape.ts';
import { renderTemplate } from '../render/render.ts';
import { isOptOut } from '../model/check-monitor.ts';
import { parseBackJson } from './parse-back.ts';
import { passthroughDiagnostics, sentinelArmProperties, SENTINEL_API_VERSION } from './sentinel-rule.ts';
import { templateMetadata } from './template-metadata.ts';
import type { Target } from './target.ts';

export const WORKSPACE_DESCRIPTION = 'Name of the Log Analytics workspace that has Microsoft Sentinel enabled.';

export const sentinelArm: Target = {
  name: 'sentinel-arm',
  emit(input) {
    const d = input.loaded.detection;
    if (isOptOut(d.targets?.sentinel)) return { diagnostics: [] };
    const conflicts = passthroughDiagnostics(input, 'arm');
    if (conflicts.length > 0) return { diagnostics: conflicts };
    const context = {
      contentVersion: `${d.version}.0`,
      metadata: templateMetadata(input),
      apiVersion: SENTINEL_API_VERSION[d.kind],
      name: armExpression(`[concat(parameters('workspace'), '/Microsoft.SecurityInsights/', '${input.ruleGuid}')]`),
      kind: d.kind,
      properties: sentinelArmProperties(d, input.query),
    };
    const expected = armEscapeDeep({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: context.contentVersion,
      metadata: context.metadata,
      parameters: { workspace: { type: 'string', metadata: { description: WORKSPACE_DESCRIPTION } } },
      resources: [
        { type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules', apiVersion: context.apiVersion, name: context.name, kind: d.kind, properties: context.properties },
      ],
    });
    const { content, diagnostics } = parseBackJson(input, 'sentinel-arm', renderTemplate('targets/sentinel-arm.json.hbs', context), expected);
    return { artefact: content === undefined ? undefined : { path: `sentinel/arm/${d.id}.json`, content }, diagnostics };
  },
};

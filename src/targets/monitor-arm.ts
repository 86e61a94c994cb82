/**
 * `monitor/<id>.json`: the detection as an Azure Monitor log search alert rule
 * (`Microsoft.Insights/scheduledQueryRules`, API 2023-12-01, kind LogAlert) in an ARM template with
 * parameters for the workspace resource id and the action groups.
 * https://learn.microsoft.com/azure/azure-monitor/alerts/resource-manager-alerts-log
 * The alert fires when the number of result rows compares with the threshold as the Sentinel trigger does.
 */
import { armEscapeDeep, armExpression } from '../render/escape.ts';
import { renderTemplate } from '../render/render.ts';
import { monitorPlan } from '../model/check-monitor.ts';
import { isoDuration } from '../model/duration.ts';
import { parseBackJson } from './parse-back.ts';
import { templateMetadata } from './template-metadata.ts';
import type { Target } from './target.ts';

export const MONITOR_API_VERSION = '2023-12-01';

export const monitorArm: Target = {
  name: 'monitor-arm',
  emit(input) {
    const d = input.loaded.detection;
    const plan = monitorPlan(d);
    if (!plan) return { diagnostics: [] };
    const properties = {
      displayName: d.title,
      description: d.description,
      severity: plan.severity,
      enabled: d.enabled ?? true,
      scopes: [armExpression("[parameters('workspaceResourceId')]")],
      evaluationFrequency: isoDuration(plan.frequencyMinutes),
      windowSize: isoDuration(plan.windowMinutes),
      criteria: {
        allOf: [
          {
            query: input.query,
            timeAggregation: 'Count',
            ...(plan.dimensions.length ? { dimensions: plan.dimensions.map((name) => ({ name, operator: 'Include', values: ['*'] })) } : {}),
            operator: plan.operator,
            threshold: plan.threshold,
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
          },
        ],
      },
      autoMitigate: plan.autoMitigate,
      actions: {
        actionGroups: armExpression("[parameters('actionGroupResourceIds')]"),
        customProperties: { detectionId: d.id, detectionVersion: d.version, sentinelRuleId: input.ruleGuid },
      },
    };
    const context = { contentVersion: `${d.version}.0`, metadata: templateMetadata(input), apiVersion: MONITOR_API_VERSION, name: d.id, properties };
    const expected = armEscapeDeep({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: context.contentVersion,
      metadata: context.metadata,
      parameters: {
        workspaceResourceId: { type: 'string', metadata: { description: 'Resource id of the Log Analytics workspace the alert queries.' } },
        actionGroupResourceIds: { type: 'array', defaultValue: [], metadata: { description: 'Resource ids of the action groups to notify when the alert fires.' } },
        location: { type: 'string', defaultValue: armExpression('[resourceGroup().location]'), metadata: { description: "Region of the alert rule; by default the resource group's." } },
      },
      resources: [
        { type: 'Microsoft.Insights/scheduledQueryRules', apiVersion: MONITOR_API_VERSION, name: d.id, location: armExpression("[parameters('location')]"), kind: 'LogAlert', properties },
      ],
    });
    const { content, diagnostics } = parseBackJson(input, 'monitor-arm', renderTemplate('targets/monitor-arm.json.hbs', context), expected);
    return { artefact: content === undefined ? undefined : { path: `monitor/${d.id}.json`, content }, diagnostics };
  },
};

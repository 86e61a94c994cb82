/**
 * The three "Disable Alert" rows for Azure resource roles differ only in the alert; this builds each one.
 * The alert is matched by its display name or its alert id in the event's targets or details: the audit reference
 * does not say which field carries it, so both are matched (confirm against your tenant's events).
 */
import { defineDetection, template } from 'sentinel-forge';
import { CATEGORY, PIM_ALERT_DISABLED } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent } from '../shared/audit-events.ts';
import { ACTOR_ACCOUNT, ACTOR_IP, AZURE_RESOURCE } from '../shared/entities.ts';

export interface ResourceAlert {
  id: string;
  /** The alert's name in the PIM portal. */
  displayName: string;
  /** The alert's id in the `Microsoft.Authorization/alertConfigurations` API. */
  alertId: string;
  /** The article's filter and notes for this row, verbatim. */
  filter: string;
  notes: string;
}

export function resourceAlertDisabledDetection(alert: ResourceAlert) {
  const T0 = '2026-11-08T19:40:00Z';
  const event = (target: { displayName: string; id: string }, operation = PIM_ALERT_DISABLED, category: string = CATEGORY.azureResources) =>
    auditEvent({
      time: T0, operation, category, service: 'PIM', operationType: 'Update',
      actor: { user: 'cloud.owner@contoso.com', ip: '198.51.100.23' },
      targets: [{ type: 'Other', displayName: target.displayName, id: target.id }, { type: 'Other', displayName: 'Production', id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590' }],
    });
  return defineDetection({
    id: alert.id,
    title: `PIM alert "${alert.displayName}" disabled for Azure resources`,
    description: `Identifies the Privileged Identity Management alert "${alert.displayName}" being disabled for Azure resources, which can hide malicious activity from the Alerts pane.`,
    severity: 'Medium',
    kind: 'Scheduled',
    version: '1.0.0',
    source: {
      source: SECTIONS.azureResourceRoles,
      whatToMonitor: 'Audit Alert Resource Audit for Disable Alert',
      riskLevel: 'Medium',
      where: 'In PIM, under Azure Resources, Resource Audit',
      filter: alert.filter,
      notes: alert.notes,
    },
    query: template('audit-activity', {
      categories: [CATEGORY.azureResources],
      operations: [PIM_ALERT_DISABLED],
      services: ['PIM'],
      result: 'success',
      mentions: [alert.displayName, alert.alertId],
      resourceId: true,
    }),
    schedule: { frequency: '1h', period: '1h' },
    trigger: { operator: 'gt', threshold: 0 },
    tactics: ['DefenseEvasion'],
    techniques: ['T1562.001'],
    entityMappings: [ACTOR_ACCOUNT, ACTOR_IP, AZURE_RESOURCE],
    customDetails: { Resource: 'AzureResourceId', Result: 'Result' },
    alertDetails: { displayNameFormat: `{{Actor}} disabled the PIM alert "${alert.displayName}" on {{AzureResourceId}}` },
    eventGrouping: 'AlertPerResult',
    requiredDataConnectors: [ENTRA_AUDIT_LOGS],
    samples: [
      { name: 'the alert is disabled (named by display name)', expect: 'alert', tables: { AuditLogs: [event({ displayName: alert.displayName, id: alert.alertId })] }, rows: 1, entities: { Account: ['cloud.owner@contoso.com'] } },
      { name: 'the alert is disabled (named by alert id only)', expect: 'alert', tables: { AuditLogs: [event({ displayName: 'Alert', id: alert.alertId })] }, rows: 1 },
      { name: 'near miss: another PIM alert is disabled', expect: 'no-alert', tables: { AuditLogs: [event({ displayName: 'Roles are being assigned outside of Privileged Identity Management', id: 'AzureRolesAssignedOutsidePim' })] } },
      { name: 'near miss: the alert is enabled again', expect: 'no-alert', tables: { AuditLogs: [event({ displayName: alert.displayName, id: alert.alertId }, 'Enable PIM alert')] } },
    ],
  });
}

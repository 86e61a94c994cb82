/**
 * Entity mappings the PIM detections share: the actor (UPN or app) and their IP, the member acted on, and the
 * Azure resource. Column names are those of the audit-activity query template.
 */
import type { EntityMapping } from 'sentinel-forge';

export const ACTOR_ACCOUNT: EntityMapping<'Actor'> = { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] };
export const ACTOR_IP: EntityMapping<'ActorIpAddress'> = { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] };
export const TARGET_ACCOUNT: EntityMapping<'TargetName'> = { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'TargetName' }] };
export const AZURE_RESOURCE: EntityMapping<'AzureResourceId'> = { entityType: 'AzureResource', fieldMappings: [{ identifier: 'ResourceId', columnName: 'AzureResourceId' }] };

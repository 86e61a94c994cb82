/**
 * The closed vocabularies a detection may use: severities, ATT&CK tactics and techniques, entity types and
 * their identifiers. Everything here is data from Microsoft's Sentinel API (AlertTypes.json, 2025-12-01) and
 * the validator Azure-Sentinel's CI runs on its content, so a value accepted here is accepted by the service.
 */

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The 17 values of `AttackTactic` in the Sentinel API. */
export const TACTICS = [
  'Reconnaissance',
  'ResourceDevelopment',
  'InitialAccess',
  'Execution',
  'Persistence',
  'PrivilegeEscalation',
  'DefenseEvasion',
  'CredentialAccess',
  'Discovery',
  'LateralMovement',
  'Collection',
  'Exfiltration',
  'CommandAndControl',
  'Impact',
  'PreAttack',
  'ImpairProcessControl',
  'InhibitResponseFunction',
] as const;
export type Tactic = (typeof TACTICS)[number];

/**
 * ATT&CK technique → tactic, as the Sentinel content validator knows it (enterprise, mobile and ICS ids).
 * A technique is valid in a rule only when at least one of its tactics is listed in the rule's tactics.
 * Sub-techniques (T1078.004) are judged by their parent (T1078).
 */
const TECHNIQUES_BY_TACTIC: Partial<Record<Tactic, string>> = {
  InitialAccess:
    'T1189 T1190 T1133 T1200 T1566 T1091 T1195 T1199 T1078 T0817 T0819 T0866 T0822 T0883 T0886 T0847 T0848 T0865 T0862 T0864 T0860 T1456 T1461 T1458 T1474',
  Persistence:
    'T1098 T1197 T1547 T1037 T1176 T1554 T1136 T1543 T1546 T1133 T1574 T1525 T1556 T1137 T1542 T1053 T1505 T1205 T1078 T1398 T1577 T1645 T1624 T1541 T1625 T1603 T0891 T0889 T0839 T0873 T0857 T0859',
  PrivilegeEscalation:
    'T1548 T1134 T1547 T1037 T1543 T1484 T1611 T1546 T1068 T1574 T1055 T1053 T1078 T1626 T1404 T1631 T0890 T0874',
  DefenseEvasion:
    'T1548 T1134 T1197 T1612 T1622 T1140 T1610 T1006 T1484 T1480 T1211 T1222 T1564 T1574 T1562 T1070 T1202 T1036 T1556 T1578 T1112 T1601 T1599 T1027 T1647 T1542 T1055 T1620 T1207 T1014 T1553 T1218 T1216 T1221 T1205 T1127 T1535 T1550 T1078 T1497 T1600 T1220 T1407 T1627 T1541 T1628 T1617 T1629 T1630 T1516 T1575 T1406 T1631 T1604 T1632 T1633 T0858 T0820 T0872 T0849 T0851 T0856',
  CredentialAccess:
    'T1557 T1110 T1555 T1212 T1187 T1606 T1056 T1556 T1111 T1621 T1040 T1003 T1528 T1539 T1649 T1558 T1552 T1517 T1414 T1634 T1417 T1635',
  Discovery:
    'T1087 T1010 T1217 T1580 T1538 T1526 T1619 T1613 T1622 T1652 T1482 T1083 T1615 T1046 T1135 T1040 T1201 T1120 T1069 T1057 T1012 T1018 T1518 T1082 T1614 T1016 T1049 T1033 T1007 T1124 T1497 T1420 T1430 T1423 T1424 T1418 T1426 T1422 T1421 T0840 T0842 T0846 T0888 T0887',
  LateralMovement:
    'T1210 T1534 T1570 T1563 T1021 T1091 T1072 T1080 T1550 T1428 T1458 T0812 T0866 T0891 T0867 T0843 T0886 T0859',
  Execution:
    'T1651 T1059 T1609 T1610 T1203 T1559 T1106 T1053 T1648 T1129 T1072 T1569 T1204 T1047 T1623 T1575 T1603 T0858 T0807 T0871 T0823 T0874 T0821 T0834 T0853 T0863',
  Collection:
    'T1557 T1560 T1123 T1119 T1185 T1115 T1074 T1530 T1602 T1213 T1005 T1039 T1025 T1114 T1056 T1113 T1125 T1517 T1638 T1532 T1429 T1616 T1414 T1533 T1417 T1430 T1636 T1513 T1409 T1512 T0830 T0802 T0811 T0893 T0868 T0877 T0801 T0861 T0845 T0852 T0887',
  Exfiltration: 'T1020 T1030 T1048 T1041 T1011 T1052 T1567 T1029 T1537 T1639 T1646',
  CommandAndControl:
    'T1071 T1092 T1132 T1001 T1568 T1573 T1008 T1105 T1104 T1095 T1571 T1572 T1090 T1219 T1205 T1102 T1437 T1616 T1637 T1521 T1544 T1509 T1644 T1481 T0885 T0884 T0869',
  Impact:
    'T1531 T1485 T1486 T1565 T1491 T1561 T1499 T1495 T1490 T1498 T1496 T1489 T1529 T1640 T1616 T1471 T1641 T1642 T1643 T1516 T1464 T1582 T0879 T0813 T0815 T0826 T0827 T0828 T0837 T0880 T0829 T0831 T0832 T0882',
  ImpairProcessControl: 'T0806 T0836 T0839 T0856 T0855',
  InhibitResponseFunction: 'T0800 T0878 T0803 T0804 T0805 T0892 T0809 T0814 T0816 T0835 T0838 T0851 T0881 T0857',
  Reconnaissance: 'T1595 T1592 T1589 T1590 T1591 T1598 T1597 T1596 T1593 T1594',
  ResourceDevelopment: 'T1650 T1583 T1586 T1584 T1587 T1585 T1588 T1608',
};

/** Technique id (no sub-technique) → the tactics it belongs to. */
export const TACTICS_OF_TECHNIQUE: ReadonlyMap<string, readonly Tactic[]> = (() => {
  const map = new Map<string, Tactic[]>();
  for (const [tactic, ids] of Object.entries(TECHNIQUES_BY_TACTIC) as [Tactic, string][]) {
    for (const id of ids.split(' ')) map.set(id, [...(map.get(id) ?? []), tactic]);
  }
  return map;
})();

/**
 * Entity types and their identifiers (Sentinel `EntityMappingType` and the validator's identifier table).
 * `required` lists the identifier sets of which a mapping must contain at least one whole set.
 */
export const ENTITY_IDENTIFIERS = {
  Account: {
    identifiers: ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid', 'CloudAppAccountId'],
    required: [['FullName'], ['Sid'], ['Name'], ['AadUserId'], ['PUID'], ['ObjectGuid']],
  },
  AzureResource: { identifiers: ['ResourceId'], required: [['ResourceId']] },
  CloudApplication: { identifiers: ['AppId', 'Name', 'InstanceName'], required: [['AppId'], ['Name']] },
  DNS: { identifiers: ['DomainName'], required: [['DomainName']] },
  File: { identifiers: ['Directory', 'Name'], required: [['Name']] },
  FileHash: { identifiers: ['Algorithm', 'Value'], required: [['Algorithm', 'Value']] },
  Host: {
    identifiers: ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'],
    required: [['FullName'], ['HostName'], ['NetBiosName'], ['AzureID'], ['OMSAgentID']],
  },
  IP: { identifiers: ['Address'], required: [['Address']] },
  Mailbox: { identifiers: ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel'], required: [['MailboxPrimaryAddress']] },
  MailCluster: {
    identifiers: ['NetworkMessageIds', 'CountByDeliveryStatus', 'CountByThreatType', 'CountByProtectionStatus', 'Threats', 'Query', 'QueryTime', 'MailCount', 'IsVolumeAnomaly', 'Source', 'ClusterSourceIdentifier', 'ClusterSourceType', 'ClusterQueryStartTime', 'ClusterQueryEndTime', 'ClusterGroup'],
    required: [['Query'], ['Source']],
  },
  MailMessage: {
    identifiers: ['Recipient', 'Urls', 'Threats', 'Sender', 'P1Sender', 'P1SenderDisplayName', 'P1SenderDomain', 'SenderIP', 'P2Sender', 'P2SenderDisplayName', 'P2SenderDomain', 'ReceivedDate', 'NetworkMessageId', 'InternetMessageId', 'Subject', 'BodyFingerprintBin1', 'BodyFingerprintBin2', 'BodyFingerprintBin3', 'BodyFingerprintBin4', 'BodyFingerprintBin5', 'AntispamDirection', 'DeliveryAction', 'DeliveryLocation', 'Language', 'ThreatDetectionMethods'],
    required: [['NetworkMessageId'], ['Recipient']],
  },
  Malware: { identifiers: ['Name', 'Category'], required: [['Name']] },
  Process: { identifiers: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'], required: [['CommandLine'], ['ProcessId']] },
  RegistryKey: { identifiers: ['Hive', 'Key'], required: [['Key'], ['Hive']] },
  RegistryValue: { identifiers: ['Name', 'Value', 'ValueType'], required: [['Name']] },
  SecurityGroup: { identifiers: ['DistinguishedName', 'SID', 'ObjectGuid'], required: [['DistinguishedName'], ['SID'], ['ObjectGuid']] },
  SubmissionMail: {
    identifiers: ['NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType', 'SubmissionId', 'SubmissionDate', 'Submitter'],
    required: [['SubmissionId'], ['NetworkMessageId'], ['Recipient'], ['Submitter']],
  },
  URL: { identifiers: ['Url'], required: [['Url']] },
} as const;
export type EntityType = keyof typeof ENTITY_IDENTIFIERS;
export type EntityIdentifier<E extends EntityType> = (typeof ENTITY_IDENTIFIERS)[E]['identifiers'][number];

/** `alertDetailsOverride.alertDynamicProperties[].alertProperty` in the stable API. */
export const ALERT_PROPERTIES = ['AlertLink', 'ConfidenceLevel', 'ConfidenceScore', 'ExtendedLinks', 'ProductName', 'ProviderName', 'ProductComponentName', 'RemediationSteps', 'Techniques'] as const;
export type AlertProperty = (typeof ALERT_PROPERTIES)[number];

export const TRIGGER_OPERATORS = ['gt', 'lt', 'eq', 'ne'] as const;
export type TriggerOperator = (typeof TRIGGER_OPERATORS)[number];

/** Azure Monitor log alert severities: 0 = Critical … 4 = Verbose. */
export type MonitorSeverity = 0 | 1 | 2 | 3 | 4;

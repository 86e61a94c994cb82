/**
 * `sentinel/yaml/<id>.yaml`: the analytic rule in the Azure-Sentinel repository format
 * (sentinel-analytic-rules-creation.md): `1h` durations, `gt/lt/eq/ne`, `relevantTechniques`, the query as a
 * literal block, `version` last.
 */
import { renderTemplate } from '../render/render.ts';
import { isOptOut } from '../model/check-monitor.ts';
import { parseBackYaml } from './parse-back.ts';
import { sentinelYamlDocument } from './sentinel-rule.ts';
import type { Target } from './target.ts';

export const sentinelYaml: Target = {
  name: 'sentinel-yaml',
  emit(input) {
    const d = input.loaded.detection;
    if (isOptOut(d.targets?.sentinel)) return { diagnostics: [] };
    const document = sentinelYamlDocument(d, input.query, input.ruleGuid);
    const { content, diagnostics } = parseBackYaml(input, 'sentinel-yaml', renderTemplate('targets/sentinel-yaml.yaml.hbs', document), document);
    return { artefact: content === undefined ? undefined : { path: `sentinel/yaml/${d.id}.yaml`, content }, diagnostics };
  },
};

/**
 * `sentinel/yaml/<id>.yaml`: the analytic rule in the Azure-Sentinel repository format
 * (sentinel-analytic-rules-creation.md): `1h` durations, `gt/lt/eq/ne`, `relevantTechniques`, the query as a
 * literal block, `version` last; an imported rule's YAML passthrough (`tags`, `status`, `metadata`, …) before `kind`.
 */
import { renderTemplate } from '../render/render.ts';
import { isOptOut } from '../model/check-monitor.ts';
import { parseBackYaml } from './parse-back.ts';
import { passthroughDiagnostics, passthroughExtras, sentinelYamlDocument } from './sentinel-rule.ts';
import type { Target } from './target.ts';

export const sentinelYaml: Target = {
  name: 'sentinel-yaml',
  emit(input) {
    const d = input.loaded.detection;
    if (isOptOut(d.targets?.sentinel)) return { diagnostics: [] };
    const conflicts = passthroughDiagnostics(input, 'yaml');
    if (conflicts.length > 0) return { diagnostics: conflicts };
    const document = sentinelYamlDocument(d, input.query, input.ruleGuid);
    // The passthrough keys the model has no field for are written by the template's loop, after the model's own.
    const context = { ...document, passthroughEntries: passthroughExtras(d, 'yaml') };
    const { content, diagnostics } = parseBackYaml(input, 'sentinel-yaml', renderTemplate('targets/sentinel-yaml.yaml.hbs', context), document);
    return { artefact: content === undefined ? undefined : { path: `sentinel/yaml/${d.id}.yaml`, content }, diagnostics };
  },
};

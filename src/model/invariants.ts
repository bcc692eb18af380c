import { quoteMismatch } from './evidence';
import { argumentShapeIssues } from './arguments';
import { endpointsAllowed, endpointsMessage } from './relations/registry';
import type { Issue } from './issue';
import type { ClashMap } from './map';
import { checkRound } from './round';
import type { Source } from './source';

/** Every way the map breaks a rule that its schema alone cannot see. */
export function checkInvariants(map: ClashMap): Issue[] {
  return [...checkStructure(map), ...checkQuotes(map)];
}

/** Quotes that do not match their source span, or whose source has no text to check against. */
export function checkQuotes(map: ClashMap): Issue[] {
  const issues: Issue[] = [];
  const sources = new Map<string, Source>();
  for (const source of map.sources) if (!sources.has(source.id)) sources.set(source.id, source);
  map.nodes.forEach((node, i) => {
    node.evidence.forEach((evidence, j) => {
      const source = sources.get(evidence.sourceId);
      if (!source) return; // a missing source is a structural fault, reported by checkStructure
      const mismatch = quoteMismatch(evidence, source);
      if (mismatch) issues.push({ path: `nodes[${i}].evidence[${j}].quote`, message: mismatch });
    });
  });
  return issues;
}

/** Ids, edge ends, self-loops, duplicate edges and quoted sources: faults no repair can guess. */
export function checkStructure(map: ClashMap): Issue[] {
  const issues: Issue[] = [];
  // Sources, nodes and edges share one space of ids; quotes have their own, and so do steps.
  const idSpace = () => {
    const firstUse = new Map<string, string>();
    return (id: string, path: string) => {
      const earlier = firstUse.get(id);
      if (earlier !== undefined)
        issues.push({ path, message: `duplicate id "${id}" (also used by ${earlier})` });
      else firstUse.set(id, path.replace(/\.id$/, ''));
    };
  };
  const claimId = idSpace();
  const claimQuoteId = idSpace();
  const claimStepId = idSpace();

  const sources = new Map<string, Source>();
  map.sources.forEach((source, i) => {
    claimId(source.id, `sources[${i}].id`);
    if (!sources.has(source.id)) sources.set(source.id, source);
  });
  const nodeIds = new Set<string>();
  map.nodes.forEach((node, i) => {
    claimId(node.id, `nodes[${i}].id`);
    nodeIds.add(node.id);
    node.evidence.forEach((evidence, j) => {
      const path = `nodes[${i}].evidence[${j}]`;
      claimQuoteId(evidence.id, `${path}.id`);
      const source = sources.get(evidence.sourceId);
      if (!source) {
        issues.push({
          path: `${path}.sourceId`,
          message: `no source has the id "${evidence.sourceId}"`,
        });
      }
    });
  });

  map.presentation?.steps.forEach((step, i) => {
    claimStepId(step.id, `presentation.steps[${i}].id`);
    step.nodes.forEach((id, j) => {
      if (!nodeIds.has(id)) {
        issues.push({
          path: `presentation.steps[${i}].nodes[${j}]`,
          message: `no node has the id "${id}"`,
        });
      }
    });
  });

  const assumed = new Set<string>();
  map.assumptions?.forEach((assumption, i) => {
    const path = `assumptions[${i}].node`;
    if (!nodeIds.has(assumption.node)) {
      issues.push({ path, message: `no node has the id "${assumption.node}"` });
    } else if (assumed.has(assumption.node)) {
      issues.push({ path, message: `"${assumption.node}" already has an assumption` });
    }
    assumed.add(assumption.node);
  });

  const nodeKinds = new Map(map.nodes.map((node) => [node.id, node.kind]));
  const edgeKeys = new Map<string, number>();
  map.edges.forEach((edge, i) => {
    const path = `edges[${i}]`;
    claimId(edge.id, `${path}.id`);
    if (!nodeIds.has(edge.from))
      issues.push({ path: `${path}.from`, message: `no node has the id "${edge.from}"` });
    if (!nodeIds.has(edge.to))
      issues.push({ path: `${path}.to`, message: `no node has the id "${edge.to}"` });
    if (edge.from === edge.to) {
      issues.push({ path, message: `connects node "${edge.from}" to itself` });
    }
    const fromKind = nodeKinds.get(edge.from);
    const toKind = nodeKinds.get(edge.to);
    if (fromKind && toKind && !endpointsAllowed(edge.kind, fromKind, toKind)) {
      issues.push({ path, message: endpointsMessage(edge.kind, fromKind, toKind) });
    }
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    const twin = edgeKeys.get(key);
    if (twin !== undefined) {
      issues.push({ path, message: `repeats edges[${twin}] (same from, to and kind)` });
    } else edgeKeys.set(key, i);
  });
  // Only once every edge joins existing nodes of the right kinds is an argument's shape in question.
  if (issues.length === 0) issues.push(...argumentShapeIssues(map));
  issues.push(...checkRound(map));
  return issues;
}

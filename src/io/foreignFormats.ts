/** Names the application that made a JSON document, when it is recognisably not ours. */
export function recognizeForeignFormat(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  if (doc.type === 'excalidraw') return 'Excalidraw';
  if ('tldrawFileFormatVersion' in doc) return 'tldraw';
  if (Array.isArray(doc.nodes) && Array.isArray(doc.edges)) {
    const first = doc.nodes[0] as Record<string, unknown> | undefined;
    const firstEdge = doc.edges[0] as Record<string, unknown> | undefined;
    if (first && 'nodeID' in first) return 'AIF (Argument Interchange Format)';
    if (firstEdge && 'fromID' in firstEdge) return 'AIF (Argument Interchange Format)';
    if ('viewport' in doc) return 'React Flow';
  }
  if ('cells' in doc && 'nbformat' in doc) return 'Jupyter notebook';
  if (typeof doc.$schema === 'string' && doc.$schema.includes('vega')) return 'Vega';
  if ('name' in doc && 'version' in doc && ('dependencies' in doc || 'scripts' in doc))
    return 'npm package.json';
  return undefined;
}

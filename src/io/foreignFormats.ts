type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The first entry of a list, when the list exists and its first entry is an object. */
const firstOf = (value: unknown): Fields | undefined =>
  Array.isArray(value) && isObject(value[0]) ? value[0] : undefined;

const GEOJSON_TYPES = new Set([
  'FeatureCollection',
  'Feature',
  'GeometryCollection',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]);

/**
 * Names the application that made a JSON document, when it is recognisably not ours. Reads a few
 * top-level fields only (the document may still hold anything), and only own properties.
 */
export function recognizeForeignFormat(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const doc = value;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(doc, key);
  const field = (key: string): unknown => (has(key) ? doc[key] : undefined);
  const type = field('type');

  if (type === 'excalidraw' || type === 'excalidraw/clipboard' || type === 'excalidrawlib')
    return 'Excalidraw';
  if (has('tldrawFileFormatVersion')) return 'tldraw';
  const tldrawV1 = field('document');
  if (isObject(tldrawV1) && 'pages' in tldrawV1 && 'pageStates' in tldrawV1) return 'tldraw';
  // Flower's save: {"nodes": {"root": {"value": {"tag": "root"}, …}, …}, "version": 1}.
  const flowerNodes = field('nodes');
  if (isObject(flowerNodes) && Object.prototype.hasOwnProperty.call(flowerNodes, 'root')) {
    const root = flowerNodes.root;
    if (isObject(root) && isObject(root.value) && root.value.tag === 'root') return 'Flower';
  }
  // OVA and AIFdb wrap or accompany AIF with their own keys.
  if (isObject(field('AIF'))) return 'AIF (Argument Interchange Format)';
  const nodes = field('nodes');
  const edges = field('edges');
  if (Array.isArray(nodes) && Array.isArray(edges)) {
    const first = firstOf(nodes);
    const firstEdge = firstOf(edges);
    if ((first && 'nodeID' in first) || (firstEdge && 'fromID' in firstEdge))
      return 'AIF (Argument Interchange Format)';
    if (Array.isArray(field('locutions'))) return 'AIF (Argument Interchange Format)';
    // JSON Canvas: edges name their ends fromNode/toNode, nodes have a type and a box.
    if (firstEdge && 'fromNode' in firstEdge) return 'Obsidian Canvas';
    if (first && 'type' in first && 'width' in first && 'x' in first && !('data' in first))
      return 'Obsidian Canvas';
    if (has('viewport')) return 'React Flow';
    if ((first && 'data' in first && 'position' in first) || (firstEdge && 'source' in firstEdge))
      return 'React Flow';
  }
  // Argdown's JSON export: statements and arguments keyed by title, plus their relations.
  if (isObject(field('statements')) && isObject(field('arguments'))) return 'Argdown JSON export';
  const elements = field('elements');
  if (Array.isArray(elements) && Array.isArray(field('connections'))) return 'Kumu';
  const firstElement = firstOf(elements);
  if (
    (isObject(elements) && (Array.isArray(elements.nodes) || Array.isArray(elements.edges))) ||
    (firstElement && 'data' in firstElement)
  )
    return 'Cytoscape';
  if (typeof type === 'string' && GEOJSON_TYPES.has(type)) return 'GeoJSON';
  if (has('cells') && has('nbformat')) return 'Jupyter notebook';
  const schema = field('$schema');
  if (typeof schema === 'string' && schema.includes('vega')) return 'Vega';
  if (
    has('name') &&
    has('version') &&
    (has('dependencies') || has('devDependencies') || has('scripts') || has('main'))
  )
    return 'npm package.json';
  return undefined;
}

/** An application's file that is not JSON at all, and what it is instead. */
export interface ForeignText {
  app: string;
  content: 'XML' | 'plain text';
}

/**
 * Names the application that made a file which is not JSON at all, when its first characters
 * give it away: draw.io and GraphML (XML), Argdown and Kialo's export (plain text).
 */
export function recognizeForeignText(text: string): ForeignText | undefined {
  const head = text.slice(0, 4096).trimStart();
  // Argdown: front matter, or a line that opens with a [statement]: or an <argument>:.
  if (/^===\s*\n/.test(head) || /^(?:\[[^\]\n"]+\]|<[^>\n"=]+>):\s/m.test(head))
    return { app: 'Argdown', content: 'plain text' };
  if (head.startsWith('<')) {
    // draw.io diagrams, including the .drawio.svg kind that carries the diagram in an attribute.
    if (/<mxfile[\s>]|<mxGraphModel[\s>]|&lt;mxfile[\s&]/.test(head))
      return { app: 'draw.io', content: 'XML' };
    if (/<graphml[\s>]/.test(head)) return { app: 'GraphML', content: 'XML' };
    return undefined;
  }
  if (/^Discussion (?:Title|Name)\s*:/i.test(head)) return { app: 'Kialo', content: 'plain text' };
  return undefined;
}

/**
 * What kind of markup a file that is not JSON holds, described for a message ("an XML file"),
 * or undefined when it does not start like markup.
 */
export function describeMarkup(text: string): string | undefined {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (!head.startsWith('<')) return undefined;
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(head)) return 'an SVG image';
  if (/^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/.test(head)) return 'a web page (HTML)';
  return 'an XML file';
}

// Parse Mermaid diagrams with the real Mermaid (under jsdom: Mermaid needs a DOM even to
// parse) and print, for each, whether it parsed and Mermaid's own layout of a quadrant
// chart: plot area, quadrant names and every point with its label, in pixels.
// Input: a JSON array of diagram sources on stdin. Output: a JSON array on stdout.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = [];
for (const source of sources) {
  try {
    const parsed = await mermaid.parse(source);
    const result = { ok: true, type: parsed.diagramType };
    if (parsed.diagramType === 'quadrantChart') {
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
      const data = diagram.db.getQuadrantData();
      result.quadrants = data.quadrants.map((q) => ({
        x: q.x, y: q.y, width: q.width, height: q.height,
        text: q.text.text, textX: q.text.x, textY: q.text.y, fontSize: q.text.fontSize,
      }));
      result.points = data.points.map((p) => ({
        x: p.x, y: p.y, radius: p.radius,
        label: p.text.text, labelX: p.text.x, labelY: p.text.y, fontSize: p.text.fontSize,
      }));
    }
    results.push(result);
  } catch (error) {
    results.push({ ok: false, error: String(error && error.message || error).split('\n')[0] });
  }
}
process.stdout.write(JSON.stringify(results));

/**
 * The one HTML escaper of the renderers. Every piece of text that comes from a Disclosure (names,
 * labels, notes, explanations) goes through it: imported documents are untrusted, and a department
 * or project named `<script>…` must print as text.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 * @example escapeHtml('<script>alert("x")</script>') // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return "";
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

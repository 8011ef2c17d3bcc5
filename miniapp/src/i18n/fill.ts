/** `'距离 {distance}'` + `{distance: '1.2公里'}` → `'距离 1.2公里'`; unknown names stay visible. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

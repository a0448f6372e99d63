// The custom form renderer (af-form-fields.js) is built alongside; until it is there, pages fall back
// to a plain JSON text area. Loaded once, on first use.
let loading = null;

export function loadFormFields() {
  loading ??= import('./af-form-fields.js').then(() => true, () => false);
  return loading;
}

// Keys of a schema's fields a flow condition can look at: plain fields as `field.<key>`, summable
// table columns as `sum(<table>.<column>)`.
export function conditionSubjects(schema) {
  const out = [];
  for (const f of schema?.fields ?? []) {
    if (f.type === 'table') {
      for (const c of f.columns ?? []) {
        if (c.type === 'number' || c.type === 'money') out.push({ value: `sum(${f.key}.${c.key})`, label: `Σ ${f.label} · ${c.label}` });
      }
    } else if (!['attachment', 'image', 'textarea'].includes(f.type)) {
      out.push({ value: `field.${f.key}`, label: f.label || f.key, field: f });
    }
  }
  return out;
}

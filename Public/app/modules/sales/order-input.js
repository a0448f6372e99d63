// Turning the order form's state into an OrderInput, and the server's field paths back into
// form positions. Lines without a product are not sent, so server index ≠ form index.
export function newLine(key) {
  return { key, product: null, quantity: '1', discount: '' };
}

// A stored order's line as a form line. Its unit price is kept (and sent) until the product changes.
export function lineFromOrder(key, line, currency) {
  return {
    key,
    product: { id: line.productId, sku: line.sku, name: line.productName, label: line.productName, listPrice: line.unitPrice, currency },
    quantity: line.quantity,
    discount: Number(line.discountPercent) === 0 ? '' : line.discountPercent,
    unitPrice: line.unitPrice,
  };
}

export function buildInput(form) {
  const positions = [];
  const lines = [];
  form.lines.forEach((line, i) => {
    if (!line.product) return;
    positions.push(i);
    const sent = { productId: line.product.id, quantity: line.quantity.trim() };
    if (line.discount.trim() !== '') sent.discountPercent = line.discount.trim();
    if (line.unitPrice) sent.unitPrice = line.unitPrice;
    lines.push(sent);
  });
  const body = { lines };
  if (form.customer) body.customerId = form.customer.id;
  if (form.orderDate) body.orderDate = form.orderDate;
  if (form.requiredDate) body.requiredDate = form.requiredDate;
  if (form.salespersonId) body.salespersonId = form.salespersonId;
  body.freight = form.freight.trim() === '' ? '0' : form.freight.trim();
  body.notes = form.notes ?? '';
  return { body, positions };
}

// "lines[2].quantity" as the server saw it → "lines[<form index>].quantity".
export function toFormPath(path, positions) {
  return path.replace(/^lines\[(\d+)\]/, (m, n) => `lines[${positions[Number(n)] ?? n}]`);
}

export function mapFieldErrors(error, positions) {
  const map = new Map();
  for (const f of error?.fields ?? []) {
    const path = toFormPath(f.field, positions);
    if (!map.has(path)) map.set(path, []);
    map.get(path).push(f);
  }
  return map;
}

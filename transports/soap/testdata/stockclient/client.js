// Calls the intbench SOAP service with the stock node-soap client, driven
// only by the WSDL the server publishes. Usage: node client.js http://host:port/soap
// Prints one JSON line per call; exits non-zero when a call does not behave.
'use strict';

const soap = require('soap');

function text(v) {
  // node-soap gives element text as a string or, for namespaced elements
  // with attributes, as {$value: ...}.
  if (v !== null && typeof v === 'object' && '$value' in v) return String(v.$value);
  if (v instanceof Date) return v.toISOString();
  return v === undefined || v === null ? '' : String(v);
}

function asArray(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node client.js http://host:port/soap');
  const client = await soap.createClientAsync(url + '?wsdl');
  const ops = Object.keys(client.describe().OrdersService.OrdersSoapPort);
  console.log(JSON.stringify({ op: 'describe', operations: ops }));

  const [got] = await client.GetCustomerAsync({ id: 1 });
  const c = got.customer;
  console.log(JSON.stringify({ op: 'GetCustomer', id: text(c.id), name: text(c.name), tier: text(c.tier),
    createdAt: text(c.createdAt), tags: asArray(c.tags && c.tags.tag).map(text) }));

  const [placed] = await client.PlaceOrderAsync({
    customerId: 1,
    requestId: 'stock-client-1',
    note: 'from node-soap <&> ✓',
    items: { item: [{ sku: 'N-1', quantity: 2, unitPriceCents: 150 }, { sku: 'N-2', quantity: 1, unitPriceCents: 99 }] },
  });
  const o = placed.order;
  console.log(JSON.stringify({ op: 'PlaceOrder', id: text(o.id), status: text(o.status), totalCents: text(o.totalCents),
    note: text(o.note), items: asArray(o.items && o.items.item).length }));

  const [page] = await client.ListOrdersAsync({ customerId: 1, limit: 2 });
  console.log(JSON.stringify({ op: 'ListOrders', orders: asArray(page.orders && page.orders.order).map((x) => text(x.id)),
    nextCursor: text(page.nextCursor) }));

  try {
    await client.GetCustomerAsync({ id: 999999 });
    throw new Error('GetCustomer(999999) succeeded, want a fault');
  } catch (err) {
    const fault = err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
    if (!fault) throw err;
    console.log(JSON.stringify({ op: 'Fault', status: err.response && err.response.status, faultcode: text(fault.faultcode),
      faultstring: text(fault.faultstring), errorKind: text(fault.detail && fault.detail.ErrorKind) }));
  }
}

main().catch((err) => {
  console.error('stock client failed:', err && err.stack ? err.stack : err);
  process.exit(1);
});

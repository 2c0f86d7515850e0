/**
 * Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal.
 *
 * The "database" is an in-memory fake. Every method call stands for one round trip to the real
 * database and is counted in a closure the candidate's code cannot reach.
 */

const ORDERS = [
  { id: 101, customerId: 7, placedAt: '2024-05-01T09:00:00Z', status: 'delivered' },
  { id: 102, customerId: 7, placedAt: '2024-05-03T12:30:00Z', status: 'shipped' },
  { id: 103, customerId: 8, placedAt: '2024-05-03T13:00:00Z', status: 'paid' },
  { id: 104, customerId: 9, placedAt: '2024-05-04T08:15:00Z', status: 'pending' },
  { id: 105, customerId: 7, placedAt: '2024-05-06T17:45:00Z', status: 'paid' },
  { id: 106, customerId: 9, placedAt: '2024-05-07T10:00:00Z', status: 'paid' },
];

const ITEMS = [
  { id: 1, orderId: 101, sku: 'KB-101', quantity: 1 },
  { id: 2, orderId: 101, sku: 'CB-010', quantity: 2 },
  { id: 3, orderId: 102, sku: 'MS-220', quantity: 1 },
  { id: 4, orderId: 103, sku: 'MN-270', quantity: 2 },
  { id: 5, orderId: 105, sku: 'CB-010', quantity: 3 },
  { id: 6, orderId: 102, sku: 'HB-330', quantity: 1 },
  { id: 7, orderId: 105, sku: 'KB-101', quantity: 1 },
  { id: 8, orderId: 106, sku: 'SD-128', quantity: 4 },
];

/** A fake client over `orders` and `items` (items sorted by id); `counter.calls` counts round trips. */
function makeDb(orders, items) {
  const counter = { calls: 0 };
  const byOrder = new Map();
  for (const item of items) {
    if (!byOrder.has(item.orderId)) byOrder.set(item.orderId, []);
    byOrder.get(item.orderId).push(item);
  }
  const copy = (row) => ({ ...row });
  const db = {
    get queryCount() {
      return counter.calls;
    },
    // SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC, id DESC
    async findOrdersByCustomer(customerId) {
      counter.calls += 1;
      return orders
        .filter((order) => order.customerId === customerId)
        .sort((a, b) => (a.placedAt === b.placedAt ? b.id - a.id : a.placedAt < b.placedAt ? 1 : -1))
        .map(copy);
    },
    // SELECT * FROM order_items WHERE order_id = ANY($1) ORDER BY id
    async findItemsByOrderIds(orderIds) {
      counter.calls += 1;
      if (!Array.isArray(orderIds) || orderIds.length === 0) {
        throw new Error('syntax error at or near ")": "WHERE order_id IN ()" needs at least one id');
      }
      const wanted = new Set(orderIds);
      return items.filter((item) => wanted.has(item.orderId)).map(copy);
    },
    // SELECT * FROM order_items WHERE order_id = $1 ORDER BY id
    async findItemsByOrder(orderId) {
      counter.calls += 1;
      return (byOrder.get(orderId) ?? []).map(copy);
    },
  };
  return { db, counter };
}

const summary = (orders) => orders.map((o) => [o.id, o.status, o.items.map((i) => [i.sku, i.quantity])]);

function timestamp(minutes) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = 1 + Math.floor(minutes / 1440);
  return `2024-01-${pad(day)}T${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}:00Z`;
}

/** Customer 1 has `count` orders with `perOrder` items each; customer 2 has a few orders of its own. */
function bigDataset(count, perOrder) {
  const orders = [];
  for (let id = 1; id <= count; id++) orders.push({ id, customerId: 1, placedAt: timestamp(id), status: 'paid' });
  for (let id = count + 1; id <= count + 100; id++) {
    orders.push({ id, customerId: 2, placedAt: timestamp(id % 1000), status: 'paid' });
  }
  const items = [];
  for (let id = 1; id <= count * perOrder; id++) {
    items.push({ id, orderId: 1 + ((id * 7) % count), sku: `SKU-${id % 50}`, quantity: 1 + (id % 3) });
  }
  for (let id = count * perOrder + 1; id <= count * perOrder + 100; id++) {
    items.push({ id, orderId: count + 1 + (id % 100), sku: 'OTHER', quantity: 1 });
  }
  return { orders, items };
}

export default {
  'loads every order of the customer with its items': async ({ loadOrdersWithItems }) => {
    const { db } = makeDb(ORDERS, ITEMS);
    return summary(await loadOrdersWithItems(db, 7));
  },
  'uses two queries for three orders': async ({ loadOrdersWithItems }) => {
    const { db, counter } = makeDb(ORDERS, ITEMS);
    await loadOrdersWithItems(db, 7);
    return counter.calls;
  },
  'an order without items is kept with an empty list': async ({ loadOrdersWithItems }) => {
    const { db } = makeDb(ORDERS, ITEMS);
    return summary(await loadOrdersWithItems(db, 9));
  },
  'a customer without orders gets an empty list from one query': async ({ loadOrdersWithItems }) => {
    const { db, counter } = makeDb(ORDERS, ITEMS);
    const result = await loadOrdersWithItems(db, 42);
    return [result, counter.calls];
  },
  'orders and items keep all their fields': async ({ loadOrdersWithItems }) => {
    const { db } = makeDb(ORDERS, ITEMS);
    const result = await loadOrdersWithItems(db, 9);
    return result.map((o) => [
      o.id,
      o.customerId,
      o.placedAt,
      o.status,
      o.items.map((i) => [i.id, i.orderId, i.sku, i.quantity]),
    ]);
  },
  'the query count does not grow with 300 orders': async ({ loadOrdersWithItems }) => {
    const { orders, items } = bigDataset(300, 2);
    const { db, counter } = makeDb(orders, items);
    const result = await loadOrdersWithItems(db, 1);
    return [result.length, result.reduce((sum, o) => sum + o.items.length, 0), counter.calls];
  },
  'items land on the right order across 300 orders': async ({ loadOrdersWithItems }) => {
    const { orders, items } = bigDataset(300, 2);
    const { db } = makeDb(orders, items);
    const result = await loadOrdersWithItems(db, 1);
    const wrong = result.filter((o) => o.items.some((i) => i.orderId !== o.id)).length;
    return [wrong, result[0].id, result[0].items.map((i) => i.id), result[299].id, result[299].items.map((i) => i.id)];
  },
  '20000 orders with 60000 items': async ({ loadOrdersWithItems }) => {
    const { orders, items } = bigDataset(20000, 3);
    const { db, counter } = makeDb(orders, items);
    const result = await loadOrdersWithItems(db, 1);
    return [result.length, result.reduce((sum, o) => sum + o.items.length, 0), counter.calls, result[0].id];
  },
};

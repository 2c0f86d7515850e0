// Wrong: builds the result by grouping the items, so an order that has no items silently disappears.
export async function loadOrdersWithItems(db, customerId) {
  const orders = await db.findOrdersByCustomer(customerId);
  if (orders.length === 0) return [];
  const items = await db.findItemsByOrderIds(orders.map((order) => order.id));
  const grouped = new Map();
  for (const item of items) {
    if (!grouped.has(item.orderId)) grouped.set(item.orderId, []);
    grouped.get(item.orderId).push(item);
  }
  return orders.filter((order) => grouped.has(order.id)).map((order) => ({ ...order, items: grouped.get(order.id) }));
}

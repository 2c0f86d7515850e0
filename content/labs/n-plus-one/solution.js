/**
 * Loads a customer's orders with their items in two round trips, however many orders there are:
 * one query for the orders, one batched query (`WHERE order_id = ANY($1)`) for all their items.
 */
export async function loadOrdersWithItems(db, customerId) {
  const orders = await db.findOrdersByCustomer(customerId);
  // `IN ()` is not valid SQL: with no orders there is nothing to ask for.
  if (orders.length === 0) return [];

  const items = await db.findItemsByOrderIds(orders.map((order) => order.id));

  // Group once with a Map (O(orders + items)) instead of filtering the item list per order.
  const itemsByOrder = new Map(orders.map((order) => [order.id, []]));
  for (const item of items) itemsByOrder.get(item.orderId)?.push(item);

  // Orders with no items keep an empty list; the database's order is preserved on both levels.
  return orders.map((order) => ({ ...order, items: itemsByOrder.get(order.id) }));
}

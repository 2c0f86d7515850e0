// Wrong: the classic N+1 — one query for the orders, then one more query per order for its items.
export async function loadOrdersWithItems(db, customerId) {
  const orders = await db.findOrdersByCustomer(customerId);
  const result = [];
  for (const order of orders) {
    const items = await db.findItemsByOrder(order.id);
    result.push({ ...order, items });
  }
  return result;
}

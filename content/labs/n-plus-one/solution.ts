export interface Order {
  id: number;
  customerId: number;
  placedAt: string;
  status: string;
}

export interface OrderItem {
  id: number;
  orderId: number;
  sku: string;
  quantity: number;
}

/** The data-access client: every method is one round trip to the database. */
export interface Db {
  readonly queryCount: number;
  findOrdersByCustomer(customerId: number): Promise<Order[]>;
  findItemsByOrderIds(orderIds: number[]): Promise<OrderItem[]>;
  findItemsByOrder(orderId: number): Promise<OrderItem[]>;
}

export interface OrderWithItems extends Order {
  items: OrderItem[];
}

/**
 * Two round trips whatever the number of orders: the orders, then every item of those orders in a
 * single batched lookup, stitched together in memory.
 */
export async function loadOrdersWithItems(db: Db, customerId: number): Promise<OrderWithItems[]> {
  const orders = await db.findOrdersByCustomer(customerId);
  if (orders.length === 0) return []; // an empty IN list is a syntax error, and a wasted round trip

  const items = await db.findItemsByOrderIds(orders.map((order) => order.id));

  const itemsByOrder = new Map<number, OrderItem[]>();
  for (const order of orders) itemsByOrder.set(order.id, []);
  for (const item of items) itemsByOrder.get(item.orderId)?.push(item);

  return orders.map((order) => ({ ...order, items: itemsByOrder.get(order.id) ?? [] }));
}

// Wrong: Promise.all makes the per-order queries concurrent, but it is still 1 + N round trips (and N connections' worth of load).
interface Order {
  id: number;
  customerId: number;
  placedAt: string;
  status: string;
}
interface OrderItem {
  id: number;
  orderId: number;
  sku: string;
  quantity: number;
}
interface Db {
  readonly queryCount: number;
  findOrdersByCustomer(customerId: number): Promise<Order[]>;
  findItemsByOrderIds(orderIds: number[]): Promise<OrderItem[]>;
  findItemsByOrder(orderId: number): Promise<OrderItem[]>;
}

export async function loadOrdersWithItems(db: Db, customerId: number): Promise<(Order & { items: OrderItem[] })[]> {
  const orders = await db.findOrdersByCustomer(customerId);
  return Promise.all(orders.map(async (order) => ({ ...order, items: await db.findItemsByOrder(order.id) })));
}

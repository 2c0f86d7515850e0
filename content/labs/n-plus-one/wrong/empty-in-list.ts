// Wrong: always runs the batched query, even with no orders — an empty IN () list is an SQL error.
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
  const items = await db.findItemsByOrderIds(orders.map((order) => order.id));
  const byOrder = new Map<number, OrderItem[]>(orders.map((order) => [order.id, []]));
  for (const item of items) byOrder.get(item.orderId)?.push(item);
  return orders.map((order) => ({ ...order, items: byOrder.get(order.id) ?? [] }));
}

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

export async function loadOrdersWithItems(db: Db, customerId: number): Promise<OrderWithItems[]> {
  return [];
}

/**
 * @param {{
 *   queryCount: number,
 *   findOrdersByCustomer(customerId: number): Promise<Array<{ id: number, customerId: number, placedAt: string, status: string }>>,
 *   findItemsByOrderIds(orderIds: number[]): Promise<Array<{ id: number, orderId: number, sku: string, quantity: number }>>,
 *   findItemsByOrder(orderId: number): Promise<Array<{ id: number, orderId: number, sku: string, quantity: number }>>,
 * }} db
 * @param {number} customerId
 */
export async function loadOrdersWithItems(db, customerId) {
  return [];
}

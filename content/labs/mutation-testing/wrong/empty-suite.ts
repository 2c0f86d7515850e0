// Wrong: an empty suite passes on the correct implementation trivially, and kills nothing.
export interface DiscountModule {
  applyDiscount(totalCents: number, code: string | null | undefined): number;
}

export const tests: Record<string, (impl: DiscountModule) => void> = {};

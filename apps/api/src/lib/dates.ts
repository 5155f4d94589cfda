// Calendar dates between Postgres `date` columns (Prisma: a Date at UTC midnight) and the
// contract's `YYYY-MM-DD` strings, without passing through local time.

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

// Display preferences the dashboard remembers per browser (not per account).

/** The evidence list's density: `compact`, or absent for comfortable. */
export const DENSITY_COOKIE = 'lt_density';

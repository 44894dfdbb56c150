// The units of Word's lengths, from the points every token and page size is given in: most
// lengths in twentieths of a point (twips), font sizes in half-points.

/** Points → twentieths of a point (twips), the unit of most DOCX lengths. */
export const twips = (points: number): number => Math.round(points * 20);
/** Points → half-points, the unit of DOCX font sizes. */
export const halfPoints = (points: number): number => Math.round(points * 2);

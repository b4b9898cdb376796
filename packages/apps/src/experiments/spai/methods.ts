/** The methods of the SPAI comparison (seed 000 Table 2, plus the oracle and thresholded-power patterns). */
export const SPAI_METHODS = ['Ising+mag', 'Ising', 'Random', 'Only A', 'Oracle |A⁻¹|', 'Thresholded power'] as const;
export type SpaiMethod = (typeof SPAI_METHODS)[number];

/**
 * The four things verify holds the two sides to, in the order they are compared; also check names of the
 * contract suite's results (contract-tests/results.ts), whose reports verify shares. A file of its own, so
 * that the suite takes the names without the comparison's code.
 */
export const VERIFY_CHECKS = ['same-status', 'same-content-type', 'same-allow', 'same-body'] as const;
export type VerifyCheck = (typeof VERIFY_CHECKS)[number];

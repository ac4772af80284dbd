/** X^1 -> X (exact: pow(x, 1) == x, NaN included). */
import { identityRule } from './identity-operand.js';

export const removePowerOne = identityRule('remove-power-one', '^', 1, false);

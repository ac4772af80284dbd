/** X-0 -> X (exact: x - 0 == x for every double, -0 included). */
import { identityRule } from './identity-operand.js';

export const removeSubtractZero = identityRule('remove-subtract-zero', '-', 0, false);

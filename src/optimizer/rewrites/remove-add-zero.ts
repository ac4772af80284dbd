/** X+0 and 0+X -> X. Exact except that -0 + 0 is +0 (SystemDS accepts the signed-zero caveat). */
import { identityRule } from './identity-operand.js';

export const removeAddZero = identityRule('remove-add-zero', '+', 0, true);

/** X*1 and 1*X -> X (exact in IEEE arithmetic). */
import { identityRule } from './identity-operand.js';

export const removeMultiplyByOne = identityRule('remove-multiply-by-one', '*', 1, true);

/** X/1 -> X (exact). */
import { identityRule } from './identity-operand.js';

export const removeDivideByOne = identityRule('remove-divide-by-one', '/', 1, false);

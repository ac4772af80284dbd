/*
 * Tessera's compiled kernels: identification. The build script passes the compiler and flags as
 * TESSERA_BUILD_INFO so that `dml --version` and -stats can say which code runs.
 */
#ifndef TESSERA_BUILD_INFO
#define TESSERA_BUILD_INFO "unknown compiler"
#endif

/* Bumped when a kernel's contract (arguments, semantics) changes: the loader refuses a stale build. */
#define TESSERA_KERNELS_ABI 1

const char *tessera_kernels_info(void) { return TESSERA_BUILD_INFO; }

int tessera_kernels_abi(void) { return TESSERA_KERNELS_ABI; }

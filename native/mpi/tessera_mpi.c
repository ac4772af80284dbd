/*
 * Tessera's MPI binding: a thin C layer over MPI_COMM_WORLD with plain C types (int, double *,
 * void *, size_t), so that koffi can call it without knowing MPI's handle types (MPI_Op and
 * MPI_Datatype are pointers in Open MPI and ints in MPICH). Built by tools/build-native.mjs with
 * mpicc into build/native/libtessera_mpi.so, separately from the kernels library: linking libmpi
 * into the kernels would make every Tessera process load MPI.
 *
 * Every function returns an MPI error code (MPI_SUCCESS = 0) or one of the TMPI_ERR_* codes below
 * (negative, so they never collide with MPI's); tmpi_error_text() turns either into text. After
 * init, MPI_COMM_WORLD returns errors instead of aborting the job (MPI_ERRORS_RETURN), so that the
 * TypeScript side can throw an Error naming what went wrong.
 *
 * MPI counts are int. Whole-buffer operations whose every rank passes the same size (bcast,
 * allreduce, reduce, send/recv) are split into chunks of at most 1 GiB; the v-collectives take
 * int counts and displacements, which the TypeScript side checks before calling.
 *
 * Thread level FUNNELED: only the thread that called init (Node's main thread) calls MPI.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <mpi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

/* Bumped when a function's contract changes: the loader refuses a stale build. */
#define TMPI_ABI 2

#define TMPI_ERR_FINALIZED (-1)      /* MPI was finalized in this process; it cannot start again */
#define TMPI_ERR_NOT_INITIALIZED (-2) /* a call before tmpi_init */
#define TMPI_ERR_BAD_OP (-3)         /* reduction code outside 0..3 */
#define TMPI_ERR_TOO_LARGE (-4)      /* a count over INT_MAX where MPI cannot take it */

/* 1 GiB: well under INT_MAX bytes, and a multiple of 8 so double chunks stay aligned. */
static size_t chunk_bytes = (size_t)1 << 30;

int tmpi_abi(void) { return TMPI_ABI; }

/* The first line (up to 255 bytes) of MPI_Get_library_version; callable before MPI_Init. */
const char *tmpi_library_version(void) {
  static char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  if (MPI_Get_library_version(text, &len) != MPI_SUCCESS) return "unknown MPI library";
  text[len < MPI_MAX_LIBRARY_VERSION_STRING ? len : MPI_MAX_LIBRARY_VERSION_STRING - 1] = '\0';
  char *eol = strpbrk(text, "\r\n");
  if (eol) *eol = '\0';
  if (strlen(text) > 255) text[255] = '\0';
  return text;
}

const char *tmpi_error_text(int code) {
  static char text[MPI_MAX_ERROR_STRING + 1];
  switch (code) {
    case TMPI_ERR_FINALIZED:
      return "MPI was already finalized in this process (MPI_Init can run only once)";
    case TMPI_ERR_NOT_INITIALIZED:
      return "MPI is not initialized";
    case TMPI_ERR_BAD_OP:
      return "unknown reduction";
    case TMPI_ERR_TOO_LARGE:
      return "count over 2^31-1 elements, more than MPI's int counts can address";
    default:
      break;
  }
  int len = 0;
  if (MPI_Error_string(code, text, &len) != MPI_SUCCESS) return "unknown MPI error";
  text[len < MPI_MAX_ERROR_STRING ? len : MPI_MAX_ERROR_STRING] = '\0';
  return text;
}

/* 0: not initialized yet, 1: initialized, 2: finalized. */
int tmpi_state(void) {
  int finalized = 0, initialized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return 2;
  MPI_Initialized(&initialized);
  return initialized ? 1 : 0;
}

/*
 * Makes the libmpi this library is linked against global (RTLD_GLOBAL). koffi, like Node's
 * addon loader, dlopens libraries with local scope, so libmpi's symbols are not visible to the
 * MCA components Open MPI dlopens later; components that use ompi_* symbols without linking
 * libmpi then fail to load (seen with Open MPI 1.x/2.x; mpi4py and Rmpi do the same). Debian's
 * 4.1.4 works without it, but nothing guarantees another build does. Returns 1 when promoted.
 */
static int promote_libmpi(void) {
  const char *off = getenv("TESSERA_MPI_NO_RTLD_GLOBAL");
  if (off && off[0] == '1') return 0;
  Dl_info info;
  /* Cast through uintptr_t: ISO C has no function-to-object pointer conversion. */
  if (dladdr((void *)(uintptr_t)&MPI_Init, &info) && info.dli_fname &&
      dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD))
    return 1;
  static const char *const names[] = {"libmpi.so.40", "libmpi.so.12", "libmpi.so"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (dlopen(names[i], RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD)) return 1;
  return 0;
}

/*
 * min and max as JavaScript's Math.min and Math.max: NaN when any input is NaN, and -0 below +0.
 * MPI_MIN and MPI_MAX leave both open: Open MPI computes (a < b ? a : b), whose answer for a NaN
 * depends on which rank's value comes first (so on the reduction tree and the rank count), and
 * its AVX kernels follow minpd's operand order instead. The engine needs one answer, the same on
 * every rank and for every rank count.
 */
static void js_min(void *in, void *inout, int *len, MPI_Datatype *type) {
  (void)type;
  const double *a = in;
  double *b = inout;
  for (int i = 0; i < *len; i++) {
    double x = a[i], y = b[i];
    if (isnan(x) || isnan(y)) b[i] = NAN;
    else if (x < y || (x == y && signbit(x))) b[i] = x;
  }
}

static void js_max(void *in, void *inout, int *len, MPI_Datatype *type) {
  (void)type;
  const double *a = in;
  double *b = inout;
  for (int i = 0; i < *len; i++) {
    double x = a[i], y = b[i];
    if (isnan(x) || isnan(y)) b[i] = NAN;
    else if (x > y || (x == y && !signbit(x))) b[i] = x;
  }
}

static MPI_Op op_min = MPI_OP_NULL, op_max = MPI_OP_NULL;

static int to_op(int op, MPI_Op *out) {
  switch (op) {
    case 0: *out = MPI_SUM; return MPI_SUCCESS;
    case 1: *out = op_min; return MPI_SUCCESS;
    case 2: *out = op_max; return MPI_SUCCESS;
    case 3: *out = MPI_PROD; return MPI_SUCCESS;
    default: return TMPI_ERR_BAD_OP;
  }
}

/*
 * MPI_Init_thread(FUNNELED) once. `provided` gets the thread level MPI granted (0 single,
 * 1 funneled, 2 serialized, 3 multiple), `promoted` whether libmpi was made global first.
 * TESSERA_MPI_CHUNK_BYTES lowers the chunk size (tests use it to exercise chunking with small
 * buffers); every rank must see the same value.
 */
int tmpi_init(int *provided, int *promoted) {
  int state = tmpi_state();
  if (state == 2) return TMPI_ERR_FINALIZED;
  *promoted = 0;
  int level = MPI_THREAD_SINGLE;
  if (state == 0) {
    *promoted = promote_libmpi();
    int rc = MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &level);
    if (rc != MPI_SUCCESS) return rc;
  } else {
    MPI_Query_thread(&level);
  }
  /* The standard orders the levels but does not fix their values. */
  *provided = level == MPI_THREAD_MULTIPLE     ? 3
              : level == MPI_THREAD_SERIALIZED ? 2
              : level == MPI_THREAD_FUNNELED   ? 1
                                               : 0;
  const char *chunk = getenv("TESSERA_MPI_CHUNK_BYTES");
  if (chunk) {
    unsigned long long c = strtoull(chunk, NULL, 10);
    if (c >= 8 && c <= ((size_t)1 << 30)) chunk_bytes = (size_t)c & ~(size_t)7;
  }
  int rc = MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  if (rc == MPI_SUCCESS && op_min == MPI_OP_NULL) rc = MPI_Op_create(js_min, 1, &op_min);
  if (rc == MPI_SUCCESS && op_max == MPI_OP_NULL) rc = MPI_Op_create(js_max, 1, &op_max);
  return rc;
}

#define REQUIRE_INIT()                                                      \
  do {                                                                      \
    int s_ = tmpi_state();                                                  \
    if (s_ != 1) return s_ == 2 ? TMPI_ERR_FINALIZED : TMPI_ERR_NOT_INITIALIZED; \
  } while (0)

int tmpi_rank(int *out) {
  REQUIRE_INIT();
  return MPI_Comm_rank(MPI_COMM_WORLD, out);
}

int tmpi_size(int *out) {
  REQUIRE_INIT();
  return MPI_Comm_size(MPI_COMM_WORLD, out);
}

int tmpi_barrier(void) {
  REQUIRE_INIT();
  return MPI_Barrier(MPI_COMM_WORLD);
}

double tmpi_wtime(void) { return MPI_Wtime(); }

int tmpi_processor_name(char *out, int capacity) {
  char name[MPI_MAX_PROCESSOR_NAME];
  int len = 0;
  int rc = MPI_Get_processor_name(name, &len);
  if (rc != MPI_SUCCESS) return rc;
  if (capacity <= 0) return TMPI_ERR_TOO_LARGE;
  if (len >= capacity) len = capacity - 1;
  memcpy(out, name, (size_t)len);
  out[len] = '\0';
  return MPI_SUCCESS;
}

int tmpi_bcast(void *buf, size_t bytes, int root) {
  REQUIRE_INIT();
  char *p = buf;
  /* A zero-byte bcast still runs once, so that an invalid root is reported on every size. */
  do {
    size_t n = bytes < chunk_bytes ? bytes : chunk_bytes;
    int rc = MPI_Bcast(p, (int)n, MPI_BYTE, root, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return rc;
    p += n;
    bytes -= n;
  } while (bytes > 0);
  return MPI_SUCCESS;
}

/* In place on every rank. op: 0 sum, 1 min, 2 max, 3 prod. */
int tmpi_allreduce_f64(double *buf, size_t n, int op) {
  REQUIRE_INIT();
  MPI_Op mop;
  int rc = to_op(op, &mop);
  if (rc != MPI_SUCCESS) return rc;
  size_t chunk = chunk_bytes / sizeof(double);
  do {
    size_t k = n < chunk ? n : chunk;
    rc = MPI_Allreduce(MPI_IN_PLACE, buf, (int)k, MPI_DOUBLE, mop, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return rc;
    buf += k;
    n -= k;
  } while (n > 0);
  return MPI_SUCCESS;
}

/* In place on the root; the other ranks' buffers are only read. */
int tmpi_reduce_f64(double *buf, size_t n, int op, int root) {
  REQUIRE_INIT();
  MPI_Op mop;
  int rc = to_op(op, &mop);
  if (rc != MPI_SUCCESS) return rc;
  int rank;
  rc = MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rc != MPI_SUCCESS) return rc;
  size_t chunk = chunk_bytes / sizeof(double);
  do {
    size_t k = n < chunk ? n : chunk;
    rc = rank == root ? MPI_Reduce(MPI_IN_PLACE, buf, (int)k, MPI_DOUBLE, mop, root, MPI_COMM_WORLD)
                      : MPI_Reduce(buf, NULL, (int)k, MPI_DOUBLE, mop, root, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return rc;
    buf += k;
    n -= k;
  } while (n > 0);
  return MPI_SUCCESS;
}

/*
 * The v-collectives: counts and displacements in elements (doubles), checked to fit an int by
 * the caller; `recv`, `counts` and `displs` are only read on the root (gatherv) and `send` only on
 * the root (scatterv).
 */
int tmpi_gatherv_f64(const double *send, int count, double *recv, const int *counts, const int *displs,
                     int root) {
  REQUIRE_INIT();
  return MPI_Gatherv(send, count, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE, root, MPI_COMM_WORLD);
}

int tmpi_allgatherv_f64(const double *send, int count, double *recv, const int *counts, const int *displs) {
  REQUIRE_INIT();
  return MPI_Allgatherv(send, count, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
}

int tmpi_scatterv_f64(const double *send, const int *counts, const int *displs, double *recv, int count,
                      int root) {
  REQUIRE_INIT();
  return MPI_Scatterv(send, counts, displs, MPI_DOUBLE, recv, count, MPI_DOUBLE, root, MPI_COMM_WORLD);
}

/*
 * Point to point, in bytes. A message is sent as full chunks followed by one shorter chunk (empty
 * when the size is a multiple of the chunk), so the receiver knows where it ends without being
 * told its size: it receives until a chunk comes back short. Under the chunk size this is one
 * plain MPI message. Chunks after the first are matched to the first one's source and tag (MPI
 * keeps messages between one pair with one tag in order).
 */
int tmpi_send(const void *buf, size_t bytes, int dest, int tag) {
  REQUIRE_INIT();
  const char *p = buf;
  for (;;) {
    size_t n = bytes < chunk_bytes ? bytes : chunk_bytes;
    int rc = MPI_Send(p, (int)n, MPI_BYTE, dest, tag, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return rc;
    if (n < chunk_bytes) return MPI_SUCCESS;
    p += n;
    bytes -= n;
  }
}

/*
 * `source` and `tag` -1 mean any. `info` gets the sender, the tag and the bytes received (as
 * doubles: exact up to 2^53).
 */
int tmpi_recv(void *buf, size_t capacity, int source, int tag, double *info) {
  REQUIRE_INIT();
  char *p = buf;
  size_t total = 0;
  int src = source == -1 ? MPI_ANY_SOURCE : source;
  int tg = tag == -1 ? MPI_ANY_TAG : tag;
  for (;;) {
    size_t n = capacity < chunk_bytes ? capacity : chunk_bytes;
    MPI_Status status;
    int rc = MPI_Recv(p, (int)n, MPI_BYTE, src, tg, MPI_COMM_WORLD, &status);
    if (rc != MPI_SUCCESS) return rc;
    int got = 0;
    rc = MPI_Get_count(&status, MPI_BYTE, &got);
    if (rc != MPI_SUCCESS) return rc;
    src = status.MPI_SOURCE;
    tg = status.MPI_TAG;
    total += (size_t)got;
    if ((size_t)got < chunk_bytes) break;
    p += got;
    capacity -= (size_t)got;
  }
  info[0] = src;
  info[1] = tg;
  info[2] = (double)total;
  return MPI_SUCCESS;
}

int tmpi_abort(int code) { return MPI_Abort(MPI_COMM_WORLD, code); }

/* Idempotent: a no-op before init and after finalize. */
int tmpi_finalize(void) {
  if (tmpi_state() != 1) return MPI_SUCCESS;
  if (op_min != MPI_OP_NULL) MPI_Op_free(&op_min);
  if (op_max != MPI_OP_NULL) MPI_Op_free(&op_max);
  return MPI_Finalize();
}

/*
 * What this rank is doing, for the message a rank prints when the job ends under it, and the
 * watchdog. A rank blocked in a collective cannot run JavaScript: when another rank dies, mpirun
 * sends the survivors SIGTERM, and only a C handler can still say which instruction they were in.
 * The watchdog is alarm(): armed while a distributed operation runs (not while a worker waits for
 * the next command, which may legitimately take long), it ends the job when the operation makes
 * no progress for that long (a hung or stopped rank), naming the operation.
 */
#define BETWEEN "no distributed operation (between two of them)"
static char context[768] = BETWEEN;
static size_t context_len = sizeof BETWEEN - 1;
static char prefix[256] = "tessera: rank ? ";
static size_t prefix_len = 16;
static unsigned watchdog_seconds = 0;

static void say(const char *a, size_t n) {
  while (n > 0) {
    ssize_t w = write(2, a, n);
    if (w <= 0) return;
    a += w;
    n -= (size_t)w;
  }
}

static void on_signal(int sig) {
  const char *why = sig == SIGALRM ? "no progress within the watchdog's time, ending the job, in "
                                   : "the job was ended by the launcher (another rank failed?) during ";
  say(prefix, prefix_len);
  say(why, strlen(why));
  say(context, context_len);
  say("\n", 1);
  _exit(sig == SIGALRM ? 71 : 128 + sig);
}

/* Names this rank in the messages ("rank 1 of 4 on host"), installs the handlers. */
int tmpi_install_failure_handlers(const char *who, int watchdog) {
  size_t n = strlen(who);
  if (n > sizeof prefix - 3) n = sizeof prefix - 3;
  memcpy(prefix, "tessera: ", 9);
  if (n > sizeof prefix - 12) n = sizeof prefix - 12;
  memcpy(prefix + 9, who, n);
  memcpy(prefix + 9 + n, ": ", 2);
  prefix_len = 9 + n + 2;
  watchdog_seconds = watchdog > 0 ? (unsigned)watchdog : 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGTERM, &sa, NULL) != 0) return -5;
  if (sigaction(SIGALRM, &sa, NULL) != 0) return -5;
  return 0;
}

/* Enters a distributed operation: its description, and the watchdog armed. */
void tmpi_enter(const char *what) {
  size_t n = strlen(what);
  if (n > sizeof context - 1) n = sizeof context - 1;
  context_len = 0; /* a signal in between prints an empty context, never a torn one */
  memcpy(context, what, n);
  context[n] = 0;
  context_len = n;
  if (watchdog_seconds > 0) alarm(watchdog_seconds);
}

/* Leaves it: the watchdog disarmed. */
void tmpi_leave(void) {
  if (watchdog_seconds > 0) alarm(0);
  context_len = 0;
  memcpy(context, BETWEEN, sizeof BETWEEN);
  context_len = sizeof BETWEEN - 1;
}

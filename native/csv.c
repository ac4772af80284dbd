/*
 * CSV matrix parsing over a file's bytes: the fast path of src/engine/io/csv-bytes.ts in C.
 * Parses whole lines of plain decimal fields ([ \t]*[+-]?(d+[.d*]|.d+)([eE][+-]?d+)?[ \t]*, NaN
 * and infinity spellings, or an empty field when fill is on) into rows of `out`, skipping blank lines, and stops at the first
 * line it cannot take whole (quotes, a wrong field count, anything unusual): the TypeScript
 * code parses that line (or reports its error) and calls back for the rest. The parsed doubles
 * are correctly rounded, so they equal JavaScript's Number(text): exact for up to 15 significant
 * digits and |exponent| <= 22 (one IEEE multiply or divide of exact operands, Clinger's fast
 * path), else for up to 19 digits by Eisel and Lemire's algorithm (a 64 x 128-bit product with a
 * table of powers of five; as in fast_double_parser, which gives up on the rare ambiguous cases),
 * else glibc's strtod in the C locale, which rounds correctly too.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv-pow5.h"

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static locale_t c_locale(void) {
  static __thread locale_t loc = (locale_t)0;
  if (loc == (locale_t)0) loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  return loc;
}

/*
 * Eisel-Lemire (after fast_double_parser's compute_float_64): w * 10^q correctly rounded for a
 * nonzero 64-bit w, or 0 when the product is too close to a rounding boundary to decide (then
 * strtod decides).
 */
static int eisel_lemire(uint64_t w, int q, int neg, double *v) {
  if (q < CSV_POW5_MIN || q > CSV_POW5_MAX) return 0;
  const uint64_t *t = CSV_POW5[q - CSV_POW5_MIN];
  int64_t exponent = (((152170 + 65536) * (int64_t)q) >> 16) + 1024 + 63;
  int lz = __builtin_clzll(w);
  w <<= lz;
  __uint128_t p1 = (__uint128_t)w * t[0];
  uint64_t lower = (uint64_t)p1, upper = (uint64_t)(p1 >> 64);
  if ((upper & 0x1FF) == 0x1FF && lower + w < lower) {
    __uint128_t p2 = (__uint128_t)w * t[1];
    uint64_t plow = (uint64_t)p2, pmid2 = (uint64_t)(p2 >> 64);
    uint64_t phigh = upper;
    uint64_t pmid = lower + pmid2;
    if (pmid < lower) phigh++;
    if (pmid + 1 == 0 && (phigh & 0x1FF) == 0x1FF && plow + w < plow) return 0;
    upper = phigh;
    lower = pmid;
  }
  uint64_t upperbit = upper >> 63;
  uint64_t mantissa = upper >> (upperbit + 9);
  lz += (int)(1 ^ upperbit);
  if (lower == 0 && (upper & 0x1FF) == 0 && (mantissa & 3) == 1) return 0;
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >= (1ULL << 53)) {
    mantissa = 1ULL << 52;
    lz--;
  }
  mantissa &= ~(1ULL << 52);
  int64_t real_exponent = exponent - lz;
  if (real_exponent < 1 || real_exponent > 2046) return 0;
  mantissa |= (uint64_t)real_exponent << 52;
  mantissa |= (uint64_t)neg << 63;
  memcpy(v, &mantissa, sizeof *v);
  return 1;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CSV_SWAR 1
/* Eight ASCII digits in a little-endian word: test and value (as in fast_float). */
static int eight_digits(uint64_t w) {
  return (((w & 0xF0F0F0F0F0F0F0F0ULL) | (((w + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ==
          0x3333333333333333ULL);
}
static uint32_t eight_digits_value(uint64_t w) {
  const uint64_t mask = 0x000000FF000000FFULL;
  const uint64_t mul1 = 0x000F424000000064ULL; /* 100 + (1000000 << 32) */
  const uint64_t mul2 = 0x0000271000000001ULL; /* 1 + (10000 << 32) */
  w -= 0x3030303030303030ULL;
  w = (w * 10) + (w >> 8);
  w = (((w & mask) * mul1) + (((w >> 16) & mask) * mul2)) >> 32;
  return (uint32_t)w;
}
#endif

static int is_digit(uint8_t c) { return (unsigned)(c - '0') < 10; }

/* Parses a plain decimal number at the start of [p, e): the byte after it, or NULL when none. */
static const uint8_t *parse_plain(const uint8_t *p, const uint8_t *e, double *v) {
  const uint8_t *s = p;
  int neg = 0;
  if (p < e && (*p == '+' || *p == '-')) neg = *p++ == '-';
  uint64_t mant = 0;
  int sig = 0;     /* significant digits taken (leading zeros excluded), at most 19 */
  int dropped = 0; /* more than 19 significant digits: the mantissa is not exact */
  int exp10 = 0;
  const uint8_t *d0 = p;
  while (p < e && *p == '0') p++;
  while (p < e && is_digit(*p)) {
    if (sig < 19) {
      mant = mant * 10 + (uint64_t)(*p - '0');
      sig++;
    } else {
      exp10++;
      dropped = 1;
    }
    p++;
  }
  int digits = (int)(p - d0);
  if (p < e && *p == '.') {
    p++;
    const uint8_t *f0 = p;
    if (mant == 0) {
      while (p < e && *p == '0') p++;
      exp10 -= (int)(p - f0);
    }
#ifdef CSV_SWAR
    while (sig <= 11 && e - p >= 8) {
      uint64_t w;
      memcpy(&w, p, 8);
      if (!eight_digits(w)) break;
      mant = mant * 100000000ULL + eight_digits_value(w);
      sig += 8;
      exp10 -= 8;
      p += 8;
    }
#endif
    while (p < e && is_digit(*p)) {
      if (sig < 19) {
        mant = mant * 10 + (uint64_t)(*p - '0');
        sig++;
        exp10--;
      } else {
        dropped = 1;
      }
      p++;
    }
    digits += (int)(p - f0);
  }
  if (digits == 0) return NULL;
  if (p < e && (*p == 'e' || *p == 'E')) {
    p++;
    int eneg = 0;
    if (p < e && (*p == '+' || *p == '-')) eneg = *p++ == '-';
    if (p >= e || *p < '0' || *p > '9') return NULL;
    int x = 0;
    while (p < e && *p >= '0' && *p <= '9') {
      if (x < 100000) x = x * 10 + (*p - '0');
      p++;
    }
    exp10 += eneg ? -x : x;
  }
  if (!dropped && mant <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
    double m = (double)mant;
    double r = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
    *v = neg ? -r : r;
    return p;
  }
  if (mant == 0 && !dropped) {
    *v = neg ? -0.0 : 0.0;
    return p;
  }
  if (!dropped && eisel_lemire(mant, exp10, neg, v)) return p;
  char tmp[128];
  size_t n = (size_t)(p - s);
  if (n >= sizeof tmp) return NULL;
  memcpy(tmp, s, n);
  tmp[n] = 0;
  char *end;
  *v = strtod_l(tmp, &end, c_locale());
  return end == tmp + n ? p : NULL;
}

static int blank(uint8_t c) { return c == ' ' || c == '\t'; }

/* The NaN and infinity spellings parseJavaDouble takes (Java's writer uses the first of each). */
static int parse_word(const uint8_t *p, const uint8_t *e, double *v) {
  static const char *const words[] = {"NaN", "+NaN", "-NaN", "Infinity", "+Infinity", "inf", "Inf",
                                      "-Infinity", "-inf", "-Inf"};
  size_t n = (size_t)(e - p);
  for (int k = 0; k < 10; k++) {
    if (strlen(words[k]) == n && memcmp(p, words[k], n) == 0) {
      *v = k < 3 ? __builtin_nan("") : k < 7 ? __builtin_inf() : -__builtin_inf();
      return 1;
    }
  }
  return 0;
}

/*
 * Parses lines of b[pos, end) into out[(row_base + rows) * cols ...]. res: [rows written, byte
 * offset where it stopped (end when done), lines consumed (blank ones included)]. It stops at the
 * start of a line it cannot parse whole; that line is not counted.
 */
void tessera_csv_parse(const uint8_t *b, double pos_d, double end_d, int sep, int cols, int fill,
                       double fill_value, double *out, double row_base_d, double *res) {
  int64_t pos = (int64_t)pos_d, end = (int64_t)end_d, row_base = (int64_t)row_base_d;
  int64_t rows = 0, lines = 0;
  while (pos < end) {
    const uint8_t *ls = b + pos;
    const uint8_t *nl = memchr(ls, '\n', (size_t)(end - pos));
    const uint8_t *le = nl ? nl : b + end;
    int64_t next = nl ? (int64_t)(nl - b) + 1 : end;
    if (le > ls && le[-1] == '\r') le--;
    const uint8_t *q = ls;
    while (q < le && (blank(*q) || *q == '\r' || *q == '\v' || *q == '\f')) q++;
    if (q == le) {
      pos = next;
      lines++;
      continue;
    }
    double *row = out + (row_base + rows) * (int64_t)cols;
    const uint8_t *p = ls;
    int j = 0;
    int ok = 1;
    for (;;) {
      if (j >= cols) {
        ok = 0;
        break;
      }
      while (p < le && blank(*p)) p++;
      if (p == le || *p == sep) {
        if (!fill) {
          ok = 0;
          break;
        }
        row[j] = fill_value;
      } else {
        const uint8_t *q = parse_plain(p, le, &row[j]);
        if (q == NULL) {
          const uint8_t *fe = memchr(p, sep, (size_t)(le - p));
          const uint8_t *z = fe ? fe : le;
          while (z > p && blank(z[-1])) z--;
          if (!parse_word(p, z, &row[j])) {
            ok = 0;
            break;
          }
          q = z;
        }
        p = q;
        while (p < le && blank(*p)) p++;
      }
      j++;
      if (p == le) break;
      if (*p != sep) {
        ok = 0;
        break;
      }
      p++;
    }
    if (!ok || j != cols) break;
    rows++;
    lines++;
    pos = next;
  }
  res[0] = (double)rows;
  res[1] = (double)pos;
  res[2] = (double)lines;
}

/* Line starts in b[pos, end): newlines, plus one for a last line without its newline. */
double tessera_csv_count_lines(const uint8_t *b, double pos_d, double end_d) {
  int64_t pos = (int64_t)pos_d, end = (int64_t)end_d, n = 0;
  while (pos < end) {
    const uint8_t *nl = memchr(b + pos, '\n', (size_t)(end - pos));
    n++;
    if (!nl) break;
    pos = (int64_t)(nl - b) + 1;
  }
  return (double)n;
}

/* The BM25 top-k loop in C: one call per query instead of dozens of numpy calls.
 *
 * Document-at-a-time MaxScore over the compact postings of retrieval/postings.py,
 * read through the buffer protocol (no numpy headers at build time), with block maxima
 * bounding what a term can add to a document before its postings are read. Document ids
 * are stored per block as gaps of 1, 2 or 4 bytes; a cursor decodes the one block it is
 * in, and a skip past whole blocks reads none of them.
 *
 * Scores are rank-bm25's to the bit: each contribution is
 * idf * (tf*(k1+1) / (tf + k1*(1-b+b*dl/avgdl))) in those float64 operations (built with
 * -ffp-contract=off, so no fused multiply-add), and a document's contributions are added
 * in query order, duplicates included, as BM25Okapi.get_scores adds them. Pruning only
 * ever skips documents whose upper bound, widened by a relative slack, is below the k-th
 * best score found so far, so the top k and its tie order (score desc, document index
 * asc) are exactly the dense ones. The GIL is released while scoring: the buffers stay
 * exported, so nothing moves.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLACK 1e-9
#define END INT32_MAX

enum { DOC_GAPS, GAP_AT, TF8, OVER_AT, OVER_TF, DOC_LEN, INDPTR, BPTR, BLOCK_LAST, BLOCK_FMAX,
       TERM_FMAX, IDF, NORMS, NARRAYS };
static const char *NAMES[NARRAYS] = {"doc_gaps", "gap_at", "tf8", "over_at", "over_tf",
                                     "doc_len", "indptr", "bptr", "block_last", "block_fmax",
                                     "term_fmax", "idf", "norms"};
static const Py_ssize_t SIZES[NARRAYS] = {1, 8, 1, 8, 4, 0, 8, 8, 4, 8, 8, 8, 8};

typedef struct {
    const uint8_t *doc_gaps;
    const int64_t *gap_at;
    const uint8_t *tf8;
    const int64_t *over_at;
    const uint32_t *over_tf;
    const void *doc_len;
    int len_size;
    const int64_t *indptr, *bptr;
    const int32_t *block_last;
    const double *block_fmax, *term_fmax, *idf;
    const double *norms;  /* the length term per document length, when lengths are short */
    uint64_t n_norms;
    Py_ssize_t n_over, n_terms;
    double k1, b, avgdl, scale;
    Py_ssize_t block;
} Index;

typedef struct {  /* one distinct query term, with a cursor over its postings */
    Py_ssize_t id;               /* its term id */
    int64_t start, end;          /* its postings */
    int64_t bstart, bend;        /* its blocks */
    int64_t blk;                 /* the block that would hold the document bounded last */
    int64_t cblk;                /* the block decoded in buf (bend: exhausted) */
    int64_t first;               /* position of buf[0] among the postings */
    int32_t *buf;                /* the decoded document ids of block cblk */
    Py_ssize_t idx, n;           /* the cursor within buf, and buf's length */
    int32_t doc;                 /* buf[idx], or END */
    double count;                /* how many times the query holds it */
    double idf, weight, bound;   /* weight: idf times count; bound: the term's largest */
    double contrib;              /* idf * tf part for the current document, 0 if absent */
} Term;

typedef struct {
    double score;
    int32_t doc;
} Hit;

static inline uint64_t doc_length(const Index *ix, int32_t doc) {
    switch (ix->len_size) {
    case 1: return ((const uint8_t *)ix->doc_len)[doc];
    case 2: return ((const uint16_t *)ix->doc_len)[doc];
    case 4: return ((const uint32_t *)ix->doc_len)[doc];
    default: return ((const uint64_t *)ix->doc_len)[doc];
    }
}

static inline double frequency(const Index *ix, int64_t pos) {
    uint8_t small = ix->tf8[pos];
    if (small != 255) return (double)small;
    Py_ssize_t lo = 0, hi = ix->n_over;  /* first overflow entry at or after pos */
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (ix->over_at[mid] < pos) lo = mid + 1; else hi = mid;
    }
    return (double)ix->over_tf[lo];
}

/* rank-bm25's contribution of one posting, in its order of operations. */
static inline double impact(const Index *ix, double idf, int64_t pos, int32_t doc) {
    double freq = frequency(ix, pos);
    uint64_t length = doc_length(ix, doc);
    double norm = length < ix->n_norms ? ix->norms[length]
                                       : ix->k1 * ((1.0 - ix->b) + ix->b * (double)length / ix->avgdl);
    return idf * (freq * (ix->k1 + 1.0) / (freq + norm));
}

/* Decode block b into the term's buffer and put the cursor on its first posting. Each
 * gap is the document id minus the one before it (the previous block's last, or -1
 * for a term's first block) minus one, little-endian in the block's width. */
static void decode(const Index *ix, Term *t, int64_t b) {
    t->cblk = b;
    t->idx = 0;
    if (b >= t->bend) {
        t->n = 0;
        t->doc = END;
        return;
    }
    t->first = t->start + (b - t->bstart) * ix->block;
    t->n = t->end - t->first < ix->block ? t->end - t->first : ix->block;
    int64_t width = (ix->gap_at[b + 1] - ix->gap_at[b]) / t->n;
    const uint8_t *p = ix->doc_gaps + ix->gap_at[b];
    int64_t doc = b > t->bstart ? ix->block_last[b - 1] : -1;
    if (width == 1) {
        for (Py_ssize_t i = 0; i < t->n; i++) t->buf[i] = (int32_t)(doc += (int64_t)p[i] + 1);
    } else if (width == 2) {
        for (Py_ssize_t i = 0; i < t->n; i++)
            t->buf[i] = (int32_t)(doc += ((int64_t)p[2 * i] | (int64_t)p[2 * i + 1] << 8) + 1);
    } else {
        for (Py_ssize_t i = 0; i < t->n; i++) {
            const uint8_t *q = p + 4 * i;
            int64_t gap = (int64_t)q[0] | (int64_t)q[1] << 8 | (int64_t)q[2] << 16 |
                          (int64_t)q[3] << 24;
            t->buf[i] = (int32_t)(doc += gap + 1);
        }
    }
    t->doc = t->buf[0];
}

static void open_cursor(const Index *ix, Term *t) {
    t->blk = t->bstart;
    decode(ix, t, t->bstart);
}

static inline int64_t position(const Term *t) { return t->first + t->idx; }

static inline void advance(const Index *ix, Term *t) {
    if (++t->idx < t->n) t->doc = t->buf[t->idx];
    else decode(ix, t, t->cblk + 1);
}

/* Move the block pointer to the block that would hold doc; false when past the last. */
static inline int seek_block(const Index *ix, Term *t, int32_t doc) {
    if (t->blk < t->cblk) t->blk = t->cblk;
    while (t->blk < t->bend && ix->block_last[t->blk] < doc) t->blk++;
    return t->blk < t->bend;
}

static inline double block_bound(const Index *ix, const Term *t) {
    return t->blk < t->bend ? t->weight * ix->block_fmax[t->blk] * ix->scale : 0.0;
}

/* Move the cursor to the first posting >= doc, decoding only the block that holds it. */
static void seek(const Index *ix, Term *t, int32_t doc) {
    if (t->doc >= doc) return;
    if (!seek_block(ix, t, doc)) {
        decode(ix, t, t->bend);
        return;
    }
    if (t->blk != t->cblk) decode(ix, t, t->blk);
    Py_ssize_t lo = t->idx, hi = t->n;  /* block_last >= doc: found within the block */
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (t->buf[mid] < doc) lo = mid + 1; else hi = mid;
    }
    t->idx = lo;
    t->doc = t->buf[lo];
}

/* Sum in query order, as rank-bm25 does; absent terms add +0.0 or -0.0, which never
 * changes a sum that starts at +0.0, so they are left out. */
static double exact(const Term *terms, const int *order, Py_ssize_t nq) {
    double score = 0.0;
    for (Py_ssize_t i = 0; i < nq; i++) {
        const Term *t = &terms[order[i]];
        if (t->contrib != 0.0) score += t->contrib;
    }
    return score;
}

/* --- a min-heap of the best k, the worst (lowest score, then highest doc) on top --- */

static inline int worse(Hit a, Hit b) {
    return a.score < b.score || (a.score == b.score && a.doc > b.doc);
}

static void sift_down(Hit *heap, Py_ssize_t n, Py_ssize_t i) {
    for (;;) {
        Py_ssize_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(heap[l], heap[m])) m = l;
        if (r < n && worse(heap[r], heap[m])) m = r;
        if (m == i) return;
        Hit tmp = heap[i]; heap[i] = heap[m]; heap[m] = tmp;
        i = m;
    }
}

static void push(Hit *heap, Py_ssize_t *n, Py_ssize_t k, Hit hit) {
    if (*n < k) {
        Py_ssize_t i = (*n)++;
        heap[i] = hit;
        while (i > 0 && worse(heap[i], heap[(i - 1) / 2])) {
            Py_ssize_t p = (i - 1) / 2;
            Hit tmp = heap[i]; heap[i] = heap[p]; heap[p] = tmp;
            i = p;
        }
    } else if (worse(heap[0], hit)) {
        heap[0] = hit;
        sift_down(heap, k, 0);
    }
}

static int by_rank(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

typedef struct {
    Term *terms;
    Term *probes;    /* cursors of their own for the floor's lookups */
    int32_t *bufs;   /* every cursor's decoded block */
    int *order;      /* query position -> distinct term */
    int *sorted;     /* distinct terms by bound, ascending */
    double *prefix;  /* prefix[i]: sum of the i smallest bounds */
    Hit *heap;
    int32_t *seed_docs;
} Work;

/* --- the floor: exact scores of the rarest terms' first documents --- */

static int by_int32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* A lower bound of the k-th best score: the k-th best exact score among the first
 * postings (up to seed) of the rarest terms; 0 when fewer than k of them score. The
 * documents are looked up in ascending order, so each probe cursor only moves forward. */
static double seed_floor(const Index *ix, Work *w, Py_ssize_t nu, Py_ssize_t nq,
                         Py_ssize_t k, Py_ssize_t seed) {
    Term *probes = w->probes;
    int32_t *docs = w->seed_docs;
    Py_ssize_t n = 0;
    for (Py_ssize_t j = 0; j < nu; j++) probes[j].count = 0;  /* 0: not yet taken */
    for (;;) {  /* rarest untaken term first, while its postings fit the budget */
        Py_ssize_t best = -1;
        for (Py_ssize_t j = 0; j < nu; j++)
            if (probes[j].count == 0 && (best < 0 || probes[j].end - probes[j].start <
                                                     probes[best].end - probes[best].start))
                best = j;
        if (best < 0) break;
        int64_t df = probes[best].end - probes[best].start;
        if (n > 0 && n + df > seed) break;
        probes[best].count = 1;
        open_cursor(ix, &probes[best]);
        for (; probes[best].doc != END && n < seed; advance(ix, &probes[best]))
            docs[n++] = probes[best].doc;
    }
    if (n < k) return 0.0;
    qsort(docs, (size_t)n, sizeof(int32_t), by_int32);
    for (Py_ssize_t j = 0; j < nu; j++) open_cursor(ix, &probes[j]);
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i > 0 && docs[i] == docs[i - 1]) continue;
        for (Py_ssize_t j = 0; j < nu; j++) {
            Term *t = &probes[j];
            seek(ix, t, docs[i]);
            t->contrib = t->doc == docs[i] ? impact(ix, t->idf, position(t), docs[i]) : 0.0;
        }
        Hit hit = {exact(probes, w->order, nq), docs[i]};
        if (hit.score > 0) push(w->heap, &size, k, hit);
    }
    return size == k ? w->heap[0].score : 0.0;
}

/* --- document-at-a-time MaxScore --- */

static int by_bound(const void *a, const void *b, void *terms_) {
    const Term *terms = terms_;
    double x = terms[*(const int *)a].bound, y = terms[*(const int *)b].bound;
    return (x > y) - (x < y);
}

/* Bounds from the blocks: every term's block that would hold doc (a block spans the
 * documents after the previous block's last, up to its own last), so their sum bounds
 * every document up to the nearest of those lasts (returned); `here` counts only the
 * essential terms that hold doc itself, with every lazy one. */
static double block_bounds(const Index *ix, Work *w, Py_ssize_t nu, Py_ssize_t lazy,
                           int32_t doc, double *here, int32_t *last) {
    double span = 0.0;
    for (Py_ssize_t i = 0; i < nu; i++) {
        Term *t = &w->terms[w->sorted[i]];
        if (i >= lazy) t->blk = t->cblk;
        else seek_block(ix, t, doc);
        if (t->blk >= t->bend) continue;
        double bound = block_bound(ix, t);
        span += bound;
        if (i < lazy || t->doc == doc) *here += bound;
        if (ix->block_last[t->blk] < *last) *last = ix->block_last[t->blk];
    }
    return span;
}

/* How many of the smallest-bound terms together stay below the floor (never all). */
static Py_ssize_t lazy_count(const double *prefix, Py_ssize_t nu, Py_ssize_t lazy,
                             double floor) {
    while (lazy + 1 < nu && prefix[lazy + 1] * (1 + SLACK) < floor) lazy++;
    return lazy;
}

/* The lazy terms, largest bound first, looked up for doc while it can still enter;
 * false as soon as it cannot. */
static int complete(const Index *ix, Work *w, Py_ssize_t lazy, int32_t doc, double partial,
                    double floor) {
    for (Py_ssize_t i = lazy - 1; i >= 0; i--) {
        double rest = 0.0;
        for (Py_ssize_t j = 0; j <= i; j++) rest += block_bound(ix, &w->terms[w->sorted[j]]);
        if ((partial + rest) * (1 + SLACK) < floor) return 0;
        Term *t = &w->terms[w->sorted[i]];
        seek(ix, t, doc);
        if (t->doc == doc) {
            t->contrib = impact(ix, t->idf, position(t), doc);
            partial += t->count * t->contrib;
        }
    }
    return 1;
}

static Py_ssize_t maxscore(const Index *ix, Work *w, Py_ssize_t nu, Py_ssize_t nq,
                           Py_ssize_t k, Py_ssize_t seed, int prune) {
    Term *terms = w->terms;
    Py_ssize_t size = 0;
    double floor = -INFINITY;  /* documents whose bound is below it cannot enter */
    for (Py_ssize_t i = 0; i < nu; i++) w->sorted[i] = (int)i;
    if (prune) {
        memcpy(w->probes, terms, (size_t)nu * sizeof(Term));
        for (Py_ssize_t j = 0; j < nu; j++) w->probes[j].buf = terms[j].buf + nu * ix->block;
        floor = seed_floor(ix, w, nu, nq, k, seed);
        qsort_r(w->sorted, (size_t)nu, sizeof(int), by_bound, terms);
        w->prefix[0] = 0.0;
        for (Py_ssize_t i = 0; i < nu; i++)
            w->prefix[i + 1] = w->prefix[i] + terms[w->sorted[i]].bound;
    }
    for (Py_ssize_t j = 0; j < nu; j++) open_cursor(ix, &terms[j]);
    Py_ssize_t lazy = prune ? lazy_count(w->prefix, nu, 0, floor) : 0;
    for (;;) {
        int32_t doc = END;
        for (Py_ssize_t i = lazy; i < nu; i++)
            if (terms[w->sorted[i]].doc < doc) doc = terms[w->sorted[i]].doc;
        if (doc == END) break;
        int skip = 0;
        if (prune) {
            int32_t last = END;
            double here = 0.0, span = block_bounds(ix, w, nu, lazy, doc, &here, &last);
            if (span * (1 + SLACK) < floor) {  /* nothing up to `last` can enter: skip */
                for (Py_ssize_t i = lazy; i < nu; i++) seek(ix, &terms[w->sorted[i]], last + 1);
                continue;
            }
            skip = here * (1 + SLACK) < floor;
        }
        if (!skip) {
            double partial = 0.0;
            for (Py_ssize_t i = lazy; i < nu; i++) {
                Term *t = &terms[w->sorted[i]];
                if (t->doc == doc) {
                    t->contrib = impact(ix, t->idf, position(t), doc);
                    partial += t->count * t->contrib;
                }
            }
            skip = !complete(ix, w, lazy, doc, partial, floor);
        }
        if (!skip) {
            Hit hit = {exact(terms, w->order, nq), doc};
            if (hit.score > 0) {
                push(w->heap, &size, k, hit);
                if (prune && size == k && w->heap[0].score > floor) {
                    floor = w->heap[0].score;
                    lazy = lazy_count(w->prefix, nu, lazy, floor);
                }
            }
        }
        for (Py_ssize_t i = 0; i < nu; i++) {
            Term *t = &terms[i];
            t->contrib = 0.0;
            if (t->doc == doc) advance(ix, t);
        }
    }
    return size;
}

/* --- the document ids' codec, for building and growing (numpy's is far slower) --- */

typedef struct {
    Py_buffer docs, indptr, bptr, block_last, gap_at, out;
} Codec;

/* Walk every block of every term: f(term's first posting, block, its first posting, its
 * length, the document its gaps count from). */
#define EACH_BLOCK(c, block, ...)                                                         \
    do {                                                                                  \
        const int64_t *indptr_ = (c)->indptr.buf, *bptr_ = (c)->bptr.buf;                 \
        const int32_t *last_ = (c)->block_last.buf;                                       \
        Py_ssize_t terms_ = (c)->indptr.len / 8 - 1;                                      \
        for (Py_ssize_t t_ = 0; t_ < terms_; t_++) {                                      \
            for (int64_t b = bptr_[t_]; b < bptr_[t_ + 1]; b++) {                         \
                int64_t first = indptr_[t_] + (b - bptr_[t_]) * (block);                  \
                int64_t n = indptr_[t_ + 1] - first < (block) ? indptr_[t_ + 1] - first   \
                                                              : (block);                  \
                int64_t base = b > bptr_[t_] ? last_[b - 1] : -1;                         \
                __VA_ARGS__                                                               \
            }                                                                             \
        }                                                                                 \
    } while (0)

static int codec_buffers(Codec *c, PyObject *docs, PyObject *indptr, PyObject *bptr,
                         PyObject *block_last, PyObject *gap_at, PyObject *out, int writable) {  /* writable: a bit per buffer, in this order */
    memset(c, 0, sizeof(*c));
    PyObject *objects[6] = {docs, indptr, bptr, block_last, gap_at, out};
    Py_buffer *views[6] = {&c->docs, &c->indptr, &c->bptr, &c->block_last, &c->gap_at, &c->out};
    const Py_ssize_t sizes[6] = {4, 8, 8, 4, 8, 1};
    for (int i = 0; i < 6; i++) {
        int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT;
        if (writable & (1 << i)) flags |= PyBUF_WRITABLE;
        if (objects[i] == Py_None) continue;
        if (PyObject_GetBuffer(objects[i], views[i], flags) < 0) return -1;
        if (views[i]->itemsize != sizes[i]) {
            PyErr_SetString(PyExc_TypeError, "unexpected item size");
            return -1;
        }
    }
    return 0;
}

static void codec_release(Codec *c) {
    Py_buffer *views[6] = {&c->docs, &c->indptr, &c->bptr, &c->block_last, &c->gap_at, &c->out};
    for (int i = 0; i < 6; i++)
        if (views[i]->obj) PyBuffer_Release(views[i]);
}

static int check_block(Py_ssize_t block) {
    if (block > 0) return 0;
    PyErr_SetString(PyExc_ValueError, "block must be positive");
    return -1;
}

static PyObject *gap_offsets(PyObject *self, PyObject *args) {
    PyObject *docs, *indptr, *bptr, *block_last, *gap_at;
    Py_ssize_t block;
    Codec c;
    if (!PyArg_ParseTuple(args, "OOOOOn", &docs, &indptr, &bptr, &block_last, &gap_at, &block) ||
        check_block(block) < 0)
        return NULL;
    if (codec_buffers(&c, docs, indptr, bptr, block_last, gap_at, Py_None, 1 << 4) < 0) {
        codec_release(&c);
        return NULL;
    }
    const int32_t *d = c.docs.buf;
    int64_t *at = c.gap_at.buf;
    Py_BEGIN_ALLOW_THREADS
    at[0] = 0;
    EACH_BLOCK(&c, block, {
        int64_t largest = 0, previous = base;
        for (int64_t i = first; i < first + n; i++) {
            if (d[i] - previous - 1 > largest) largest = d[i] - previous - 1;
            previous = d[i];
        }
        at[b + 1] = at[b] + n * (largest < 256 ? 1 : largest < 65536 ? 2 : 4);
    });
    Py_END_ALLOW_THREADS
    codec_release(&c);
    Py_RETURN_NONE;
}

static PyObject *encode_gaps(PyObject *self, PyObject *args) {
    PyObject *docs, *indptr, *bptr, *block_last, *gap_at, *out;
    Py_ssize_t block;
    Codec c;
    if (!PyArg_ParseTuple(args, "OOOOOOn", &docs, &indptr, &bptr, &block_last, &gap_at, &out,
                          &block) || check_block(block) < 0)
        return NULL;
    if (codec_buffers(&c, docs, indptr, bptr, block_last, gap_at, out, 1 << 5) < 0) {
        codec_release(&c);
        return NULL;
    }
    const int32_t *d = c.docs.buf;
    const int64_t *at = c.gap_at.buf;
    uint8_t *o = c.out.buf;
    Py_BEGIN_ALLOW_THREADS
    EACH_BLOCK(&c, block, {
        int64_t width = (at[b + 1] - at[b]) / n, previous = base;
        uint8_t *p = o + at[b];
        for (int64_t i = first; i < first + n; i++) {
            uint32_t gap = (uint32_t)(d[i] - previous - 1);
            previous = d[i];
            if (width == 1) {
                *p++ = (uint8_t)gap;
            } else if (width == 2) {
                p[0] = (uint8_t)gap; p[1] = (uint8_t)(gap >> 8); p += 2;
            } else {
                p[0] = (uint8_t)gap; p[1] = (uint8_t)(gap >> 8);
                p[2] = (uint8_t)(gap >> 16); p[3] = (uint8_t)(gap >> 24); p += 4;
            }
        }
    });
    Py_END_ALLOW_THREADS
    codec_release(&c);
    Py_RETURN_NONE;
}

static PyObject *decode_gaps(PyObject *self, PyObject *args) {
    PyObject *docs, *indptr, *bptr, *block_last, *gap_at, *gaps;
    Py_ssize_t block;
    Codec c;
    if (!PyArg_ParseTuple(args, "OOOOOOn", &gaps, &gap_at, &indptr, &bptr, &block_last, &docs,
                          &block) || check_block(block) < 0)
        return NULL;
    if (codec_buffers(&c, docs, indptr, bptr, block_last, gap_at, gaps, 1 << 0) < 0) {
        codec_release(&c);
        return NULL;
    }
    int32_t *d = c.docs.buf;
    const int64_t *at = c.gap_at.buf;
    const uint8_t *g = c.out.buf;
    Py_BEGIN_ALLOW_THREADS
    EACH_BLOCK(&c, block, {
        int64_t width = (at[b + 1] - at[b]) / n, doc = base;
        const uint8_t *p = g + at[b];
        int32_t *out = d + first;
        if (width == 1) {
            for (int64_t i = 0; i < n; i++) out[i] = (int32_t)(doc += (int64_t)p[i] + 1);
        } else if (width == 2) {
            for (int64_t i = 0; i < n; i++)
                out[i] = (int32_t)(doc += ((int64_t)p[2 * i] | (int64_t)p[2 * i + 1] << 8) + 1);
        } else {
            for (int64_t i = 0; i < n; i++) {
                const uint8_t *q = p + 4 * i;
                out[i] = (int32_t)(doc += ((int64_t)q[0] | (int64_t)q[1] << 8 |
                                           (int64_t)q[2] << 16 | (int64_t)q[3] << 24) + 1);
            }
        }
    });
    Py_END_ALLOW_THREADS
    codec_release(&c);
    Py_RETURN_NONE;
}

/* --- Python glue --- */

static int get_buffers(PyObject *arrays, Py_buffer *views, Index *ix) {
    if (!PyTuple_Check(arrays) || PyTuple_GET_SIZE(arrays) != NARRAYS) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %d arrays", NARRAYS);
        return -1;
    }
    for (int i = 0; i < NARRAYS; i++) {
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(arrays, i), &views[i],
                               PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            for (int j = 0; j < i; j++) PyBuffer_Release(&views[j]);
            return -1;
        }
        Py_ssize_t size = views[i].itemsize;
        if ((SIZES[i] && size != SIZES[i]) || (!SIZES[i] && size != 1 && size != 2 &&
                                               size != 4 && size != 8)) {
            PyErr_Format(PyExc_TypeError, "%s has items of %zd bytes", NAMES[i], size);
            for (int j = 0; j <= i; j++) PyBuffer_Release(&views[j]);
            return -1;
        }
    }
    ix->doc_gaps = views[DOC_GAPS].buf;
    ix->gap_at = views[GAP_AT].buf;
    ix->tf8 = views[TF8].buf;
    ix->over_at = views[OVER_AT].buf;
    ix->over_tf = views[OVER_TF].buf;
    ix->n_over = views[OVER_AT].len / 8;
    ix->doc_len = views[DOC_LEN].buf;
    ix->len_size = (int)views[DOC_LEN].itemsize;
    ix->indptr = views[INDPTR].buf;
    ix->bptr = views[BPTR].buf;
    ix->block_last = views[BLOCK_LAST].buf;
    ix->block_fmax = views[BLOCK_FMAX].buf;
    ix->term_fmax = views[TERM_FMAX].buf;
    ix->idf = views[IDF].buf;
    ix->n_terms = views[IDF].len / 8;
    ix->norms = views[NORMS].buf;
    ix->n_norms = (uint64_t)(views[NORMS].len / 8);
    return 0;
}

static void release(Py_buffer *views) {
    for (int i = 0; i < NARRAYS; i++) PyBuffer_Release(&views[i]);
}

static int allocate(Work *w, Py_ssize_t nu, Py_ssize_t nq, Py_ssize_t k, Py_ssize_t seed,
                    Py_ssize_t block) {
    memset(w, 0, sizeof(*w));
    w->terms = calloc((size_t)nu, sizeof(Term));
    w->probes = calloc((size_t)nu, sizeof(Term));
    w->bufs = calloc((size_t)(2 * nu * block), sizeof(int32_t));
    w->order = calloc((size_t)nq, sizeof(int));
    w->sorted = calloc((size_t)nu, sizeof(int));
    w->prefix = calloc((size_t)nu + 1, sizeof(double));
    w->heap = calloc((size_t)k, sizeof(Hit));
    w->seed_docs = calloc((size_t)seed + 1, sizeof(int32_t));
    return w->terms && w->probes && w->bufs && w->order && w->sorted && w->prefix && w->heap && w->seed_docs ? 0 : -1;
}

static void deallocate(Work *w) {
    free(w->terms); free(w->probes); free(w->bufs); free(w->order); free(w->sorted); free(w->prefix); free(w->heap);
    free(w->seed_docs);
}

/* Distinct terms in first-seen order, with their counts and bounds, and per query
 * position the distinct term it is. */
static int read_query(const Index *ix, PyObject *query, Work *w, Py_ssize_t nq, Py_ssize_t *nu) {
    *nu = 0;
    for (Py_ssize_t i = 0; i < nq; i++) {
        Py_ssize_t term = PyLong_AsSsize_t(PyList_GET_ITEM(query, i));
        if (term == -1 && PyErr_Occurred()) return -1;
        if (term < 0 || term >= ix->n_terms) {
            PyErr_SetString(PyExc_IndexError, "term id out of range");
            return -1;
        }
        Py_ssize_t j = 0;
        while (j < *nu && w->terms[j].id != term) j++;
        if (j == *nu) {
            Term *t = &w->terms[(*nu)++];
            t->id = term;
            t->start = ix->indptr[term];
            t->end = ix->indptr[term + 1];
            t->bstart = t->blk = t->cblk = ix->bptr[term];
            t->bend = ix->bptr[term + 1];
            t->buf = w->bufs + (j * ix->block);
            t->idf = ix->idf[term];
        }
        w->terms[j].count += 1.0;
        w->order[i] = (int)j;
    }
    for (Py_ssize_t j = 0; j < *nu; j++) {
        Term *t = &w->terms[j];
        t->weight = t->count * t->idf;
        t->bound = t->weight * ix->term_fmax[t->id] * ix->scale;
    }
    return 0;
}

static PyObject *top_k(PyObject *self, PyObject *args) {
    PyObject *arrays, *query;
    Py_ssize_t k, seed, block;
    double k1, b, avgdl, scale;
    if (!PyArg_ParseTuple(args, "OO!nnddddn", &arrays, &PyList_Type, &query, &k, &seed,
                          &k1, &b, &avgdl, &scale, &block))
        return NULL;
    Py_ssize_t nq = PyList_GET_SIZE(query);
    if (k <= 0 || nq == 0) return PyList_New(0);
    if (seed < 0) seed = 0;
    if (block <= 0) {
        PyErr_SetString(PyExc_ValueError, "block must be positive");
        return NULL;
    }
    Py_buffer views[NARRAYS];
    Index ix;
    if (get_buffers(arrays, views, &ix) < 0) return NULL;
    Py_ssize_t n_docs = views[DOC_LEN].len / views[DOC_LEN].itemsize;
    if (k > n_docs) k = n_docs;  /* the heap never holds more than every document */
    if (k == 0) {
        release(views);
        return PyList_New(0);
    }
    ix.k1 = k1; ix.b = b; ix.avgdl = avgdl; ix.scale = scale; ix.block = block;
    Work w;
    Py_ssize_t nu = 0, found = 0;
    if (allocate(&w, nq, nq, k, seed, block) < 0) {
        deallocate(&w);
        release(views);
        return PyErr_NoMemory();
    }
    if (read_query(&ix, query, &w, nq, &nu) < 0) {
        deallocate(&w);
        release(views);
        return NULL;
    }
    int prune = 1;
    for (Py_ssize_t j = 0; j < nu; j++)
        if (!(w.terms[j].idf >= 0)) prune = 0;  /* negative idf breaks every bound */
    Py_BEGIN_ALLOW_THREADS
    found = maxscore(&ix, &w, nu, nq, k, seed, prune);
    qsort(w.heap, (size_t)found, sizeof(Hit), by_rank);
    Py_END_ALLOW_THREADS
    PyObject *result = PyList_New(found);
    for (Py_ssize_t i = 0; result && i < found; i++) {
        PyObject *pair = Py_BuildValue("(id)", (int)w.heap[i].doc, w.heap[i].score);
        if (!pair) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, i, pair);
    }
    deallocate(&w);
    release(views);
    return result;
}

static PyMethodDef METHODS[] = {
    {"top_k", top_k, METH_VARARGS,
     "top_k(arrays, term_ids, k, seed, k1, b, avgdl, bound_scale, block) -> [(doc, score)]\n"
     "The k best documents scoring above zero, by score desc then doc asc, with\n"
     "rank-bm25's scores. arrays: doc_gaps, gap_at, tf8, over_at, over_tf, doc_len, indptr, bptr,\n"
     "block_last, block_fmax, term_fmax, idf (see retrieval/postings.py), and norms: the\n"
     "length term k1*(1-b+b*dl/avgdl) of every length dl below its size, computed with\n"
     "the same operations (a table, so a posting costs one division, not two)."},
    {"gap_offsets", gap_offsets, METH_VARARGS,
     "gap_offsets(docs, indptr, bptr, block_last, gap_at_out, block): fill gap_at"},
    {"encode_gaps", encode_gaps, METH_VARARGS,
     "encode_gaps(docs, indptr, bptr, block_last, gap_at, doc_gaps_out, block)"},
    {"decode_gaps", decode_gaps, METH_VARARGS,
     "decode_gaps(doc_gaps, gap_at, indptr, bptr, block_last, docs_out, block)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_kernel",
                                    "BM25 top-k over compact postings, in C.", -1, METHODS};

PyMODINIT_FUNC PyInit__kernel(void) { return PyModule_Create(&MODULE); }

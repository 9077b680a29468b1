/* The BM25 top-k loop in C: one call per query instead of dozens of numpy calls.
 *
 * Document-at-a-time MaxScore over the compact postings of retrieval/postings.py,
 * read through the buffer protocol (no numpy headers at build time), with block maxima
 * bounding what a term can add to a document before its postings are read. Scores are
 * rank-bm25's to the bit: each contribution is idf * (tf*(k1+1) / (tf + k1*(1-b+b*dl/avgdl)))
 * in those float64 operations (built with -ffp-contract=off, so no fused multiply-add),
 * and a document's contributions are added in query order, duplicates included, as
 * BM25Okapi.get_scores adds them. Pruning only ever skips documents whose upper bound,
 * widened by a relative slack, is below the k-th best score found so far, so the top k
 * and its tie order (score desc, document index asc) are exactly the dense ones.
 * The GIL is released while scoring: the buffers stay exported, so nothing moves.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLACK 1e-9
#define END INT32_MAX

enum { DOCS, TF8, OVER_AT, OVER_TF, DOC_LEN, INDPTR, BPTR, BLOCK_LAST, BLOCK_FMAX, TERM_FMAX,
       IDF, NARRAYS };
static const char *NAMES[NARRAYS] = {"docs", "tf8", "over_at", "over_tf", "doc_len", "indptr",
                                     "bptr", "block_last", "block_fmax", "term_fmax", "idf"};
static const Py_ssize_t SIZES[NARRAYS] = {4, 1, 8, 4, 0, 8, 8, 4, 8, 8, 8};

typedef struct {
    const int32_t *docs;
    const uint8_t *tf8;
    const int64_t *over_at;
    const uint32_t *over_tf;
    const void *doc_len;
    int len_size;
    const int64_t *indptr, *bptr;
    const int32_t *block_last;
    const double *block_fmax, *term_fmax, *idf;
    Py_ssize_t n_over, n_terms;
    double k1, b, avgdl, scale;
    Py_ssize_t block;
} Index;

typedef struct {  /* one distinct query term */
    int64_t start, end, pos;     /* its postings, and the cursor */
    int64_t bstart, bend, blk;   /* its blocks, and the block the cursor's target is in */
    Py_ssize_t id;               /* its term id */
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
    double norm = ix->k1 * ((1.0 - ix->b) + ix->b * (double)doc_length(ix, doc) / ix->avgdl);
    return idf * (freq * (ix->k1 + 1.0) / (freq + norm));
}

static inline int32_t current(const Index *ix, const Term *t) {
    return t->pos < t->end ? ix->docs[t->pos] : END;
}

/* Move the block pointer to the block that would hold doc; false when past the last. */
static inline int seek_block(const Index *ix, Term *t, int32_t doc) {
    while (t->blk < t->bend && ix->block_last[t->blk] < doc) t->blk++;
    return t->blk < t->bend;
}

static inline double block_bound(const Index *ix, const Term *t) {
    return t->blk < t->bend ? t->weight * ix->block_fmax[t->blk] * ix->scale : 0.0;
}

/* Move the cursor to the first posting >= doc (the block pointer already holds it). */
static void seek(const Index *ix, Term *t, int32_t doc) {
    if (!seek_block(ix, t, doc)) {
        t->pos = t->end;
        return;
    }
    int64_t lo = t->start + (t->blk - t->bstart) * ix->block;
    if (lo < t->pos) lo = t->pos;
    int64_t hi = t->start + (t->blk - t->bstart + 1) * ix->block;
    if (hi > t->end) hi = t->end;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (ix->docs[mid] < doc) lo = mid + 1; else hi = mid;
    }
    t->pos = lo;
}

/* The impact of term t on doc by binary search, leaving no cursor behind. */
static double lookup(const Index *ix, const Term *t, int32_t doc) {
    Term probe = *t;
    probe.pos = probe.start;
    probe.blk = probe.bstart;
    int64_t lo = probe.bstart, hi = probe.bend;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (ix->block_last[mid] < doc) lo = mid + 1; else hi = mid;
    }
    probe.blk = lo;
    seek(ix, &probe, doc);
    return current(ix, &probe) == doc ? impact(ix, probe.idf, probe.pos, doc) : 0.0;
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

/* --- the floor: exact scores of the rarest terms' first documents --- */

static int by_int32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* A lower bound of the k-th best score: the k-th best exact score among the first
 * postings (up to seed) of the rarest terms; 0 when fewer than k of them score. */
static double seed_floor(const Index *ix, Term *terms, Py_ssize_t nu, const int *order,
                         Py_ssize_t nq, Py_ssize_t k, Py_ssize_t seed, int32_t *docs,
                         Hit *heap) {
    Py_ssize_t n = 0;
    int *taken = calloc((size_t)nu, sizeof(int));
    if (!taken) return 0.0;
    for (;;) {  /* rarest untaken term first, while its postings fit the budget */
        Py_ssize_t best = -1;
        for (Py_ssize_t j = 0; j < nu; j++)
            if (!taken[j] && (best < 0 || terms[j].end - terms[j].start <
                                          terms[best].end - terms[best].start)) best = j;
        if (best < 0) break;
        int64_t df = terms[best].end - terms[best].start;
        if (n > 0 && n + df > seed) break;
        taken[best] = 1;
        for (int64_t p = terms[best].start; p < terms[best].end && n < seed; p++)
            docs[n++] = ix->docs[p];
    }
    free(taken);
    if (n < k) return 0.0;
    qsort(docs, (size_t)n, sizeof(int32_t), by_int32);
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i > 0 && docs[i] == docs[i - 1]) continue;
        for (Py_ssize_t j = 0; j < nu; j++) terms[j].contrib = lookup(ix, &terms[j], docs[i]);
        Hit hit = {exact(terms, order, nq), docs[i]};
        if (hit.score > 0) push(heap, &size, k, hit);
    }
    for (Py_ssize_t j = 0; j < nu; j++) terms[j].contrib = 0.0;
    return size == k ? heap[0].score : 0.0;
}

/* --- document-at-a-time MaxScore --- */

static int by_bound(const void *a, const void *b, void *terms_) {
    const Term *terms = terms_;
    double x = terms[*(const int *)a].bound, y = terms[*(const int *)b].bound;
    return (x > y) - (x < y);
}

typedef struct {
    Term *terms;
    int *order;      /* query position -> distinct term */
    int *sorted;     /* distinct terms by bound, ascending */
    double *prefix;  /* prefix[i]: sum of the i smallest bounds */
    Hit *heap;
    int32_t *seed_docs;
} Work;

/* Bounds from the blocks: every term's block that would hold doc (a block spans the
 * documents after the previous block's last, up to its own last), so their sum bounds
 * every document up to the nearest of those lasts (returned); `here` counts only the
 * essential terms that hold doc itself, with every lazy one. */
static double block_bounds(const Index *ix, Work *w, Py_ssize_t nu, Py_ssize_t lazy,
                           int32_t doc, double *here, int32_t *last) {
    double span = 0.0;
    for (Py_ssize_t i = 0; i < nu; i++) {
        Term *t = &w->terms[w->sorted[i]];
        if (i >= lazy)
            t->blk = t->pos < t->end ? t->bstart + (t->pos - t->start) / ix->block : t->bend;
        else
            seek_block(ix, t, doc);
        if (t->blk == t->bend) continue;
        double bound = block_bound(ix, t);
        span += bound;
        if (i < lazy || current(ix, t) == doc) *here += bound;
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

static Py_ssize_t maxscore(const Index *ix, Work *w, Py_ssize_t nu, Py_ssize_t nq,
                           Py_ssize_t k, Py_ssize_t seed, int prune) {
    Term *terms = w->terms;
    Py_ssize_t size = 0;
    double floor = -INFINITY;  /* documents whose bound is below it cannot enter */
    if (prune) {
        floor = seed_floor(ix, terms, nu, w->order, nq, k, seed, w->seed_docs, w->heap);
        for (Py_ssize_t i = 0; i < nu; i++) w->sorted[i] = (int)i;
        qsort_r(w->sorted, (size_t)nu, sizeof(int), by_bound, terms);
        w->prefix[0] = 0.0;
        for (Py_ssize_t i = 0; i < nu; i++) w->prefix[i + 1] = w->prefix[i] + terms[w->sorted[i]].bound;
    } else {
        for (Py_ssize_t i = 0; i < nu; i++) w->sorted[i] = (int)i;
    }
    Py_ssize_t lazy = prune ? lazy_count(w->prefix, nu, 0, floor) : 0;
    for (;;) {
        int32_t doc = END;
        for (Py_ssize_t i = lazy; i < nu; i++) {
            int32_t d = current(ix, &terms[w->sorted[i]]);
            if (d < doc) doc = d;
        }
        if (doc == END) break;
        int skip = 0;
        double partial = 0.0;
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
            for (Py_ssize_t i = lazy; i < nu; i++) {
                Term *t = &terms[w->sorted[i]];
                if (current(ix, t) == doc) {
                    t->contrib = impact(ix, t->idf, t->pos, doc);
                    partial += t->count * t->contrib;
                }
            }
            for (Py_ssize_t i = lazy - 1; i >= 0; i--) {  /* largest bound first */
                double rest = 0.0;
                for (Py_ssize_t j = 0; j <= i; j++) rest += block_bound(ix, &terms[w->sorted[j]]);
                if ((partial + rest) * (1 + SLACK) < floor) {
                    skip = 1;
                    break;
                }
                Term *t = &terms[w->sorted[i]];
                seek(ix, t, doc);
                if (current(ix, t) == doc) {
                    t->contrib = impact(ix, t->idf, t->pos, doc);
                    partial += t->count * t->contrib;
                }
            }
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
            if (current(ix, t) == doc) t->pos++;
        }
    }
    return size;
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
    ix->docs = views[DOCS].buf;
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
    return 0;
}

static void release(Py_buffer *views) {
    for (int i = 0; i < NARRAYS; i++) PyBuffer_Release(&views[i]);
}

static int allocate(Work *w, Py_ssize_t nu, Py_ssize_t nq, Py_ssize_t k, Py_ssize_t seed) {
    memset(w, 0, sizeof(*w));
    w->terms = calloc((size_t)nu, sizeof(Term));
    w->order = calloc((size_t)nq, sizeof(int));
    w->sorted = calloc((size_t)nu, sizeof(int));
    w->prefix = calloc((size_t)nu + 1, sizeof(double));
    w->heap = calloc((size_t)k, sizeof(Hit));
    w->seed_docs = calloc((size_t)seed + 1, sizeof(int32_t));
    return w->terms && w->order && w->sorted && w->prefix && w->heap && w->seed_docs ? 0 : -1;
}

static void deallocate(Work *w) {
    free(w->terms); free(w->order); free(w->sorted); free(w->prefix); free(w->heap);
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
            t->start = t->pos = ix->indptr[term];
            t->end = ix->indptr[term + 1];
            t->bstart = t->blk = ix->bptr[term];
            t->bend = ix->bptr[term + 1];
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
    ix.k1 = k1; ix.b = b; ix.avgdl = avgdl; ix.scale = scale; ix.block = block;
    Work w;
    Py_ssize_t nu = 0, found = 0;
    if (allocate(&w, nq, nq, k, seed) < 0) {
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
     "rank-bm25's scores. arrays: docs, tf8, over_at, over_tf, doc_len, indptr, bptr,\n"
     "block_last, block_fmax, term_fmax, idf (see retrieval/postings.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_kernel",
                                    "BM25 top-k over compact postings, in C.", -1, METHODS};

PyMODINIT_FUNC PyInit__kernel(void) { return PyModule_Create(&MODULE); }

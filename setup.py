"""The optional C kernel of the BM25 index (retrieval/_kernel.c); everything else about
the package is declared in pyproject.toml.

``optional=True``: without a C compiler the install still succeeds and the index
answers through its numpy path, exactly but more slowly. ``-ffp-contract=off`` keeps
the compiler from fusing a multiply and an add, which would change the last bit of a
score and so break equality with rank-bm25's."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "retrieval._kernel",
            sources=["retrieval/_kernel.c"],
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math"],
            optional=True,
        )
    ]
)

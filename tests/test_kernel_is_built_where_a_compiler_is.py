"""The BM25 C kernel is optional at install (no compiler: the numpy path answers, exactly
but slower), so a broken build would only show as slowness; where a C compiler is
installed, as on CI, it must have been built and be the path queries take."""

from __future__ import annotations

import shlex
import shutil
import sysconfig

import pytest

import retrieval.bm25 as bm25_module
import retrieval.postings as postings_module


def test_kernel_is_built_and_used_when_a_compiler_is_installed() -> None:
    compiler = shlex.split(sysconfig.get_config_var("CC") or "cc")[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}) on this machine: the numpy path serves")
    assert bm25_module.kernel is not None, "retrieval._kernel was not built at install"
    assert postings_module.kernel is bm25_module.kernel
